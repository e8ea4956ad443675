// Pure helpers of the backtest operation: the compact summary kept with a model version (the
// PRODUCT.md `backtest --json` fields per horizon, nothing bulky), and "scoring X or more
// renewed Y%" statements measured on the backtest's own outcomes.
import {
  renewalAbove,
  MIN_OUTCOMES_PER_RATE,
  type HorizonReport,
  type OutcomeRows,
} from '../../engine/backtest';

/** Format tag of the stored summary, so a later reader can tell old shapes apart. */
export const BACKTEST_SUMMARY_FORMAT = 'canary-backtest/1';

/** The score → churn-probability mapping of one horizon (Platt), kept for the renewals view. */
export interface StoredCalibration {
  /** churn probability = 1 / (1 + exp(−(a − b·score/100))). */
  a: number;
  b: number;
  /** Out-of-sample (grouped 5-fold) Brier score and log loss of the mapped probabilities. */
  brier: number | null;
  log_loss: number | null;
}

/**
 * The CLI-contract fields of one horizon, plus its calibration (null when none was fitted: a
 * fitted report, or outcomes of one class only). Summaries stored before it lack the field.
 */
export type HorizonSummary = Omit<HorizonReport, 'details'> & {
  calibration?: StoredCalibration | null;
};

/** The backtest summary stored with a model version (`attachBacktest`). */
export interface StoredBacktest {
  format: typeof BACKTEST_SUMMARY_FORMAT;
  /** Epoch milliseconds of the run. */
  ranAt: number;
  excludeUnavoidable: boolean;
  horizons: HorizonSummary[];
}

/** Strips a report to the PRODUCT.md fields (what `backtest --json` prints without details) and its calibration. */
export function horizonSummary(report: HorizonReport): HorizonSummary {
  const { details, ...summary } = report;
  const c = details?.calibrated;
  return {
    ...summary,
    calibration: c?.mapping ? { ...c.mapping, brier: c.brier, log_loss: c.log_loss } : null,
  };
}

/** The compact summary of a run, ready for `attachBacktest`. */
export function backtestSummary(
  reports: readonly HorizonReport[],
  excludeUnavoidable: boolean,
  ranAt: number,
): StoredBacktest {
  return {
    format: BACKTEST_SUMMARY_FORMAT,
    ranAt,
    excludeUnavoidable,
    horizons: reports.map(horizonSummary),
  };
}

/** Renewal rate of the outcomes scoring at least `threshold`; rate null when refused. */
export interface RenewalStatement {
  threshold: number;
  n: number;
  renewed: number;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** False when fewer than `minOutcomes` outcomes score that high: no rate is claimed. */
  enough: boolean;
  minOutcomes: number;
}

/** Thresholds tried for "scoring X or more renewed Y%": the green cut-off and round numbers. */
export function statementThresholds(greenFrom: number): number[] {
  return [...new Set([90, 80, 70, 60, 50, Math.min(100, Math.max(0, greenFrom))])].sort(
    (a, b) => b - a,
  );
}

/** "Scoring X or more renewed Y%" for each threshold, measured on scored outcome rows. */
export function renewalStatements(
  scores: Float64Array,
  rows: Pick<OutcomeRows, 'y'>,
  thresholds: readonly number[],
): RenewalStatement[] {
  const fin = (v: number) => (Number.isFinite(v) ? v : null);
  return thresholds.map((threshold) => {
    const bin = renewalAbove(scores, rows.y, threshold);
    return {
      threshold,
      n: bin.n,
      renewed: bin.renewed,
      rate: fin(bin.renewalRate),
      ciLow: fin(bin.ciLow),
      ciHigh: fin(bin.ciHigh),
      enough: bin.enough,
      minOutcomes: MIN_OUTCOMES_PER_RATE,
    };
  });
}
