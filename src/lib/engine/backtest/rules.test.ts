// Pattern rules mined inside a training fold: found where churn really follows two measures
// together, not found where it follows them one at a time, written as a named pattern rule.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { parseModelOrThrow } from '../model/parse';
import type { FeatureColumn } from './features';
import { fitCard } from './fold-fit';
import { minedPatterns } from './fit-model';
import { designMatrix } from './logistic';
import { mineRules, ruleFires, withRuleColumns } from './rules';

const columns: FeatureColumn[] = ['usage', 'tickets', 'noise'].map((id) => ({
  kind: 'measure',
  id,
  categories: null,
}));

/** 6,000 accounts (one row each): usage, tickets, noise in [0, 1) and a churn label. */
function book(seed: number, churnOdds: (usage: number, tickets: number) => number) {
  const random = createRandom(seed);
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 6000; i++) {
    const usage = random.next();
    const tickets = random.next();
    rows.push([usage, tickets, random.next()]);
    y.push(random.chance(churnOdds(usage, tickets)) ? 1 : 0);
  }
  const ids = rows.map((_, i) => `a${i}`);
  return { raw: designMatrix(rows), y, ids, train: Uint32Array.from(rows.keys()) };
}

describe('mined pattern rules', () => {
  it('finds low usage together with many tickets when churn needs both', () => {
    // Churn is 5% unless usage is low AND tickets are many, where it is 70%: a weighted sum of
    // the two cannot place that corner, a rule can.
    const b = book(3, (u, t) => (u < 0.3 && t > 0.7 ? 0.7 : 0.05));
    const fit = fitCard(b.raw, b.y, b.ids, b.train, columns, { innerFolds: 3 });
    expect(fit.rules.length).toBeGreaterThanOrEqual(1);
    const [rule] = fit.rules;
    expect(rule.conditions.map((c) => [c.column, c.op])).toEqual([
      [0, '<='],
      [1, '>='],
    ]);
    expect(rule.conditions[0].value).toBeGreaterThan(0.15);
    expect(rule.conditions[0].value).toBeLessThan(0.45);
    expect(rule.conditions[1].value).toBeGreaterThan(0.55);
    expect(rule.chi2).toBeGreaterThanOrEqual(12);
    expect(rule.checkChi2).toBeGreaterThanOrEqual(3.84);
    // The refitted card reads the rule as one more column, after the features.
    expect(fit.card.measures.some((m) => m.column === 3)).toBe(true);
    const ruled = withRuleColumns(b.raw, fit.rules);
    expect(ruled.cols).toBe(3 + fit.rules.length);
    for (let r = 0; r < 50; r++)
      expect(ruled.data[r * ruled.cols + 3]).toBe(ruleFires(rule, b.raw, r));
  });

  it('finds none when churn follows each measure on its own', () => {
    for (const seed of [1, 2, 3]) {
      const b = book(seed, (u, t) => 1 / (1 + Math.exp(-(-1.5 - 2 * u + 2 * t))));
      expect(fitCard(b.raw, b.y, b.ids, b.train, columns, { innerFolds: 3 }).rules).toEqual([]);
    }
  });

  it('reads only the training rows', () => {
    const b = book(3, (u, t) => (u < 0.3 && t > 0.7 ? 0.7 : 0.05));
    const train = b.train.filter((r) => r % 2 === 0);
    const logit = new Float64Array(b.y.length).fill(Math.log(0.1 / 0.9));
    const sides = [
      { column: 0, riskSide: '<=' as const },
      { column: 1, riskSide: '>=' as const },
      { column: 2, riskSide: '<=' as const },
    ];
    const before = mineRules(b.raw, b.y, train, sides, logit, b.ids);
    // Scrambling every held-out label changes nothing.
    const y2 = b.y.map((v, r) => (r % 2 === 0 ? v : 1 - v));
    expect(mineRules(b.raw, y2, train, sides, logit, b.ids)).toEqual(before);
  });

  it('is written as a named pattern rule of the model', () => {
    const base = parseModelOrThrow({
      format: 'canary-model/1',
      id: 'm',
      name: 'M',
      version: 1,
      groups: [
        {
          id: 'g',
          name: 'G',
          weight: 1,
          measures: columns.map((c) => ({
            id: c.id,
            name: c.id === 'usage' ? 'Active users per licensed seat' : 'Tickets (90-day total)',
            weight: 1,
            source: { kind: 'attribute', attribute: c.id },
            scoring: { type: 'linear', red: 0, green: 1 },
            horizon: 'leading',
            nature: 'activity',
            format: c.id === 'usage' ? 'ratioPercent' : 'number',
          })),
        },
      ],
    });
    const [p] = minedPatterns(
      [
        {
          conditions: [
            { column: 0, op: '<=', value: 0.3 },
            { column: 1, op: '>=', value: 12 },
          ],
          fired: 200,
          churned: 90,
          chi2: 80,
          checkChi2: 20,
        },
      ],
      columns,
      base,
    );
    expect(p.name).toBe(
      'Active users per licensed seat at most 30% and tickets (90-day total) at least 12',
    );
    expect(p.conditions).toEqual([
      { measure: 'usage', op: '<=', value: 0.3 },
      { measure: 'tickets', op: '>=', value: 12 },
    ]);
    expect(p.description).toContain('90 of the 200 outcomes');
  });
});
