// Horizons and the dated data behind them. Horizon 0 ("same day") scores each outcome with data
// dated on or before the outcome day itself: all a snapshot dated on its outcomes' day allows,
// and weaker evidence than a point-in-time horizon (no lead time). Coverage counts say how many
// outcomes have any dated data (a signal point or a pulse) by their prediction day, so the page
// and the report can say why a horizon drops outcomes.
import type { Book, DayNumber } from '../types';
import type { OutcomeRows, OutcomeSelection } from './outcomes';
import { outcomeRows } from './outcomes';

/** The same-day horizon: the score as of the outcome day itself. */
export const SAME_DAY_HORIZON = 0;
/** The longest horizon the CLI and the page accept (days). */
export const MAX_HORIZON_DAYS = 3650;

/** The warning every horizon-0 report carries (page, CLI text and `--json` alike). */
export const SAME_DAY_WARNING =
  'Horizon 0 (same day): each outcome is scored with data dated on or before the outcome day itself, so this shows how well the snapshot separates churned from renewed accounts, not whether the score would have warned in time. It is weaker evidence than a point-in-time horizon (30, 60 or 90 days before the outcome), and lead time does not apply.';

/** True for the same-day horizon. */
export function isSameDay(horizonDays: number): boolean {
  return horizonDays === SAME_DAY_HORIZON;
}

/** When the prediction is made, in words: "on the outcome day" or "60 days before the outcome". */
export function predictionDayPhrase(horizonDays: number): string {
  return isSameDay(horizonDays)
    ? 'on the outcome day'
    : `${horizonDays} day${horizonDays === 1 ? '' : 's'} before the outcome`;
}

/** Earliest dated observation per account: its first signal point or pulse. */
export function firstDataDays(book: Book): Map<string, DayNumber> {
  const first = new Map<string, DayNumber>();
  const see = (id: string, day: DayNumber) => {
    const d = first.get(id);
    if (d === undefined || day < d) first.set(id, day);
  };
  for (const s of book.series) if (s.days.length) see(s.accountId, s.days[0]);
  for (const p of book.pulses) see(p.accountId, p.day);
  return first;
}

/** How many outcome rows have dated data by their prediction day, and by their own day. */
export interface DataCoverage {
  /** Outcome rows considered (before any was left out as unscored). */
  outcomes: number;
  /** Rows whose account has a signal or pulse dated on or before the prediction day. */
  byPredictionDay: number;
  /** Rows whose account has dated data before the outcome day (what any horizon ≥ 1 needs). */
  beforeOutcomeDay: number;
  /** Rows whose account has dated data on or before the outcome day (what horizon 0 needs). */
  byOutcomeDay: number;
}

/** Per-row flag: the account had dated data on or before the row's prediction day. */
export function datedByPrediction(
  rows: OutcomeRows,
  first: ReadonlyMap<string, DayNumber>,
): Uint8Array {
  return Uint8Array.from(rows.accountIds, (id, i) => {
    const d = first.get(id);
    return d !== undefined && d <= rows.predictionDays[i] ? 1 : 0;
  });
}

/** Coverage counts of a horizon's outcome rows. */
export function dataCoverage(
  rows: OutcomeRows,
  first: ReadonlyMap<string, DayNumber>,
): DataCoverage {
  const c: DataCoverage = {
    outcomes: rows.accountIds.length,
    byPredictionDay: 0,
    beforeOutcomeDay: 0,
    byOutcomeDay: 0,
  };
  rows.accountIds.forEach((id, i) => {
    const d = first.get(id);
    if (d === undefined) return;
    if (d <= rows.predictionDays[i]) c.byPredictionDay++;
    if (d < rows.outcomeDays[i]) c.beforeOutcomeDay++;
    if (d <= rows.outcomeDays[i]) c.byOutcomeDay++;
  });
  return c;
}

/** True when outcomes can be tested only on the same day: none has dated data before its day. */
export function onlySameDay(c: DataCoverage): boolean {
  return c.byOutcomeDay > 0 && c.beforeOutcomeDay === 0;
}

/** Coverage of a book's outcomes at each horizon, for choosing horizons before a run. */
export function horizonCoverage(
  book: Book,
  horizons: readonly number[],
  selection: OutcomeSelection = {},
): { horizonDays: number; coverage: DataCoverage }[] {
  const first = firstDataDays(book);
  return horizons.map((h) => ({
    horizonDays: h,
    coverage: dataCoverage(outcomeRows(book, h, selection), first),
  }));
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
/** A count with thousands separators ("7,043"), as the page and CLI show it (no Intl in the engine). */
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The report's sentences about outcomes a horizon could not use or scored without dated data:
 * how many were left out and why (no data yet, or data the model does not read), a same-day-only
 * book named as such, and outcomes scored only from undated account attributes.
 */
export function coverageWarnings(
  horizonDays: number,
  coverage: DataCoverage,
  unscored: number,
  unscoredWithDatedData: number,
  scoredWithoutDatedData: number,
): string[] {
  const out: string[] = [];
  const total = coverage.outcomes;
  const sameDayOnly = !isSameDay(horizonDays) && onlySameDay(coverage);
  const noData = unscored - unscoredWithDatedData;
  const outOf = `of ${count(total)} ${plural(total, 'outcome', 'outcomes')}`;
  if (noData > 0) {
    let text = `${count(noData)} ${outOf} ${plural(noData, 'was', 'were')} left out: the account had no data yet on the prediction day, ${predictionDayPhrase(horizonDays)}.`;
    if (sameDayOnly) {
      text += ` No outcome in this book has data dated before its own day (for example a snapshot dated on the day of its outcomes), so only a same-day test (horizon 0) is possible.`;
    } else if (!isSameDay(horizonDays) && 2 * noData > total) {
      const later = coverage.byOutcomeDay - coverage.byPredictionDay;
      if (later > 0)
        text += ` ${count(later)} of them have data only after the prediction day and on or before the outcome day: a shorter horizon keeps more of them.`;
    }
    out.push(text);
  } else if (sameDayOnly && total > 0) {
    out.push(
      `No outcome in this book has data dated before its own day (for example a snapshot dated on the day of its outcomes), so only a same-day test (horizon 0) is possible.`,
    );
  }
  if (unscoredWithDatedData > 0) {
    out.push(
      `${count(unscoredWithDatedData)} ${outOf} ${plural(unscoredWithDatedData, 'was', 'were')} left out although the account had data by the prediction day: none of the model's measures reads it (does the model use this book's metrics and attributes?).`,
    );
  }
  if (!isSameDay(horizonDays) && scoredWithoutDatedData > 0) {
    out.push(
      `${count(scoredWithoutDatedData)} scored ${plural(scoredWithoutDatedData, 'outcome has', 'outcomes have')} no signal or pulse dated on or before the prediction day: ${plural(scoredWithoutDatedData, 'its score comes', 'their scores come')} only from account attributes, which carry no date and may describe the account as it was at the outcome.`,
    );
  }
  return out;
}
