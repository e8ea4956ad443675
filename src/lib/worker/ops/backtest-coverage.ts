// Which horizons the stored book can be backtested at, before any run: per offered horizon, how
// many outcomes have dated data (a signal or pulse) by their prediction day, and whether the
// outcomes can only be tested on the same day (e.g. a snapshot dated on its outcomes' day).
import { horizonCoverage, onlySameDay, type DataCoverage } from '../../engine/backtest';
import { getDb, loadBook } from '../../db';
import type { ProgressFn } from '../progress';

/** What to measure. */
export interface CoverageRequest {
  horizons: number[];
  excludeUnavoidable: boolean;
}

/** The book's outcomes against the offered horizons. */
export interface BacktestCoverage {
  /** Outcomes of accounts in the book (after the unavoidable-churn choice). */
  outcomes: number;
  /** True when no outcome has dated data before its own day but some have it on that day. */
  sameDayOnly: boolean;
  horizons: { horizonDays: number; coverage: DataCoverage }[];
}

/** Counts, per horizon, the outcomes the backtest could score from dated data. */
export default async function backtestCoverage(
  request: CoverageRequest,
  _onProgress?: ProgressFn,
): Promise<BacktestCoverage> {
  const book = await loadBook(getDb());
  const horizons = horizonCoverage(book, [0, ...request.horizons.filter((h) => h !== 0)], {
    excludeUnavoidable: request.excludeUnavoidable,
  });
  const sameDay = horizons[0].coverage;
  return {
    outcomes: sameDay.outcomes,
    sameDayOnly: onlySameDay(sameDay),
    horizons: horizons.filter((h) => h.horizonDays !== 0 || request.horizons.includes(0)),
  };
}
