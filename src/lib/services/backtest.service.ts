// User actions of the backtest page: run a backtest, suggest fitted weights, compare two
// versions (all in the worker, cancellable), and accept a fitted model as a new version.
import type { ModelDocument } from '$lib/engine';
import { todayDay } from '$lib/engine/dates';
import { callWorker, type Progress } from '$lib/worker/client';
import type { BacktestRequest, BacktestRun } from '$lib/worker/ops/backtest';
import type { BacktestCoverage, CoverageRequest } from '$lib/worker/ops/backtest-coverage';
import type { CompareRequest, VersionComparison } from '$lib/worker/ops/compare';
import type { FitRequest, FitSuggestion } from '$lib/worker/ops/fit';
import { toasts } from '$lib/state/toasts.svelte';
import { runChange } from './book.service';

/** True when `e` is the rejection of a cancelled worker call. */
export function isCancelled(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** A worker failure as a sentence for the page. */
export function failureMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Runs the backtest in the worker (it stores the summary with the version when it finishes). */
export function runBacktestInWorker(
  request: BacktestRequest,
  signal: AbortSignal,
  onProgress: (p: Progress) => void,
): Promise<BacktestRun> {
  return callWorker('backtest', [request], { signal, onProgress });
}

/** Counts, per horizon, the outcomes with dated data by their prediction day (reads only). */
export function coverageInWorker(request: CoverageRequest): Promise<BacktestCoverage> {
  return callWorker('backtestCoverage', [request]);
}

/** Fits suggested weights in the worker; nothing is saved. */
export function suggestWeightsInWorker(
  request: FitRequest,
  signal: AbortSignal,
  onProgress: (p: Progress) => void,
): Promise<FitSuggestion> {
  return callWorker('fitWeights', [request], { signal, onProgress });
}

/** Backtests two versions on the same outcomes in the worker. */
export function compareInWorker(
  request: CompareRequest,
  signal: AbortSignal,
  onProgress: (p: Progress) => void,
): Promise<VersionComparison> {
  return callWorker('compareVersions', [request], { signal, onProgress });
}

/**
 * Saves an accepted fit (in the worker) as the next version of the active model's id, makes it
 * active and rescores the book. Returns the new key, or null (with a toast) when it failed.
 */
export async function acceptFittedModel(
  fitted: ModelDocument,
  baseName: string,
): Promise<string | null> {
  try {
    const { result: saved } = await runChange('Saving the fitted model', (signal, onProgress) =>
      callWorker('acceptFit', [{ fitted, baseName, today: todayDay() }], { signal, onProgress }),
    );
    toasts.show(
      'success',
      `Saved the fitted weights as version ${saved.version}; it is now active and the book is rescored.`,
    );
    return saved.key;
  } catch (e) {
    toasts.show(
      'error',
      `Saving the fitted model failed: ${failureMessage(e)}. Nothing was changed.`,
    );
    return null;
  }
}
