// Pattern rules mined inside a training fold: found where churn really follows two measures
// together, not found where it follows them one at a time, written as a named pattern rule.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { parseModelOrThrow } from '../model/parse';
import type { FeatureColumn } from './features';
import { fitCard } from './fold-fit';
import { designMatrix } from './logistic';
import { fitModel, minedPatterns } from './fit-model';
import { runBacktest } from './run';
import { prepareBook } from '../index';
import type { Book } from '../types';
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

  it('narrows the pair by a third condition only when churn needs all three', () => {
    // Churn is 80% where usage is low, tickets are many AND the third measure is low (half the
    // accounts), 3% elsewhere: the pair alone would put half its rows at 3% too high a risk.
    const random = createRandom(8);
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 6000; i++) {
      const [u, t, v] = [random.next(), random.next(), random.next()];
      rows.push([u, t, v]);
      y.push(random.chance(u < 0.3 && t > 0.7 && v < 0.5 ? 0.8 : 0.03) ? 1 : 0);
    }
    const ids = rows.map((_, i) => `a${i}`);
    const fit = fitCard(designMatrix(rows), y, ids, Uint32Array.from(rows.keys()), columns, {
      innerFolds: 3,
    });
    const [rule] = fit.rules;
    expect(rule.conditions.map((c) => [c.column, c.op])).toEqual([
      [0, '<='],
      [1, '>='],
      [2, '<='],
    ]);
    expect(rule.conditions[2].value).toBeGreaterThan(0.35);
    expect(rule.conditions[2].value).toBeLessThan(0.65);
    expect(rule.fired).toBe(rows.filter((row) => ruleFires(rule, designMatrix([row]), 0)).length);
    // Where churn needs only two (the third measure is noise), no seed adds it.
    for (const seed of [1, 2, 3, 4]) {
      const b = book(seed, (u, t) => (u < 0.3 && t > 0.7 ? 0.7 : 0.05));
      const rules = fitCard(b.raw, b.y, b.ids, b.train, columns, { innerFolds: 3 }).rules;
      expect(rules.length).toBeGreaterThanOrEqual(1);
      for (const r of rules) expect(r.conditions).toHaveLength(2);
    }
  });

  it('finds none when churn follows each measure on its own', () => {
    for (const seed of [1, 2, 3]) {
      const b = book(seed, (u, t) => 1 / (1 + Math.exp(-(-1.5 - 2 * u + 2 * t))));
      expect(fitCard(b.raw, b.y, b.ids, b.train, columns, { innerFolds: 3 }).rules).toEqual([]);
    }
  });

  it('finds a risky category together with low usage', () => {
    const random = createRandom(5);
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 6000; i++) {
      const usage = random.next();
      const plan = random.int(0, 2); // annual, monthly, two-year
      rows.push([usage, plan]);
      const p = plan === 1 && usage < 0.3 ? 0.7 : plan === 1 ? 0.12 : 0.04;
      y.push(random.chance(p) ? 1 : 0);
    }
    const cols: FeatureColumn[] = [
      { kind: 'measure', id: 'usage', categories: null },
      { kind: 'measure', id: 'plan', categories: ['annual', 'monthly', 'two-year'] },
    ];
    const ids = rows.map((_, i) => `a${i}`);
    const fit = fitCard(designMatrix(rows), y, ids, Uint32Array.from(rows.keys()), cols, {
      innerFolds: 3,
    });
    expect(fit.rules[0]?.conditions).toContainEqual({ column: 1, op: '=', value: 1 });
    expect(fit.rules[0].conditions[0]).toMatchObject({ column: 0, op: '<=' });
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
            name:
              c.id === 'usage'
                ? 'Active users per licensed seat'
                : c.id === 'tickets'
                  ? 'Tickets (90-day total)'
                  : 'Logins (90-day mean)',
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
    const [three] = minedPatterns(
      [
        {
          conditions: [
            { column: 0, op: '<=', value: 0.3 },
            { column: 1, op: '>=', value: 12 },
            { column: 2, op: '<=', value: 4 },
          ],
          fired: 80,
          churned: 50,
          chi2: 40,
          checkChi2: 9,
        },
      ],
      columns,
      base,
    );
    expect(three.name).toBe(
      'Active users per licensed seat at most 30%, tickets (90-day total) at least 12 and logins (90-day mean) at most 4',
    );
    expect(three.conditions).toHaveLength(3);
    const [q] = minedPatterns(
      [
        {
          conditions: [
            { column: 0, op: '<=', value: 0.3 },
            { column: 3, op: '=', value: 1 },
          ],
          fired: 120,
          churned: 60,
          chi2: 40,
          checkChi2: 9,
        },
      ],
      [...columns, { kind: 'measure', id: 'plan', categories: ['annual', 'monthly'] }],
      parseModelOrThrow({
        ...base,
        groups: [
          ...base.groups,
          {
            id: 'h',
            name: 'H',
            weight: 1,
            measures: [
              {
                id: 'plan',
                name: 'Plan',
                weight: 1,
                source: { kind: 'attribute', attribute: 'plan_name' },
                scoring: { type: 'categorical', points: {}, otherwise: 50 },
                horizon: 'leading',
                nature: 'activity',
              },
            ],
          },
        ],
      }),
    );
    expect(q.name).toBe('Active users per licensed seat at most 30% and plan is monthly');
    expect(q.conditions[1]).toEqual({ attribute: 'plan_name', op: '=', value: 'monthly' });
  });
});

describe('a mined rule in the fitted model', () => {
  it('is written as a pattern that subtracts points, and the model scores as the card does', () => {
    // One snapshot per customer (usage as a series dated 60 days before its outcome, plan as a
    // text attribute): churn 70% on the monthly plan with low usage, 12% on monthly, 4% else.
    const random = createRandom(7);
    const book: Book = { accounts: [], series: [], outcomes: [], pulses: [], overrides: [] };
    const snapshot = 20_000;
    for (let i = 0; i < 4000; i++) {
      const id = `c${i}`;
      const usage = random.next();
      const plan = random.pick(['annual', 'monthly', 'two-year']);
      book.accounts.push({
        id,
        name: id,
        segment: null,
        arr: null,
        seats: null,
        contractStart: null,
        renewalDate: null,
        owner: null,
        attributes: { plan },
      });
      book.series.push({
        accountId: id,
        metric: 'usage',
        days: Int32Array.of(snapshot),
        values: Float64Array.of(usage),
      });
      const p = plan === 'monthly' && usage < 0.3 ? 0.7 : plan === 'monthly' ? 0.12 : 0.04;
      book.outcomes.push({
        accountId: id,
        day: snapshot + 60,
        outcome: random.chance(p) ? 'churned' : 'renewed',
        reason: null,
        avoidable: null,
      });
    }
    const prepared = prepareBook(book);
    const fit = fitModel(prepared, { horizonDays: 60 });
    const [rule] = fit.model.patterns;
    expect(rule.name).toMatch(/^Usage at most 0\.\d and plan is monthly$/);
    expect(rule.subtractPoints).toBeGreaterThan(0);
    expect(rule.conditions).toContainEqual({ attribute: 'plan', op: '=', value: 'monthly' });
    // The model, scored by the engine, ranks the outcomes as the fit's own card did.
    const inSample = runBacktest(prepared, fit.model, { horizons: [60] }).reports[0];
    expect(inSample.auc!).toBeGreaterThan(0.8);
    expect(fit.outOfSample.auc!).toBeGreaterThan(inSample.auc! - 0.02);
  });
});
