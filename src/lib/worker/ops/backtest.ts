// Runs the point-in-time backtest of a saved model version over the stored book, keeps its
// compact summary with the version (attachBacktest), and returns everything the page draws.
// The summary is written only after the whole run succeeded, so a cancelled run changes nothing.
import {
  readFitDescription,
  runBacktest,
  type FitRecord,
  type HorizonReport,
} from '../../engine/backtest';
import type { BandThresholds } from '../../engine';
import { attachBacktest, getDb } from '../../db';
import type { ProgressFn } from '../progress';
import { loadPreparedBook, loadVersion, namesOf } from './backtest-book';
import {
  backtestSummary,
  renewalStatements,
  statementThresholds,
  type RenewalStatement,
  type StoredBacktest,
} from './backtest-summary';

/** What to backtest. */
export interface BacktestRequest {
  /** Saved model version key; null = the active model. */
  modelKey: string | null;
  horizons: number[];
  excludeUnavoidable: boolean;
}

/** One horizon's report plus the renewal statements measured at it. */
export interface BacktestHorizon {
  report: HorizonReport;
  renewal: RenewalStatement[];
}

/** The backtest as the page shows it. */
export interface BacktestRun {
  modelKey: string;
  modelName: string;
  modelVersion: number;
  bands: BandThresholds;
  /** The fit that made this version (from its description), when it is one: then in sample. */
  fittedOn: FitRecord | null;
  horizons: BacktestHorizon[];
  /** Display names of every account the reports mention. */
  names: Record<string, string>;
  summary: StoredBacktest;
  ms: number;
}

/** Backtests a saved model version at each horizon and stores the summary with it. */
export default async function backtest(
  request: BacktestRequest,
  onProgress?: ProgressFn,
): Promise<BacktestRun> {
  const started = performance.now();
  const db = getDb();
  onProgress?.({ fraction: 0.02, label: 'Reading the book' });
  const [version, book] = await Promise.all([
    loadVersion(db, request.modelKey),
    loadPreparedBook(db),
  ]);
  const total = request.horizons.length;
  const scoring = (h: number) =>
    h === 0 ? 'Scoring outcomes on their own day' : `Scoring outcomes ${h} days ahead`;
  onProgress?.({ fraction: 0.1, label: scoring(request.horizons[0]) });
  const result = runBacktest(book.prepared, version.model, {
    horizons: request.horizons,
    excludeUnavoidable: request.excludeUnavoidable,
    onProgress: (done) =>
      onProgress?.({
        fraction: 0.1 + (0.85 * done) / total,
        label: done < total ? scoring(request.horizons[done]) : 'Saving the result',
      }),
  });
  const thresholds = statementThresholds(version.model.bands.amberMax + 1);
  const horizons = result.reports.map((report, h) => ({
    report,
    renewal: renewalStatements(result.scored[h].scores, result.scored[h].rows, thresholds),
  }));
  const summary = backtestSummary(result.reports, request.excludeUnavoidable, Date.now());
  await attachBacktest(db, version.key, summary);
  const mentioned = result.reports.flatMap((r) =>
    r.details.churned_while_green.map((c) => c.accountId),
  );
  onProgress?.({ fraction: 1, label: 'Done' });
  return {
    modelKey: version.key,
    modelName: version.name,
    modelVersion: version.model.version,
    bands: version.model.bands,
    fittedOn: readFitDescription(version.model.description),
    horizons,
    names: namesOf(mentioned, book.names),
    summary,
    ms: performance.now() - started,
  };
}
