// The L2 strength chosen inside a training fold: from the grid by inner folds when churns are
// few, kept at 1 (no inner choice, still recalibrated) when they are many.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import type { FeatureColumn } from './features';
import { C_CHOICE_MAX_CHURNS, fitCard } from './fold-fit';
import { designMatrix } from './logistic';
import { C_GRID, chooseC } from './scorecard';

/** `n` rows of four measures in [0, 1); churn odds follow the first two, the rest are noise. */
function rowsOf(n: number, seed: number, base: number) {
  const random = createRandom(seed);
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [random.next(), random.next(), random.next(), random.next()];
    rows.push(x);
    y.push(random.chance(1 / (1 + Math.exp(-(base - 2 * x[0] + 1.5 * x[1])))) ? 1 : 0);
  }
  const columns: FeatureColumn[] = ['a', 'b', 'c', 'd'].map((id) => ({
    kind: 'measure',
    id,
    categories: null,
  }));
  return {
    raw: designMatrix(rows),
    y,
    ids: rows.map((_, i) => `acct${i}`),
    train: Uint32Array.from(rows.keys()),
    columns,
  };
}

describe('C chosen inside a training fold', () => {
  it('picks from the grid by inner AUC, and maps probabilities from the same inner scores', () => {
    const b = rowsOf(400, 1, -1);
    const choice = chooseC(b.raw, b.y, b.ids, b.train, 5, {}, 1)!;
    expect(choice.aucs).toHaveLength(C_GRID.length);
    for (const auc of choice.aucs) expect(auc).toBeGreaterThan(0.6);
    const best = Math.max(...choice.aucs);
    // The first C (strongest penalty) reaching the best inner AUC.
    expect(choice.C).toBe(C_GRID[choice.aucs.findIndex((a) => a >= best - 1e-12)]);
    // Higher scores are healthier, so the mapping's slope b is positive (less churn).
    expect(choice.calibration.b).toBeGreaterThan(0);
    const fit = fitCard(b.raw, b.y, b.ids, b.train, b.columns, { rules: false });
    expect(C_GRID).toContain(fit.C);
    expect(fit.innerCalibrated).toBe(true);
  });

  it(`keeps C = 1 on training rows with more than ${C_CHOICE_MAX_CHURNS} churns, still recalibrated`, () => {
    const b = rowsOf(3000, 2, 0);
    const churns = b.y.reduce((s, v) => s + v, 0);
    expect(churns).toBeGreaterThan(C_CHOICE_MAX_CHURNS);
    const fit = fitCard(b.raw, b.y, b.ids, b.train, b.columns, { rules: false });
    expect(fit.C).toBeNull();
    expect(fit.innerCalibrated).toBe(true);
    // The same card as C = 1 given outright.
    const given = fitCard(b.raw, b.y, b.ids, b.train, b.columns, { rules: false, C: 1 });
    expect(fit.card.measures).toEqual(given.card.measures);
    expect(fit.card.calibration).toEqual(given.card.calibration);
    // Fewer churns than the bar on the same kind of book: chosen.
    const few = rowsOf(1500, 2, 0);
    expect(few.y.reduce((s, v) => s + v, 0)).toBeLessThanOrEqual(C_CHOICE_MAX_CHURNS);
    expect(C_GRID).toContain(fitCard(few.raw, few.y, few.ids, few.train, few.columns, {}).C);
  });
});
