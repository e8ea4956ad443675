// Lead time: how many days before churn an account turned red and stayed red. Counted from the
// start of the last unbroken red stretch before the churn, onboarding samples skipped, and
// flagged as censored (a lower bound) when that stretch reaches back as far as can be seen.
import { percentileSorted } from './stats';

/** What one lead-time sample saw (samples are taken every `step` days before the churn). */
export const SAMPLE_RED = 0;
/** Scored and not red (amber or green). */
export const SAMPLE_GREEN = 1;
/** The account was in onboarding on that day: skipped, the score is not read. */
export const SAMPLE_ONBOARDING = 2;
/** No score on that day (no data for any measure yet). */
export const SAMPLE_UNSCORED = 3;

/** Why a lead time is only a lower bound (0: it is not, the red stretch began after a non-red sample). */
export const CENSOR_NONE = 0;
/** The red stretch reaches the first sample of the lookback. */
export const CENSOR_LOOKBACK = 1;
/** The red stretch reaches the end of onboarding. */
export const CENSOR_ONBOARDING = 2;
/** The red stretch reaches a sample with no score. */
export const CENSOR_NO_DATA = 3;

/** One churn's lead time: days (NaN = not red at the last readable sample) and its censoring. */
export interface LeadTime {
  days: number;
  censored: number;
}

/**
 * The lead time of one churn from its samples, oldest first: sample k of n is (n − k)·step days
 * before the churn. The newest readable sample (scored, not in onboarding) must be red; the lead
 * time counts from the first sample of the unbroken red run that ends there. When the sample
 * before that run is not a readable non-red one (the lookback's start, onboarding, no score), the
 * account may have been red for longer: the lead time is a lower bound, `censored` says why.
 */
export function lastRedStretch(samples: ArrayLike<number>, step: number): LeadTime {
  const n = samples.length;
  let last = n - 1;
  while (last >= 0 && samples[last] !== SAMPLE_RED && samples[last] !== SAMPLE_GREEN) last--;
  if (last < 0 || samples[last] !== SAMPLE_RED) return { days: NaN, censored: CENSOR_NONE };
  let start = last;
  while (start > 0 && samples[start - 1] === SAMPLE_RED) start--;
  const days = (n - start) * step;
  if (start === 0) return { days, censored: CENSOR_LOOKBACK };
  const before = samples[start - 1];
  const censored =
    before === SAMPLE_GREEN
      ? CENSOR_NONE
      : before === SAMPLE_ONBOARDING
        ? CENSOR_ONBOARDING
        : CENSOR_NO_DATA;
  return { days, censored };
}

/** One churn's lead time in words ("42 days", "red for the whole year: ≥ 364 days"). */
export function leadTimeWords(days: number, censored: number, lookbackDays: number): string {
  if (!Number.isFinite(days)) return 'not red before churning';
  const d = Math.round(days);
  if (censored === CENSOR_LOOKBACK) {
    const span =
      lookbackDays === 364 || lookbackDays === 365 ? 'year' : `${lookbackDays}-day lookback`;
    return `red for the whole ${span}: ≥ ${d} days`;
  }
  if (censored === CENSOR_ONBOARDING) return `red since onboarding ended: ≥ ${d} days`;
  if (censored === CENSOR_NO_DATA) return `red since its score could first be read: ≥ ${d} days`;
  return `${d} days`;
}

