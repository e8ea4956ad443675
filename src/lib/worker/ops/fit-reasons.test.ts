import { describe, expect, it } from 'vitest';
import {
  compareOutOfSample,
  type BandChurnRate,
  type HorizonReport,
  type Prediction,
} from '../../engine/backtest';
import { notOfferedReasons } from './fit-reasons';
import { asNextVersion } from './fit-accept';
import { DEFAULT_MODEL, parseModel } from '../../engine';

const band = (b: BandChurnRate['band'], ciLow: number, ciHigh: number): BandChurnRate => ({
  band: b,
  n: 40,
  churned: 10,
  churnRate: (ciLow + ciHigh) / 2,
  ciLow,
  ciHigh,
  arr: 0,
  churnedArr: 0,
});

const report = (auc: number, churned: number, bands: BandChurnRate[]) =>
  ({ auc, n_churned: churned, details: { band_rates: bands } }) as unknown as HorizonReport;

const pred = (accountId: string, y: number, p: number): Prediction => ({ accountId, day: 1, y, p });
/** The fitted model's and the current model's predictions on the same two outcomes. */
const versus = (fitted: [number, number], current: [number, number]) =>
  compareOutOfSample(
    [pred('a', 1, fitted[0]), pred('b', 0, fitted[1])],
    [pred('a', 1, current[0]), pred('b', 0, current[1])],
  );

const separated = [band('red', 0.6, 0.9), band('amber', 0.2, 0.4), band('green', 0.01, 0.1)];

describe('notOfferedReasons', () => {
  it('gives no reason for a well-supported fit that beats the baseline', () => {
    expect(notOfferedReasons(report(0.85, 40, separated), versus([0.9, 0.1], [0.4, 0.6]))).toEqual(
      [],
    );
  });

  it('names too few churns, overlapping bands and a fit that does not beat the model', () => {
    const overlapping = [band('red', 0.3, 0.7), band('amber', 0.2, 0.5), band('green', 0, 0.1)];
    const reasons = notOfferedReasons(report(0.7, 12, overlapping), versus([0.2, 0.8], [0.9, 0.1]));
    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toContain('Only 12 churned accounts');
    expect(reasons[1]).toContain('red band');
    expect(reasons[1]).toContain('amber band');
    expect(reasons[2]).toMatch(/AUC of 0\.000, not better than the current model's 1\.000/);
    expect(reasons[2]).toContain('keep the current model');
  });
});

describe('asNextVersion', () => {
  it('renames the fitted model as the next version of the given id, still valid', () => {
    const doc = asNextVersion({ ...DEFAULT_MODEL, id: 'x-fitted' }, 'health', 4, 'Health (fitted)');
    expect(doc).toMatchObject({ id: 'health', version: 4, name: 'Health (fitted)' });
    expect(parseModel(doc).ok).toBe(true);
  });
});
