// Whether a book has enough outcomes to fit and test a model on, and at which horizon: an
// outcome counts at horizon h when its account had dated data on or before the outcome day − h
// (what the fit may read under the point-in-time rule).
import type { Book } from '../types';
import type { OutcomeSelection } from './outcomes';

/** Churned outcomes with data a fit needs at least (and as many that did not churn). */
export const MIN_FIT_CHURNED = 20;
/** Outcomes that did not churn (renewed, expanded, contracted) a fit needs at least. */
export const MIN_FIT_RETAINED = 20;
/** Point-in-time horizons tried for a fit, in order of preference. */
export const FIT_HORIZONS = [60, 30, 90] as const;

/** Outcomes with data at one horizon. */
export interface HorizonEvidence {
  horizonDays: number;
  churned: number;
  retained: number;
  enough: boolean;
}

/**
 * Counts the outcomes whose account had a dated observation on or before the prediction day.
 * A book without any series is read from its (undated) attributes: every outcome counts.
 */
export function outcomesWithData(
  book: Book,
  horizonDays: number,
  selection: OutcomeSelection = {},
): HorizonEvidence {
  const first = new Map<string, number>();
  for (const s of book.series) {
    if (!s.days.length) continue;
    const d = first.get(s.accountId);
    if (d === undefined || s.days[0] < d) first.set(s.accountId, s.days[0]);
  }
  const known = new Set(book.accounts.map((a) => a.id));
  const undated = book.series.length === 0;
  let churned = 0;
  let retained = 0;
  for (const o of book.outcomes) {
    if (!known.has(o.accountId)) continue;
    if (selection.excludeUnavoidable && o.outcome === 'churned' && o.avoidable === false) continue;
    const since = first.get(o.accountId);
    if (!undated && (since === undefined || since > o.day - horizonDays)) continue;
    if (o.outcome === 'churned') churned++;
    else retained++;
  }
  return {
    horizonDays,
    churned,
    retained,
    enough: churned >= MIN_FIT_CHURNED && retained >= MIN_FIT_RETAINED,
  };
}

/** The horizon to fit at, and the evidence at each horizon tried. */
export interface HorizonChoice {
  /** Null when no horizon has enough outcomes with data. */
  horizonDays: number | null;
  tried: HorizonEvidence[];
}

/**
 * The first of 60, 30 and 90 days at which enough outcomes have data; with `sameDay`, horizon 0
 * (the outcome's own day: a snapshot's evidence, no lead time) when none of those has.
 */
export function chooseFitHorizon(
  book: Book,
  options: OutcomeSelection & { sameDay?: boolean } = {},
): HorizonChoice {
  const horizons: number[] = [...FIT_HORIZONS, ...(options.sameDay ? [0] : [])];
  const tried: HorizonEvidence[] = [];
  for (const h of horizons) {
    const evidence = outcomesWithData(book, h, options);
    tried.push(evidence);
    if (evidence.enough) return { horizonDays: h, tried };
  }
  return { horizonDays: null, tried };
}
