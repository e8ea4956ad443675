// The bench's entry point: the PRODUCT.md workload "backtest 5,000 accounts, 3 horizons, with
// 5-fold fit" on a seeded synthetic book. Timing is the caller's job; this only runs the work.
import { prepareBook } from '../score/prepare';
import { proposeModel } from './propose';
import { runBacktest } from './run';
import { syntheticBacktestBook } from './synthetic';

/** What one bench run did, so the bench can check the work was real. */
export interface BacktestBenchSummary {
  accounts: number;
  outcomes: number;
  horizons: number[];
  auc: (number | null)[];
}

/**
 * Builds a seeded synthetic book of `accounts` accounts, then runs the 30/60/90-day backtest
 * with a 5-fold grouped scorecard fit on measures proposed from the data. Book generation is
 * done first; pass `onBookReady` to start a timer after it.
 */
export function runBacktestBench(
  accounts: number,
  seed: number,
  onBookReady?: () => void,
): BacktestBenchSummary {
  const book = syntheticBacktestBook(accounts, seed);
  onBookReady?.();
  const prepared = prepareBook(book);
  const result = runBacktest(prepared, proposeModel(book), {
    horizons: [30, 60, 90],
    fit: { folds: 5 },
  });
  return {
    accounts,
    outcomes: result.reports[0].n_outcomes,
    horizons: result.reports.map((r) => r.horizon_days),
    auc: result.reports.map((r) => r.auc),
  };
}
