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
  /** How the WOE runs over the bins (see BinShape). */
  shape: BinShape;
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

/** About this many training churns per quantile bin before merging (`autoBinCount`). */
export const CHURNS_PER_BIN = 40;
/** The fewest and the most quantile bins `autoBinCount` chooses. */
export const MIN_BINS = 5;
export const MAX_BINS = 20;

/**
 * Quantile bins per measure for a training set with `churns` churned rows: one per
 * CHURNS_PER_BIN churns, at least MIN_BINS (the old fixed 5) and at most MAX_BINS. Fine bins
 * are only a start: `monotoneBlocks` merges them until the weight of evidence runs one way.
 */
export function autoBinCount(churns: number): number {
  return Math.min(MAX_BINS, Math.max(MIN_BINS, Math.floor(churns / CHURNS_PER_BIN)));
}

/**
 * With `binning: 'two-armed'`, a kept two-armed shape must improve the binomial log-likelihood of the best monotone fit by
 * this much (likelihood-ratio statistic 2·ΔLL; p < 1e-5 for one degree of freedom, so it
 * survives the search over every turning point and both shapes).
 */
export const TWO_ARMED_MIN_LR = 20;

/** How a measure's weight of evidence runs over its ordered bins after merging. */
export type BinShape =
  /** Churn falls (WOE rises) as the value rises: higher is better. */
  | 'higher'
  /** Churn rises as the value rises: lower is better. */
  | 'lower'
  /** Churn is highest at middle values (both ends healthier); only with 'two-armed' binning. */
  | 'middle-worst'
  /** Churn is lowest at middle values (both ends riskier); only with 'two-armed' binning. */
  | 'middle-best'
  /** Bins kept as given (categories, pattern rules, or `binning: 'quantile'`). */
  | 'as-binned';

/** How fitMeasureBins shapes its bins. */
export interface BinningOptions {
  /**
   * 'monotone' (default): merge adjacent quantile bins until the WOE runs one way (the way the
   * data fits better). 'two-armed': the same, but a shape with one turning point (churn highest,
   * or lowest, at middle values) is kept when it is significant (TWO_ARMED_MIN_LR); measured, it
   * moved no book's out-of-sample AUC by more than 0.0005, so it is not the default.
   * 'quantile': keep the quantile bins as they are (the scorecard before monotone merging; with
   * nBins 5, maxMeasures Infinity it reproduces it exactly).
   */
  binning?: 'monotone' | 'two-armed' | 'quantile';
}

interface Block {
  /** First fine bin of the block. */
  start: number;
  churn: number;
  renew: number;
}

/** Smoothed churn log-odds of a block (the WOE up to sign and a shared constant). */
const blockRisk = (b: Block) => Math.log((b.churn + WOE_SMOOTHING) / (b.renew + WOE_SMOOTHING));

/** Binomial log-likelihood of blocks at their own churn rates. */
function blockLogLik(blocks: readonly Block[]): number {
  let ll = 0;
  for (const b of blocks) {
    const n = b.churn + b.renew;
    if (b.churn > 0) ll += b.churn * Math.log(b.churn / n);
    if (b.renew > 0) ll += b.renew * Math.log(b.renew / n);
  }
  return ll;
}

/**
 * Pool-adjacent-violators over fine bins [from, to): adjacent blocks merge until their smoothed
 * churn log-odds rise (`rising`) or fall strictly from block to block.
 */
function pav(
  churn: ArrayLike<number>,
  renew: ArrayLike<number>,
  from: number,
  to: number,
  rising: boolean,
): Block[] {
  const stack: Block[] = [];
  for (let b = from; b < to; b++) {
    stack.push({ start: b, churn: churn[b], renew: renew[b] });
    while (stack.length > 1) {
      const last = stack[stack.length - 1];
      const prev = stack[stack.length - 2];
      const d = blockRisk(last) - blockRisk(prev);
      if (rising ? d > 0 : d < 0) break;
      stack.pop();
      prev.churn += last.churn;
      prev.renew += last.renew;
    }
  }
  return stack;
}

/**
 * Merges ordered fine bins (churned / retained counts per bin) into blocks whose churn runs one
 * way — the direction whose pool-adjacent-violators fit has the higher likelihood — or, with
 * `twoArmed` and a likelihood-ratio statistic against that of at least TWO_ARMED_MIN_LR, two
 * ways with one turning point (churn highest, or lowest, at middle values). Returns each
 * block's first fine bin and the shape.
 */
export function monotoneBlocks(
  churn: ArrayLike<number>,
  renew: ArrayLike<number>,
  twoArmed = false,
): { starts: number[]; shape: Exclude<BinShape, 'as-binned'> } {
  const k = churn.length;
  const down = pav(churn, renew, 0, k, false);
  const up = pav(churn, renew, 0, k, true);
  const llDown = blockLogLik(down);
  const llUp = blockLogLik(up);
  let best = llDown >= llUp ? down : up;
  let shape: Exclude<BinShape, 'as-binned'> = llDown >= llUp ? 'higher' : 'lower';
  const llMono = Math.max(llDown, llUp);
  let llBest = llMono;
  for (let t = 1; twoArmed && t < k; t++) {
    for (const peak of [true, false]) {
      const left = pav(churn, renew, 0, t, peak);
      const right = pav(churn, renew, t, k, !peak);
      if (left.length < 2 || right.length < 2) continue;
      const blocks = [...left, ...right];
      const ll = blockLogLik(blocks);
      if (ll > llBest && 2 * (ll - llMono) >= TWO_ARMED_MIN_LR) {
        llBest = ll;
        best = blocks;
        shape = peak ? 'middle-worst' : 'middle-best';
      }
    }
  }
  return { starts: best.map((b) => b.start), shape };
}

/** Bins `values` on the training `rows` and computes each bin's weight of evidence. */
export function fitMeasureBins(
  values: Float64Array,
  y: ArrayLike<number>,
  rows: Uint32Array,
  nBins: number,
  options: BinningOptions = {},
): MeasureBins {
  let cuts = quantileCuts(values, rows, nBins);
  let k = cuts.length + 1;
  let churn = new Float64Array(k + 1); // last slot = missing
  let renew = new Float64Array(k + 1);
  for (const r of rows) {
    const b = binOf(cuts, values[r]);
    const slot = b < 0 ? k : b;
    if (y[r] === 1) churn[slot]++;
    else renew[slot]++;
  }
  let shape: BinShape = 'as-binned';
  if (options.binning !== 'quantile' && k > 1) {
    const merged = monotoneBlocks(
      churn.subarray(0, k),
      renew.subarray(0, k),
      options.binning === 'two-armed',
    );
    shape = merged.shape;
    const starts = merged.starts;
    const c2 = new Float64Array(starts.length + 1);
    const r2 = new Float64Array(starts.length + 1);
    starts.forEach((s, i) => {
      const end = i + 1 < starts.length ? starts[i + 1] : k;
      for (let b = s; b < end; b++) {
        c2[i] += churn[b];
        r2[i] += renew[b];
      }
    });
    c2[starts.length] = churn[k];
    r2[starts.length] = renew[k];
    cuts = starts.slice(1).map((s) => cuts[s - 1]);
    k = cuts.length + 1;
    churn = c2;
    renew = r2;
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
  return { cuts, woe, missingWoe: missingCount ? woeOf(k) : 0, counts, missingCount, shape };
}

/** Weight of evidence of one raw value under fitted bins. */
export function woeOf(bins: MeasureBins, value: number): number {
  const b = binOf(bins.cuts, value);
  return b < 0 ? bins.missingWoe : bins.woe[b];
}
