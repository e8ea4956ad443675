import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { groupedKFold, timeSplits } from './folds';
import { designMatrix } from './logistic';
import { rocAuc } from './ranking';
import {
  crossValidateScorecard,
  fitScorecard,
  scorecardChurnProbability,
  scoreWithScorecard,
} from './scorecard';
import { binOf, fitMeasureBins, quantileCuts } from './woe';

/** Synthetic book: churn jumps when logins drop below 5 (a threshold), tickets add risk, noise is noise. */
function thresholdData(n: number, seed: number) {
  const random = createRandom(seed);
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const logins = Math.floor(random.next() * 20);
    const tickets = Math.floor(random.next() * 6);
    const noise = random.normal();
    const missingLogins = random.chance(0.05);
    const logit = -2 + (logins < 5 ? 2.5 : 0) + 0.3 * tickets;
    y.push(random.chance(1 / (1 + Math.exp(-logit))) ? 1 : 0);
    rows.push([missingLogins ? NaN : logins, tickets, noise]);
  }
  return { X: designMatrix(rows), y };
}

describe('weight of evidence', () => {
  it('cuts at quantiles, and gives each of few distinct values its own bin', () => {
    const v = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const all = Uint32Array.from({ length: 10 }, (_, i) => i);
    expect(quantileCuts(v, all, 5)).toEqual([2.8, 4.6, 6.4, 8.2]);
    const codes = Float64Array.from([0, 1, 1, 2, 0, 2]);
    expect(quantileCuts(codes, Uint32Array.from([0, 1, 2, 3, 4, 5]), 5)).toEqual([1, 2]);
    expect(binOf([1, 2], 0)).toBe(0);
    expect(binOf([1, 2], 2)).toBe(2);
    expect(binOf([1, 2], NaN)).toBe(-1);
  });

  it('WOE is positive where renewals concentrate and matches the smoothed formula', () => {
    const v = Float64Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    const y = [1, 1, 1, 0, 0, 0, 0, 1];
    const bins = fitMeasureBins(v, y, Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), 5);
    // 3 slots (2 bins + missing), totals 4 renew / 4 churn, smoothing 0.5.
    const expected0 = Math.log(1.5 / 5.5 / (3.5 / 5.5));
    expect(bins.woe[0]).toBeCloseTo(expected0, 12);
    expect(bins.woe[1]).toBeCloseTo(-expected0, 12);
    expect(bins.missingWoe).toBe(0);
  });
});

describe('fitScorecard', () => {
  const { X, y } = thresholdData(3000, 7);

  it('leaves out a measure whose only spread is having a value or not', () => {
    // Column 3: the same value wherever present, missing on a fifth of the rows, which churn
    // far less (a 30-day change not yet there on new accounts): its points would only say
    // whether the account has data yet.
    const random = createRandom(3);
    const rows: number[][] = [];
    for (let r = 0; r < X.rows; r++) {
      const missing = y[r] ? random.chance(0.02) : random.chance(0.3);
      rows.push([...X.data.subarray(r * 3, r * 3 + 3), missing ? NaN : 0]);
    }
    const card = fitScorecard(designMatrix(rows), y);
    expect(card.measures.map((m) => m.column)).not.toContain(3);
    expect(card.measures.map((m) => m.column)).toContain(0);
  });

  it('finds the threshold measure, weights it most, and ignores noise', () => {
    const card = fitScorecard(X, y);
    const logins = card.measures.find((m) => m.column === 0)!;
    const noise = card.measures.find((m) => m.column === 2);
    expect(logins.weight).toBeGreaterThan(50);
    expect(noise?.weight ?? 0).toBeLessThan(10);
    // Fewer logins, fewer points: bin 0 (lowest logins) scores 0, the top bin near 100.
    expect(logins.points[0]).toBe(0);
    expect(logins.points[logins.points.length - 1]).toBeGreaterThan(90);
    const weightSum = card.measures.reduce((s, m) => s + m.weight, 0);
    expect(Math.abs(weightSum - 100)).toBeLessThan(0.5);
  });

  it('its 0–100 score maps monotonically to churn probability', () => {
    const card = fitScorecard(X, y);
    expect(card.calibration.b).toBeGreaterThan(0);
    expect(scorecardChurnProbability(card, 10)).toBeGreaterThan(
      scorecardChurnProbability(card, 90),
    );
    const scores = scoreWithScorecard(card, X);
    for (const s of scores) expect(s >= 0 && s <= 100).toBe(true);
  });

  it('out-of-sample AUC on grouped folds is well above chance and close to in-sample', () => {
    const ids = y.map((_, i) => `acc-${i}`);
    const splits = groupedKFold(ids, y, 5, 3);
    const oos = crossValidateScorecard(X, y, splits);
    const auc = rocAuc(y, oos.probabilities);
    const inSample = rocAuc(
      y,
      Array.from(scoreWithScorecard(fitScorecard(X, y), X), (s) => 100 - s),
    );
    expect(auc).toBeGreaterThan(0.7);
    expect(inSample - auc).toBeLessThan(0.03);
  });
});

describe('folds', () => {
  it('grouped folds never split an account and cover every row once', () => {
    const ids = ['a', 'a', 'b', 'c', 'c', 'c', 'd', 'e', 'f', 'g'];
    const y = [0, 1, 0, 0, 0, 1, 0, 1, 0, 0];
    const splits = groupedKFold(ids, y, 3, 1);
    const seen = new Set<number>();
    for (const s of splits) {
      const testIds = new Set(Array.from(s.test, (i) => ids[i]));
      for (const i of s.train) expect(testIds.has(ids[i])).toBe(false);
      for (const i of s.test) seen.add(i);
    }
    expect(seen.size).toBe(ids.length);
    expect(groupedKFold(ids, y, 3, 1)).toEqual(splits);
  });

  it('time splits train only on outcomes decided before the test predictions', () => {
    const outcomeDays = [100, 200, 300, 400, 500, 600];
    const predictionDays = outcomeDays.map((d) => d - 60);
    const splits = timeSplits(outcomeDays, predictionDays, 2);
    for (const s of splits) {
      const firstPrediction = Math.min(...Array.from(s.test, (i) => predictionDays[i]));
      for (const i of s.train) expect(outcomeDays[i]).toBeLessThanOrEqual(firstPrediction);
    }
    expect(splits.map((s) => Array.from(s.test))).toEqual([
      [2, 3],
      [4, 5],
    ]);
  });
});
