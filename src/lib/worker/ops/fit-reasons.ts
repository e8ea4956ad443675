// Why a fitted model is (not) offered as an improvement, in words a CS lead can act on. Mirrors
// the engine's rule (fitModel: offered only with enough churn, distinguishable bands, and an
// out-of-sample AUC above the current model's on the outcomes both scored).
import {
  MIN_CHURNS,
  overlappingBands,
  type HorizonReport,
  type OutOfSampleComparison,
} from '../../engine/backtest';

const pct = (v: number) => `${Math.round(100 * v)}%`;

/** Plain reasons a fit is not offered; empty when nothing holds it back. */
export function notOfferedReasons(
  outOfSample: HorizonReport,
  comparison: OutOfSampleComparison,
): string[] {
  const reasons: string[] = [];
  const churned = outOfSample.n_churned;
  if (churned < MIN_CHURNS) {
    reasons.push(
      `Only ${churned} churned account${churned === 1 ? '' : 's'} could be scored out of sample; at least ${MIN_CHURNS} are needed before fitted weights can be trusted.`,
    );
  }
  for (const [lo, hi] of overlappingBands(outOfSample.details.band_rates)) {
    reasons.push(
      `With the suggested thresholds, the ${lo.band} band's churn rate (${pct(lo.ciLow)}–${pct(lo.ciHigh)}) and the ${hi.band} band's (${pct(hi.ciLow)}–${pct(hi.ciHigh)}) overlap: this book is too small to tell those bands apart.`,
    );
  }
  if (!comparison.better) reasons.push(comparison.summary);
  return reasons;
}
