import { describe, expect, it } from 'vitest';
import type { BandChurnRate, HorizonReport } from '../../engine/backtest';
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

const separated = [band('red', 0.6, 0.9), band('amber', 0.2, 0.4), band('green', 0.01, 0.1)];

describe('notOfferedReasons', () => {
  it('gives no reason for a well-supported fit that beats the baseline', () => {
    expect(notOfferedReasons(report(0.85, 40, separated), report(0.8, 40, separated))).toEqual([]);
  });

  it('names too few churns, overlapping bands and a fit that does not beat the model', () => {
    const overlapping = [band('red', 0.3, 0.7), band('amber', 0.2, 0.5), band('green', 0, 0.1)];
    const reasons = notOfferedReasons(report(0.7, 12, overlapping), report(0.75, 12, separated));
    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toContain('Only 12 churned accounts');
    expect(reasons[1]).toContain('red band');
    expect(reasons[1]).toContain('amber band');
    expect(reasons[2]).toContain('0.700');
    expect(reasons[2]).toContain('0.750');
  });
});

describe('asNextVersion', () => {
  it('renames the fitted model as the next version of the given id, still valid', () => {
    const doc = asNextVersion({ ...DEFAULT_MODEL, id: 'x-fitted' }, 'health', 4, 'Health (fitted)');
    expect(doc).toMatchObject({ id: 'health', version: 4, name: 'Health (fitted)' });
    expect(parseModel(doc).ok).toBe(true);
  });
});
