import { describe, expect, it } from 'vitest';
import { backtestSummary, renewalStatements, statementThresholds } from './backtest-summary';
import type { HorizonReport } from '../../engine/backtest';

describe('renewalStatements', () => {
  it('measures "scoring X or more renewed" with its n, refusing thin thresholds', () => {
    // 40 outcomes scoring 85 (38 renewed), 10 scoring 95 (all renewed).
    const scores = Float64Array.from([...Array(40).fill(85), ...Array(10).fill(95)]);
    const y = Uint8Array.from([1, 1, ...Array(38).fill(0), ...Array(10).fill(0)]);
    const [at90, at80] = renewalStatements(scores, { y }, [90, 80]);
    expect(at90).toMatchObject({ threshold: 90, n: 10, enough: false, rate: null });
    expect(at80).toMatchObject({ threshold: 80, n: 50, renewed: 48, enough: true });
    expect(at80.rate).toBeCloseTo(0.96, 12);
    expect(at80.ciLow!).toBeLessThan(0.96);
    expect(at80.ciHigh!).toBeGreaterThan(0.96);
  });

  it('tries the green cut-off beside round numbers, highest first', () => {
    expect(statementThresholds(71)).toEqual([90, 80, 71, 70, 60, 50]);
    expect(statementThresholds(80)).toEqual([90, 80, 70, 60, 50]);
  });
});

describe('backtestSummary', () => {
  it('keeps only the CLI-contract fields of each horizon', () => {
    const report = {
      n_outcomes: 3,
      n_churned: 1,
      horizon_days: 60,
      auc: 0.75,
      pr_auc: 0.5,
      brier: 0.2,
      log_loss: 0.6,
      green_churn_share: 0,
      bands: [],
      lead_time_days: { median: null, p25: null, p75: null },
      warnings: ['thin'],
      details: { roc: [{ threshold: 1, fpr: 0, tpr: 0 }] },
    } as unknown as HorizonReport;
    const s = backtestSummary([report], true, 1234);
    expect(s).toEqual({
      format: 'canary-backtest/1',
      ranAt: 1234,
      excludeUnavoidable: true,
      horizons: [
        {
          n_outcomes: 3,
          n_churned: 1,
          horizon_days: 60,
          auc: 0.75,
          pr_auc: 0.5,
          brier: 0.2,
          log_loss: 0.6,
          green_churn_share: 0,
          bands: [],
          lead_time_days: { median: null, p25: null, p75: null },
          warnings: ['thin'],
          calibration: null,
        },
      ],
    });
  });
});

describe('backtestSummary calibration', () => {
  it('keeps the Platt mapping score → churn probability of each horizon', () => {
    const report = {
      n_outcomes: 50,
      n_churned: 10,
      horizon_days: 60,
      warnings: [],
      details: { calibrated: { mapping: { a: 1.5, b: 5 }, brier: 0.12, log_loss: 0.4 } },
    } as unknown as HorizonReport;
    const fitted = { ...report, details: { calibrated: null } } as unknown as HorizonReport;
    const s = backtestSummary([report, fitted], false, 1);
    expect(s.horizons[0].calibration).toEqual({ a: 1.5, b: 5, brier: 0.12, log_loss: 0.4 });
    expect(s.horizons[1].calibration).toBeNull();
    expect(s.horizons[0]).not.toHaveProperty('details');
  });
});
