// Probability metrics (Brier score, log loss) and the reliability diagram, defined as
// scikit-learn defines them. y is 1 for churned, p the predicted probability of churn.
import {
  assertSameLength,
  percentileSorted,
  sortedFinite,
  weightAt,
  wilsonInterval,
} from './stats';
import { fitLogistic } from './logistic';

/** Machine epsilon for float64: scikit-learn 1.2's `log_loss` clips to [eps, 1 − eps]. */
export const LOG_LOSS_EPS = 2.220446049250313e-16;

/** Brier score: (weighted) mean of (p − y)² (scikit-learn `brier_score_loss`). */
export function brierScore(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  w?: ArrayLike<number>,
): number {
  assertSameLength(y, p, w);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = weightAt(w, i);
    const d = p[i] - y[i];
    sum += wi * d * d;
    total += wi;
  }
  return total > 0 ? sum / total : NaN;
}

/** Log loss (cross-entropy), p clipped to [eps, 1 − eps] as scikit-learn's `log_loss` does. */
export function logLoss(y: ArrayLike<number>, p: ArrayLike<number>, w?: ArrayLike<number>): number {
  assertSameLength(y, p, w);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = weightAt(w, i);
    const q = Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, p[i]));
    sum -= wi * (y[i] === 1 ? Math.log(q) : Math.log(1 - q));
    total += wi;
  }
  return total > 0 ? sum / total : NaN;
}

/** One bin of a reliability diagram: mean prediction against observed churn rate. */
export interface ReliabilityBin {
  /** Bin edges in predicted probability (the data's own quantiles). */
  lo: number;
  hi: number;
  n: number;
  churned: number;
  meanPredicted: number;
  observedRate: number;
  ciLow: number;
  ciHigh: number;
}

/**
 * Reliability diagram with equal-count bins (scikit-learn `calibration_curve`,
 * strategy='quantile': numpy percentile edges, empty bins dropped), plus n and Wilson intervals.
 */
export function reliabilityBins(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  nBins = 10,
): ReliabilityBin[] {
  assertSameLength(y, p);
  const sorted = sortedFinite(p);
  if (sorted.length === 0) return [];
  const edges = new Float64Array(nBins + 1);
  for (let b = 0; b <= nBins; b++) edges[b] = percentileSorted(sorted, (100 * b) / nBins);
  const count = new Float64Array(nBins);
  const churned = new Float64Array(nBins);
  const sumP = new Float64Array(nBins);
  for (let i = 0; i < p.length; i++) {
    if (!Number.isFinite(p[i])) continue;
    // searchsorted(edges[1:-1], p, side='left'): number of inner edges strictly below p.
    let b = 0;
    while (b < nBins - 1 && edges[b + 1] < p[i]) b++;
    count[b] += 1;
    churned[b] += y[i] === 1 ? 1 : 0;
    sumP[b] += p[i];
  }
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < nBins; b++) {
    if (count[b] === 0) continue;
    const ci = wilsonInterval(churned[b], count[b]);
    bins.push({
      lo: edges[b],
      hi: edges[b + 1],
      n: count[b],
      churned: churned[b],
      meanPredicted: sumP[b] / count[b],
      observedRate: ci.rate,
      ciLow: ci.ciLow,
      ciHigh: ci.ciHigh,
    });
  }
  return bins;
}

/** Probabilities are clipped to [ε, 1 − ε] before their logit is taken (a p of 0 or 1 has no finite log-odds). */
export const SLOPE_EPS = 1e-6;

/** Calibration slope and intercept: the logistic regression of the outcome on logit(p). */
export interface CalibrationSlope {
  /** 1 = well calibrated; < 1 overconfident (predictions too far from the base rate); > 1 underconfident. */
  slope: number;
  /** Its intercept (with the slope free): 0 with slope 1 for perfectly calibrated p. */
  intercept: number;
  /** Outcomes it was fitted on (finite p). */
  n: number;
}

/**
 * Calibration slope of predicted churn probabilities: y regressed on logit(p) by an (effectively
 * unpenalised, C = 1e6) logistic regression, p clipped to [SLOPE_EPS, 1 − SLOPE_EPS]. Null
 * without both outcomes or without any spread in p.
 */
export function calibrationSlope(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
): CalibrationSlope | null {
  assertSameLength(y, p);
  const x: number[] = [];
  const ys: number[] = [];
  let churned = 0;
  for (let i = 0; i < p.length; i++) {
    if (!Number.isFinite(p[i])) continue;
    const q = Math.min(1 - SLOPE_EPS, Math.max(SLOPE_EPS, p[i]));
    x.push(Math.log(q / (1 - q)));
    ys.push(y[i] === 1 ? 1 : 0);
    churned += ys[ys.length - 1];
  }
  const n = x.length;
  if (churned === 0 || churned === n) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!(hi - lo > 1e-12)) return null;
  const fit = fitLogistic({ data: Float64Array.from(x), rows: n, cols: 1 }, ys, { C: 1e6 });
  return { slope: fit.coef[0], intercept: fit.intercept, n };
}
