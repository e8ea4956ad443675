// Lead time: how many days before churn an account first turned red.
import { percentileSorted, sortedFinite } from './stats';

/** Summary of lead times over churned accounts. */
export interface LeadTimeSummary {
  /** False at the same-day horizon (0): no prediction is made ahead, so lead time does not apply. */
  applicable: boolean;
  /** Churned accounts considered (flagged or not). */
  nChurned: number;
  /** Those that were red at some point before churning. */
  nFlagged: number;
  /** Quartiles over flagged accounts only (numpy linear percentiles); NaN when none. */
  median: number;
  p25: number;
  p75: number;
  /** Share of all churned accounts flagged red at least 60 / 90 days ahead. */
  shareAtLeast60: number;
  shareAtLeast90: number;
  /** Histogram of flagged lead times: counts per `binDays`-wide bin starting at 0. */
  histogram: { fromDay: number; toDay: number; count: number }[];
}

/**
 * Summarises lead times in days (one per churned account, NaN = never red before churn).
 * Shares count never-flagged accounts in the denominator, so a score that never warns scores 0.
 */
export function summarizeLeadTimes(leadDays: ArrayLike<number>, binDays = 30): LeadTimeSummary {
  const flagged = sortedFinite(leadDays);
  const nChurned = leadDays.length;
  let at60 = 0;
  let at90 = 0;
  for (const d of flagged) {
    if (d >= 60) at60++;
    if (d >= 90) at90++;
  }
  const histogram: LeadTimeSummary['histogram'] = [];
  if (flagged.length) {
    const bins = Math.floor(flagged[flagged.length - 1] / binDays) + 1;
    for (let b = 0; b < bins; b++) {
      histogram.push({ fromDay: b * binDays, toDay: (b + 1) * binDays, count: 0 });
    }
    for (const d of flagged) histogram[Math.floor(Math.max(0, d) / binDays)].count++;
  }
  return {
    applicable: true,
    nChurned,
    nFlagged: flagged.length,
    median: percentileSorted(flagged, 50),
    p25: percentileSorted(flagged, 25),
    p75: percentileSorted(flagged, 75),
    shareAtLeast60: nChurned ? at60 / nChurned : NaN,
    shareAtLeast90: nChurned ? at90 / nChurned : NaN,
    histogram,
  };
}

/** The lead time of a same-day backtest: not applicable (no figures, no histogram). */
export function leadTimeNotApplicable(nChurned: number): LeadTimeSummary {
  return {
    applicable: false,
    nChurned,
    nFlagged: 0,
    median: NaN,
    p25: NaN,
    p75: NaN,
    shareAtLeast60: NaN,
    shareAtLeast90: NaN,
    histogram: [],
  };
}
