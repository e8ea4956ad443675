// Quantile binning and weight of evidence, the first half of the credit-scorecard method:
// each measure's raw values are cut at the data's own quantiles and every bin gets
// WOE = ln(share of renewals in the bin ÷ share of churns in the bin), so positive = healthier.
import { percentileSorted } from './stats';

/** Bins of one measure: bin b holds values with cuts[b−1] ≤ value < cuts[b]; NaN is its own bin. */
export interface MeasureBins {
  /** Ascending lower edges of bins 1…k (bin 0 is everything below cuts[0]). */
  cuts: number[];
  /** Weight of evidence per bin (cuts.length + 1 entries). */
  woe: Float64Array;
  /** Weight of evidence of missing values (0 when no training row was missing). */
  missingWoe: number;
  /** Training rows per bin, and missing. */
  counts: Float64Array;
  missingCount: number;
}

/** Bin index of a value (the number of cut points at or below it); −1 for missing. */
export function binOf(cuts: readonly number[], value: number): number {
  if (Number.isNaN(value)) return -1;
  let b = 0;
  while (b < cuts.length && value >= cuts[b]) b++;
  return b;
}

/**
 * Quantile cut points of the finite values among `rows`: up to nBins − 1 distinct inner
 * percentiles. With few distinct values (categories coded as numbers) each value gets its own bin.
 */
export function quantileCuts(values: Float64Array, rows: Uint32Array, nBins: number): number[] {
  const finite: number[] = [];
  for (const r of rows) if (!Number.isNaN(values[r])) finite.push(values[r]);
  if (!finite.length) return [];
  const sorted = Float64Array.from(finite).sort();
  const distinct: number[] = [];
  for (const v of sorted) if (distinct[distinct.length - 1] !== v) distinct.push(v);
  if (distinct.length <= nBins) return distinct.slice(1);
  const cuts: number[] = [];
  for (let q = 1; q < nBins; q++) {
    const cut = percentileSorted(sorted, (100 * q) / nBins);
    // A cut at the minimum would leave bin 0 empty; a repeated cut would leave a bin empty.
    if (cut > sorted[0] && cut !== cuts[cuts.length - 1]) cuts.push(cut);
  }
  return cuts;
}

/** Smoothing added to every bin's counts so empty cells give a finite WOE. */
const WOE_SMOOTHING = 0.5;

/** Bins `values` on the training `rows` and computes each bin's weight of evidence. */
export function fitMeasureBins(
  values: Float64Array,
  y: ArrayLike<number>,
  rows: Uint32Array,
  nBins: number,
): MeasureBins {
  const cuts = quantileCuts(values, rows, nBins);
  const k = cuts.length + 1;
  const churn = new Float64Array(k + 1); // last slot = missing
  const renew = new Float64Array(k + 1);
  for (const r of rows) {
    const b = binOf(cuts, values[r]);
    const slot = b < 0 ? k : b;
    if (y[r] === 1) churn[slot]++;
    else renew[slot]++;
  }
  let churnTotal = 0;
  let renewTotal = 0;
  for (let s = 0; s <= k; s++) {
    churnTotal += churn[s];
    renewTotal += renew[s];
  }
  const slots = k + 1;
  const woeOf = (s: number) =>
    Math.log(
      (renew[s] + WOE_SMOOTHING) /
        (renewTotal + WOE_SMOOTHING * slots) /
        ((churn[s] + WOE_SMOOTHING) / (churnTotal + WOE_SMOOTHING * slots)),
    );
  const woe = new Float64Array(k);
  const counts = new Float64Array(k);
  for (let b = 0; b < k; b++) {
    woe[b] = woeOf(b);
    counts[b] = churn[b] + renew[b];
  }
  const missingCount = churn[k] + renew[k];
  return { cuts, woe, missingWoe: missingCount ? woeOf(k) : 0, counts, missingCount };
}

/** Weight of evidence of one raw value under fitted bins. */
export function woeOf(bins: MeasureBins, value: number): number {
  const b = binOf(bins.cuts, value);
  return b < 0 ? bins.missingWoe : bins.woe[b];
}
