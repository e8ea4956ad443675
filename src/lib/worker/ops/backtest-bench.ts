// Benchmark support: times the PRODUCT.md backtest workload (5,000 accounts, 30/60/90-day
// horizons, 5-fold fit) in this worker, against a floor measured in the same run: reading the
// point-in-time measure values of the same outcome points once (prepareBook + pointFeatures),
// the input every fit must build, without fitting, folds or lead times. (evaluatePoints of the
// proposed percentile-scored model costs more than the whole fitted backtest, so it is no floor.)
import { prepareBook } from '../../engine';
import { pointFeatures } from '../../engine/backtest/features';
import {
  outcomeRows,
  proposeModel,
  runBacktestBench,
  syntheticBacktestBook,
} from '../../engine/backtest';
import type { ProgressFn } from '../progress';

/** Timings of one backtest benchmark, in milliseconds. */
export interface BacktestBenchResult {
  accounts: number;
  outcomes: number;
  horizons: number[];
  auc: (number | null)[];
  ms: number;
  floorMs: number;
}

/** Runs the 5,000-account backtest benchmark (book generation not timed). */
export default async function benchBacktest(
  request: { accounts: number; seed?: number },
  onProgress?: ProgressFn,
): Promise<BacktestBenchResult> {
  const seed = request.seed ?? 1;
  const horizons = [30, 60, 90];
  onProgress?.({ fraction: 0.05, label: 'Generating the benchmark book' });
  const book = syntheticBacktestBook(request.accounts, seed);
  const model = proposeModel(book);
  const f0 = performance.now();
  const prepared = prepareBook(book);
  const points = horizons.flatMap((h) => {
    const rows = outcomeRows(book, h);
    return rows.accountIds.map((accountId, i) => ({ accountId, day: rows.predictionDays[i] }));
  });
  const floor = pointFeatures(prepared, model, points);
  const floorMs = performance.now() - f0;
  if (floor.raw.rows !== points.length) throw new Error('Benchmark floor read nothing');

  onProgress?.({ fraction: 0.3, label: 'Backtesting 3 horizons with a 5-fold fit' });
  let t0 = 0;
  const summary = runBacktestBench(request.accounts, seed, () => (t0 = performance.now()));
  const ms = performance.now() - t0;
  if (summary.outcomes === 0) throw new Error('Benchmark backtest scored no outcomes');
  onProgress?.({ fraction: 1, label: 'Done' });
  return { ...summary, ms, floorMs };
}
