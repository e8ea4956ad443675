import { describe, expect, it } from 'vitest';
import { calibrationSlope } from './calibration';

const logit = (q: number) => Math.log(q / (1 - q));
const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

/**
 * Ten outcomes at each true churn rate 0.1, 0.2, …, 0.9 with exactly that many churned: the
 * maximum-likelihood fit of y on logit(q) is then exactly intercept 0, slope 1 (its score
 * equations Σ(y − q) = 0 and Σ(y − q)·logit(q) = 0 hold group by group).
 */
function exactBook(): { y: number[]; q: number[] } {
  const y: number[] = [];
  const q: number[] = [];
  for (let k = 1; k <= 9; k++) {
    for (let i = 0; i < 10; i++) {
      q.push(k / 10);
      y.push(i < k ? 1 : 0);
    }
  }
  return { y, q };
}

describe('calibrationSlope', () => {
  it('is 1 (intercept 0) for perfectly calibrated probabilities', () => {
    const { y, q } = exactBook();
    const c = calibrationSlope(y, q)!;
    expect(c.slope).toBeCloseTo(1, 4);
    expect(c.intercept).toBeCloseTo(0, 4);
    expect(c.n).toBe(90);
  });

  it('is below 1 for overconfident probabilities (too far from the base rate)', () => {
    const { y, q } = exactBook();
    // Doubling the log-odds pushes every prediction towards 0 or 1: the slope halves.
    const over = q.map((v) => sigmoid(2 * logit(v)));
    expect(calibrationSlope(y, over)!.slope).toBeCloseTo(0.5, 4);
    // Halving them is underconfident: slope 2.
    const under = q.map((v) => sigmoid(0.5 * logit(v)));
    expect(calibrationSlope(y, under)!.slope).toBeCloseTo(2, 4);
  });

  it('ignores a constant shift in the slope (that is the intercept)', () => {
    const { y, q } = exactBook();
    const shifted = q.map((v) => sigmoid(logit(v) - 1));
    const c = calibrationSlope(y, shifted)!;
    expect(c.slope).toBeCloseTo(1, 4);
    expect(c.intercept).toBeCloseTo(1, 4);
  });

  it('reads probabilities of 0 and 1 as clipped, not infinite', () => {
    const y = [0, 0, 1, 1, 0, 1];
    const p = [0, 0.2, 0.7, 1, 0.4, 0.6];
    const c = calibrationSlope(y, p)!;
    expect(Number.isFinite(c.slope)).toBe(true);
    expect(Number.isFinite(c.intercept)).toBe(true);
  });

  it('is null without both outcomes or without spread in p', () => {
    expect(calibrationSlope([1, 1, 1], [0.2, 0.5, 0.9])).toBeNull();
    expect(calibrationSlope([0, 1, 0], [0.3, 0.3, 0.3])).toBeNull();
    expect(calibrationSlope([], [])).toBeNull();
  });
});
