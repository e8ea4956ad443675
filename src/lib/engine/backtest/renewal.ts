// Score → renewal probability, measured on the user's own outcomes ("above 80 renews 95%"),
// and the small-sample rules that decide when a result is only a rough indication.
import { BAND_CODES, type BandChurnRate } from './bands';
import { wilsonInterval } from './stats';

/** Renewal rate of the outcomes whose score lies in [lo, hi). */
export interface RenewalBin {
  lo: number;
  hi: number;
  n: number;
  renewed: number;
  /** NaN when the bin has fewer than `minN` outcomes (refused rather than guessed). */
  renewalRate: number;
  ciLow: number;
  ciHigh: number;
  enough: boolean;
}

/** Minimum outcomes behind a rate before it is shown as a number. */
export const MIN_OUTCOMES_PER_RATE = 30;

function renewalOf(n: number, renewed: number, lo: number, hi: number, minN: number): RenewalBin {
  const enough = n >= minN;
  const ci = wilsonInterval(renewed, n);
  return {
    lo,
    hi,
    n,
    renewed,
    renewalRate: enough ? ci.rate : NaN,
    ciLow: enough ? ci.ciLow : NaN,
    ciHigh: enough ? ci.ciHigh : NaN,
    enough,
  };
}

/** Renewal rate with a Wilson interval per score bin (`edges` ascending; last bin includes 100). */
export function renewalByScore(
  scores: ArrayLike<number>,
  y: ArrayLike<number>,
  edges: readonly number[] = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
  minN = MIN_OUTCOMES_PER_RATE,
): RenewalBin[] {
  const bins: RenewalBin[] = [];
  for (let b = 0; b + 1 < edges.length; b++) {
    const last = b + 2 === edges.length;
    let n = 0;
    let renewed = 0;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i];
      if (!(s >= edges[b] && (s < edges[b + 1] || (last && s <= edges[b + 1])))) continue;
      n++;
      if (y[i] === 0) renewed++;
    }
    bins.push(renewalOf(n, renewed, edges[b], edges[b + 1], minN));
  }
  return bins;
}

/** Renewal rate of outcomes scoring at or above `threshold`, refused (NaN) below `minN`. */
export function renewalAbove(
  scores: ArrayLike<number>,
  y: ArrayLike<number>,
  threshold: number,
  minN = MIN_OUTCOMES_PER_RATE,
): RenewalBin {
  let n = 0;
  let renewed = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!(scores[i] >= threshold)) continue;
    n++;
    if (y[i] === 0) renewed++;
  }
  return renewalOf(n, renewed, threshold, 100, minN);
}

/** Fewer churns than this and results are shown with a plain warning. */
export const MIN_CHURNS = 20;

/** Neighbouring bands (red/amber, amber/green) whose churn-rate intervals overlap. */
export function overlappingBands(
  bands: readonly BandChurnRate[],
): [BandChurnRate, BandChurnRate][] {
  const pairs: [BandChurnRate, BandChurnRate][] = [];
  for (let b = 0; b + 1 < BAND_CODES.length; b++) {
    const lo = bands.find((x) => x.band === BAND_CODES[b]);
    const hi = bands.find((x) => x.band === BAND_CODES[b + 1]);
    if (!lo || !hi || lo.n === 0 || hi.n === 0) continue;
    if (lo.ciLow <= hi.ciHigh && hi.ciLow <= lo.ciHigh) pairs.push([lo, hi]);
  }
  return pairs;
}

/** True when results are too thin to act on: under MIN_CHURNS churns or overlapping band intervals. */
export function isThinSample(nChurned: number, bands: readonly BandChurnRate[]): boolean {
  return nChurned < MIN_CHURNS || overlappingBands(bands).length > 0;
}

/**
 * Plain-language warnings for thin data: under MIN_CHURNS churns, or neighbouring bands whose
 * churn-rate intervals overlap (the data cannot tell those bands apart).
 */
export function smallSampleWarnings(nChurned: number, bands: readonly BandChurnRate[]): string[] {
  const warnings: string[] = [];
  if (nChurned < MIN_CHURNS) {
    warnings.push(
      `Only ${nChurned} churned account${nChurned === 1 ? '' : 's'} in this backtest (fewer than ${MIN_CHURNS}): treat these figures as a rough indication, not a measurement.`,
    );
  }
  for (const [lo, hi] of overlappingBands(bands)) {
    warnings.push(
      `The ${lo.band} and ${hi.band} bands' churn-rate intervals overlap (${pct(lo.ciLow)}–${pct(lo.ciHigh)} vs ${pct(hi.ciLow)}–${pct(hi.ciHigh)}): this data cannot tell those bands apart.`,
    );
  }
  return warnings;
}

const pct = (v: number) => `${(100 * v).toFixed(0)}%`;
