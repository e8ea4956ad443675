// Two saved model versions side by side on the same outcomes: each version's metrics per
// horizon, and every outcome whose band at prediction time differs between them. Both runs are
// kept with their versions (attachBacktest), as a plain backtest would keep them.
import { compareModels, type BandChange, type HorizonReport } from '../../engine/backtest';
import { attachBacktest, getDb } from '../../db';
import type { ProgressFn } from '../progress';
import { loadPreparedBook, loadVersion, namesOf } from './backtest-book';
import { backtestSummary } from './backtest-summary';

/** What to compare. */
export interface CompareRequest {
  beforeKey: string;
  afterKey: string;
  horizons: number[];
  excludeUnavoidable: boolean;
}

/** One side of the comparison. */
export interface ComparedVersion {
  key: string;
  name: string;
  version: number;
  reports: HorizonReport[];
}

/** The comparison as the page shows it. */
export interface VersionComparison {
  before: ComparedVersion;
  after: ComparedVersion;
  /** Per horizon: outcomes both versions could score. */
  commonOutcomes: number[];
  bandChanges: BandChange[];
  names: Record<string, string>;
  ms: number;
}

/** Backtests both versions over the same outcomes and lists band changes. */
export default async function compareVersions(
  request: CompareRequest,
  onProgress?: ProgressFn,
): Promise<VersionComparison> {
  const started = performance.now();
  const db = getDb();
  onProgress?.({ fraction: 0.05, label: 'Reading the book' });
  const [before, after, book] = await Promise.all([
    loadVersion(db, request.beforeKey),
    loadVersion(db, request.afterKey),
    loadPreparedBook(db),
  ]);
  onProgress?.({ fraction: 0.2, label: `Backtesting ${before.name} and ${after.name}` });
  const c = compareModels(book.prepared, before.model, after.model, {
    horizons: request.horizons,
    excludeUnavoidable: request.excludeUnavoidable,
  });
  const ranAt = Date.now();
  await attachBacktest(
    db,
    before.key,
    backtestSummary(c.before.reports, request.excludeUnavoidable, ranAt),
  );
  await attachBacktest(
    db,
    after.key,
    backtestSummary(c.after.reports, request.excludeUnavoidable, ranAt),
  );
  onProgress?.({ fraction: 1, label: 'Done' });
  return {
    before: {
      key: before.key,
      name: before.name,
      version: before.model.version,
      reports: c.before.reports,
    },
    after: {
      key: after.key,
      name: after.name,
      version: after.model.version,
      reports: c.after.reports,
    },
    commonOutcomes: c.commonOutcomes,
    bandChanges: c.bandChanges,
    names: namesOf(
      c.bandChanges.map((b) => b.accountId),
      book.names,
    ),
    ms: performance.now() - started,
  };
}
