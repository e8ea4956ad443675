// "Suggest weights": fits a credit-scorecard version of a saved model to the book's outcomes
// (grouped K-fold or time-based split, out of sample), with suggested band thresholds. Nothing
// is saved here; the page saves it as a new version only when the user accepts.
import {
  FitInputError,
  fitModel,
  readFitDescription,
  type FitRecord,
  type HorizonReport,
  type OutOfSampleComparison,
} from '../../engine/backtest';
import type { ModelDocument } from '../../engine';
import { getDb } from '../../db';
import { InputError } from '../errors';
import type { ProgressFn } from '../progress';
import { loadPreparedBook, loadVersion } from './backtest-book';
import { notOfferedReasons } from './fit-reasons';

/** What to fit. */
export interface FitRequest {
  /** The saved version whose measures are refitted; null = the active model. */
  modelKey: string | null;
  horizonDays: number;
  folds: number;
  split: 'account' | 'time';
  excludeUnavoidable: boolean;
  /** Share of churned outcomes the red band should catch (0–1). */
  redCatchShare?: number;
  /** Or: the red cut-off that flags this many accounts today. */
  capacity?: number;
}

/** A suggested model and the evidence for it. */
export interface FitSuggestion {
  baseKey: string;
  baseName: string;
  base: ModelDocument;
  /** The fit that made the base version, when it is one: its figures here are then in sample. */
  baseFittedOn: FitRecord | null;
  model: ModelDocument;
  outOfSample: HorizonReport;
  baseline: HorizonReport;
  /** The fit against the current model on the outcomes both scored. */
  comparison: OutOfSampleComparison;
  offered: boolean;
  /** Why it is not offered (empty when offered). */
  reasons: string[];
  warnings: string[];
  request: FitRequest;
  ms: number;
}

/** Fits suggested weights and thresholds; never writes anything. */
export default async function fitWeights(
  request: FitRequest,
  onProgress?: ProgressFn,
): Promise<FitSuggestion> {
  const started = performance.now();
  const db = getDb();
  onProgress?.({ fraction: 0.05, label: 'Reading the book' });
  const [version, book] = await Promise.all([
    loadVersion(db, request.modelKey),
    loadPreparedBook(db),
  ]);
  onProgress?.({
    fraction: 0.2,
    label: `Fitting on ${request.folds} folds ${request.split === 'time' ? 'forward in time' : 'grouped by account'}`,
  });
  try {
    const fit = fitModel(book.prepared, {
      baseModel: version.model,
      horizonDays: request.horizonDays,
      folds: request.folds,
      split: request.split,
      excludeUnavoidable: request.excludeUnavoidable,
      redCatchShare: request.redCatchShare,
      capacity: request.capacity,
    });
    onProgress?.({ fraction: 1, label: 'Done' });
    return {
      baseKey: version.key,
      baseName: version.name,
      base: version.model,
      baseFittedOn: readFitDescription(version.model.description),
      model: fit.model,
      outOfSample: fit.outOfSample,
      baseline: fit.baseline,
      comparison: fit.comparison,
      offered: fit.offered,
      reasons: fit.offered ? [] : notOfferedReasons(fit.outOfSample, fit.comparison),
      // The comparison's verdict is already among the reasons.
      warnings: fit.warnings.filter((w) => w !== fit.comparison.summary),
      request,
      ms: performance.now() - started,
    };
  } catch (e) {
    if (e instanceof FitInputError) throw new InputError(e.message);
    throw e;
  }
}
