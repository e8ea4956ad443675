// How fresh a book's data is for a model: the day to score as of, whether an account's own data
// still reaches the model's windows, and the coverage below which a score is not shown. One
// place, so the app's every rescore, the preview and the what-if agree (and the tests pin it).
import type { MeasureSource, ModelDocument } from '../model/schema';
import type { DayNumber } from '../types';
import { NO_DATA_DAY, type PreparedBook } from './prepare';
import { upperBound } from './window';

/**
 * Below this share of the model's weight with data an account is "not scored": a score from
 * less than 30% of the weight says more about the missing measures' policy than about the
 * account (13% of the default model gave RavenStack's accounts "Green 100"). The existing
 * warning for thin data (under 60%) still applies above it.
 */
export const MIN_COVERAGE = 0.3;

/** How far back a measure source reads from its as-of day (0 when it has no window). */
export function sourceLookbackDays(source: MeasureSource): number {
  switch (source.kind) {
    case 'aggregate':
    case 'ratio':
    case 'slope':
      return source.windowDays;
    case 'change':
      // The current window and the one before it.
      return 2 * source.windowDays;
    default:
      // daysSince counts the silence itself, attributes are static, a pulse decays.
      return 0;
  }
}

/**
 * The model's lookback: the longest window any of its measures reads (a change reads two
 * windows), and at least its trend window. Data older than this before the scoring day is in
 * none of the model's windows.
 */
export function modelLookbackDays(model: ModelDocument): number {
  let days = model.trend.windowDays;
  for (const g of model.groups)
    for (const m of g.measures) days = Math.max(days, sourceLookbackDays(m.source));
  return days;
}

/** True when the account has an observation of any metric, or a pulse, in (from, to]. */
export function hasDataIn(prepared: PreparedBook, a: number, from: DayNumber, to: DayNumber) {
  for (const s of prepared.seriesByAccount[a]) {
    if (upperBound(s.days, to) > upperBound(s.days, from)) return true;
  }
  const p = prepared.pulses[a];
  return p !== undefined && upperBound(p.days, to) > upperBound(p.days, from);
}

/** The account's newest observation or pulse on or before `day`; null when it has none. */
export function lastDataDay(prepared: PreparedBook, a: number, day: DayNumber): DayNumber | null {
  let last = -Infinity;
  for (const s of prepared.seriesByAccount[a]) {
    const i = upperBound(s.days, day);
    if (i > 0 && s.days[i - 1] > last) last = s.days[i - 1];
  }
  const p = prepared.pulses[a];
  if (p) {
    const i = upperBound(p.days, day);
    if (i > 0 && p.days[i - 1] > last) last = p.days[i - 1];
  }
  return last === -Infinity ? null : last;
}

/** The book's newest observation or pulse on or before `day` (any account); null when none. */
export function newestDataDay(prepared: PreparedBook, day: DayNumber): DayNumber | null {
  let newest: DayNumber | null = null;
  for (let a = 0; a < prepared.accounts.length; a++) {
    const d = lastDataDay(prepared, a, day);
    if (d !== null && (newest === null || d > newest)) newest = d;
  }
  return newest;
}

/** The day a book is scored as of, and why. */
export interface ScoringDay {
  /** The day scores are computed as of. */
  day: DayNumber;
  /** The calendar day the decision was made on. */
  today: DayNumber;
  /** `today`, or `newest-data` when the book's data ends before the model's windows reach. */
  basis: 'today' | 'newest-data';
  /** The book's newest observation or pulse on or before today (null for a book without any). */
  newestDataDay: DayNumber | null;
  /** The model's lookback (see modelLookbackDays). */
  lookbackDays: number;
}

/**
 * The rule: score as of today, unless the book's newest data (signals or pulses, on or before
 * today) is the model's lookback or more before today — then none of the model's windows
 * (each `(today − windowDays, today]`) would hold any of the book's data, and the book is
 * scored as of its newest data day instead.
 * A book that ends today (the demo book) is scored as of today.
 */
export function chooseScoringDay(
  prepared: PreparedBook,
  model: ModelDocument,
  today: DayNumber,
): ScoringDay {
  const lookbackDays = modelLookbackDays(model);
  const newest = newestDataDay(prepared, today);
  const behind = newest !== null && today - newest >= lookbackDays;
  return {
    day: behind ? newest : today,
    today,
    basis: behind ? 'newest-data' : 'today',
    newestDataDay: newest,
    lookbackDays,
  };
}

/**
 * Whether an account's score on a day may be shown, as scoreStatusOf decides, without finding
 * its newest day (the history's fast path).
 */
export function isShown(
  prepared: PreparedBook,
  a: number,
  day: DayNumber,
  coverage: number,
  lookbackDays: number,
): boolean {
  if (!(coverage >= MIN_COVERAGE)) return false;
  // Attributes only (no dated data at all): never stale, never unobserved.
  if (!hasDatedData(prepared, a)) return true;
  // Not observed yet: its undated attributes alone are not a score of that day.
  if (prepared.firstDay[a] > day) return false;
  return hasDataIn(prepared, a, day - lookbackDays, day);
}

/** Whether the account has any dated data (an observation or a pulse), on any day. */
export function hasDatedData(prepared: PreparedBook, a: number): boolean {
  return prepared.firstDay[a] !== NO_DATA_DAY;
}

/** Whether a score is shown: scored, stale (no data in the windows), or not scored (thin). */
export type ScoreStatus = 'scored' | 'stale' | 'unscored';

/**
 * An account's status on a day: `stale` when it has dated data but none in the model's windows
 * (its newest is `lookbackDays` or more before the day); `unscored` when less than MIN_COVERAGE
 * of the weight had data (or no measure had any), or when the account has dated data but none
 * yet on or before the day (`observedLater`: before its first observation only its undated
 * attributes would speak, which is not a score of that day); `scored` otherwise. An account
 * with no dated data at all is scored from its attributes on any day.
 */
export function scoreStatusOf(
  coverage: number,
  lastData: DayNumber | null,
  day: DayNumber,
  lookbackDays: number,
  observedLater = false,
): ScoreStatus {
  if (lastData !== null && day - lastData >= lookbackDays) return 'stale';
  if (lastData === null && observedLater) return 'unscored';
  return coverage < MIN_COVERAGE || Number.isNaN(coverage) ? 'unscored' : 'scored';
}