/** Summary of lead times over churned accounts. */
export interface LeadTimeSummary {
  /** False at the same-day horizon (0): no prediction is made ahead, so lead time does not apply. */
  applicable: boolean;
  /** How far back the samples reach (days before the churn). */
  lookbackDays: number;
  /** Churned accounts considered (flagged or not). */
  nChurned: number;
  /** Those red at the last readable sample before churning (the last red stretch). */
  nFlagged: number;
  /** Flagged accounts whose lead time is a lower bound (the red stretch reaches back as far as can be seen). */
  nCensored: number;
  /** Censored accounts by what the red stretch reaches: the lookback's start, the end of onboarding, a day with no score. */
  censoredBy: { lookback: number; onboarding: number; noData: number };
  /**
   * Quartiles over flagged accounts (numpy linear percentiles), censored ones at their lower
   * bound; NaN when none. Each is then itself a lower bound when it would grow were the censored
   * lead times longer: `lowerBound` says which.
   */
  median: number;
  p25: number;
  p75: number;
  lowerBound: { median: boolean; p25: boolean; p75: boolean };
  /** Share of all churned accounts red for at least 60 / 90 days before churning (censored at their bound). */
  shareAtLeast60: number;
  shareAtLeast90: number;
  /** Histogram of flagged lead times: counts per `binDays`-wide bin from 0, censored ones at their bound and also counted apart. */
  histogram: { fromDay: number; toDay: number; count: number; censored: number }[];
}

/** Far beyond any lookback: a censored lead time pushed out to see whether a quartile moves. */
const UNBOUNDED = 1e12;

/**
 * Summarises lead times in days (one per churned account, NaN = never red before churn), each
 * with its censoring code (default none). Shares count never-flagged accounts in the
 * denominator, so a score that never warns scores 0.
 */
export function summarizeLeadTimes(
  leadDays: ArrayLike<number>,
  binDays = 30,
  censored?: ArrayLike<number>,
  lookbackDays = 364,
): LeadTimeSummary {
  const nChurned = leadDays.length;
  const low: number[] = [];
  const high: number[] = [];
  const censoredBy = { lookback: 0, onboarding: 0, noData: 0 };
  let at60 = 0;
  let at90 = 0;
  for (let i = 0; i < nChurned; i++) {
    const d = leadDays[i];
    if (!Number.isFinite(d)) continue;
    const c = censored?.[i] ?? CENSOR_NONE;
    low.push(d);
    high.push(c === CENSOR_NONE ? d : UNBOUNDED);
    if (c === CENSOR_LOOKBACK) censoredBy.lookback++;
    else if (c === CENSOR_ONBOARDING) censoredBy.onboarding++;
    else if (c === CENSOR_NO_DATA) censoredBy.noData++;
    if (d >= 60) at60++;
    if (d >= 90) at90++;
  }
  const histogram: LeadTimeSummary['histogram'] = [];
  if (low.length) {
    const bins = Math.floor(Math.max(...low) / binDays) + 1;
    for (let b = 0; b < bins; b++) {
      histogram.push({ fromDay: b * binDays, toDay: (b + 1) * binDays, count: 0, censored: 0 });
    }
    low.forEach((d, k) => {
      const bin = histogram[Math.floor(Math.max(0, d) / binDays)];
      bin.count++;
      if (high[k] !== d) bin.censored++;
    });
  }
  const lowSorted = Float64Array.from(low).sort();
  const highSorted = Float64Array.from(high).sort();
  const q = (pct: number) => percentileSorted(lowSorted, pct);
  const bound = (pct: number) => percentileSorted(highSorted, pct) > q(pct) + 1e-9;
  return {
    applicable: true,
    lookbackDays,
    nChurned,
    nFlagged: low.length,
    nCensored: censoredBy.lookback + censoredBy.onboarding + censoredBy.noData,
    censoredBy,
    median: q(50),
    p25: q(25),
    p75: q(75),
    lowerBound: { median: bound(50), p25: bound(25), p75: bound(75) },
    shareAtLeast60: nChurned ? at60 / nChurned : NaN,
    shareAtLeast90: nChurned ? at90 / nChurned : NaN,
    histogram,
  };
}

/** The lead time of a same-day backtest: not applicable (no figures, no histogram). */
export function leadTimeNotApplicable(nChurned: number, lookbackDays = 364): LeadTimeSummary {
  return {
    applicable: false,
    lookbackDays,
    nChurned,
    nFlagged: 0,
    nCensored: 0,
    censoredBy: { lookback: 0, onboarding: 0, noData: 0 },
    median: NaN,
    p25: NaN,
    p75: NaN,
    lowerBound: { median: false, p25: false, p75: false },
    shareAtLeast60: NaN,
    shareAtLeast90: NaN,
    histogram: [],
  };
}
