// Score → churn probability for a hand-weighted model: a one-variable logistic regression on
// the score (Platt scaling), measured out of sample on folds grouped by account.
import { brierScore, calibrationSlope, logLoss } from './calibration';
import { groupedKFold } from './folds';
import { fitLogistic, type DesignMatrix } from './logistic';

/** churn probability = 1 / (1 + exp(−(a − b·score/100))). */
export interface ScoreMapping {
  a: number;
  b: number;
}

/** The mapping fitted on all rows, and Brier/log loss and calibration slope of its out-of-sample probabilities. */
export interface PlattCalibration {
  mapping: ScoreMapping | null;
  brier: number | null;
  log_loss: number | null;
  /** Calibration slope of the out-of-sample mapped probabilities (1 = well calibrated). */
  slope: number | null;
}

/** Churn probability of a score under a mapping. */
export function mappedProbability(m: ScoreMapping, score: number): number {
  return 1 / (1 + Math.exp(-(m.a - (m.b * score) / 100)));
}

function fitMapping(x: DesignMatrix, y: ArrayLike<number>, rows?: Uint32Array): ScoreMapping {
  const fit = fitLogistic(x, y, { C: 1e6, rowSubset: rows });
  return { a: fit.intercept, b: -fit.coef[0] };
}

/** Platt-scales scores against outcomes; null metrics when either class is missing. */
export function plattCalibration(
  scores: Float64Array,
  y: Uint8Array,
  accountIds: readonly string[],
  folds = 5,
): PlattCalibration {
  let churned = 0;
  for (const v of y) churned += v;
  const accounts = new Set(accountIds).size;
  if (churned === 0 || churned === y.length || accounts < folds) {
    return { mapping: null, brier: null, log_loss: null, slope: null };
  }
  const x: DesignMatrix = {
    data: Float64Array.from(scores, (s) => s / 100),
    rows: scores.length,
    cols: 1,
  };
  const p = new Float64Array(scores.length);
  for (const split of groupedKFold(accountIds, y, folds, 1)) {
    const m = fitMapping(x, y, split.train);
    for (const r of split.test) p[r] = mappedProbability(m, scores[r]);
  }
  return {
    mapping: fitMapping(x, y),
    brier: brierScore(y, p),
    log_loss: logLoss(y, p),
    slope: calibrationSlope(y, p)?.slope ?? null,
  };
}
