// User actions on the book as a whole: first-visit demo, load demo, rescore, erase, persist.
// Each calls the worker or the database, reports through toasts, and keeps pages thin.
import { todayDay } from '$lib/engine/dates';
import {
  databaseExists,
  eraseAllData as eraseDb,
  countAccounts as countBookAccounts,
  getDb,
  getSetting,
  setSetting,
  PLAYBOOKS_DAY_SETTING,
  SCORING_DAY_SETTING,
  type ScoringDayRecord,
  startupFacts,
} from '$lib/db';
import { callWorker, warmWorker, type Progress } from '$lib/worker/client';
import type { RescoreSummary } from '$lib/worker/ops/rescore';
import type { Changed } from '$lib/worker/ops/then-rescore';
import { events } from '$lib/events';
import { bookStatus } from '$lib/state/book-status.svelte';
// Loaded with the book service so it hears every rescore, whichever page is open.
import '$lib/state/coverage.svelte';
import { storageState } from '$lib/state/storage.svelte';
import { toasts } from '$lib/state/toasts.svelte';

const FIRST_VISIT_SETTING = 'firstVisitDone';

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

function reportError(action: string, e: unknown): void {
  if (isAbort(e)) {
    toasts.show('info', `${action} cancelled. Nothing was changed.`);
    return;
  }
  const message = e instanceof Error ? e.message : String(e);
  toasts.show('error', `${action} failed: ${message}`);
}

/** Replaces the book with the demo book (150 accounts unless told otherwise) and scores it. */
export async function loadDemoBook(accounts?: number): Promise<boolean> {
  try {
    const summary = await bookStatus.run('Loading the demo book', (signal, onProgress) =>
      callWorker('loadDemo', [{ todayDay: todayDay(), accounts }], { signal, onProgress }),
    );
    publishRescore(summary, 'Demo book loaded');
    events.emit('book.replaced', { reason: 'demo' });
    await setSetting(getDb(), FIRST_VISIT_SETTING, true);
    toasts.show(
      'success',
      `Demo book loaded: ${summary.accounts} accounts, ${summary.outcomes} renewal outcomes.`,
    );
    return true;
  } catch (e) {
    reportError('Loading the demo book', e);
    return false;
  }
}

/**
 * Rescores every account with the active model, as of today — or as of the book's newest data
 * day when the data ends before the model's windows reach today (the worker decides, with the
 * engine's chooseScoringDay, and stores the decision as the `scoringDay` setting).
 */
export async function rescoreBook(label = 'Scoring accounts'): Promise<boolean> {
  try {
    const summary = await bookStatus.run(label, (signal, onProgress) =>
      callWorker('rescore', [{ today: todayDay() }], { signal, onProgress }),
    );
    publishRescore(summary, label);
    return true;
  } catch (e) {
    reportError('Scoring', e);
    return false;
  }
}

/** Tells the app a rescore finished: the `scores.changed` event, with what it moved. */
function publishRescore(summary: RescoreSummary, cause: string): void {
  events.emit('scores.changed', { summary, changes: summary.changes, cause });
  if (summary.playbooksError) {
    toasts.show(
      'error',
      `Scores updated, but the playbooks could not run (${summary.playbooksError}); no tasks were created.`,
    );
  }
}

/** Runs the playbooks as of today on their own (start-up, when today was not evaluated). */
async function runPlaybooks(): Promise<void> {
  try {
    await bookStatus.run('Running playbooks', (signal, onProgress) =>
      callWorker('evaluatePlaybooks', [{ today: todayDay() }], { signal, onProgress }),
    );
  } catch (e) {
    reportError('Running the playbooks', e);
  }
}

/**
 * Runs one change to the book as the current book operation: a worker op wrapped in
 * `thenRescore`, which writes, rescores and returns what moved in the same queued call. Publishes
 * the rescore; when only the rescore failed, the write stands and a toast says the scores catch
 * up on the next rescore. Throws what the write threw (nothing written).
 */
export async function runChange<R>(
  label: string,
  call: (signal: AbortSignal, onProgress: (p: Progress) => void) => Promise<Changed<R>>,
): Promise<Changed<R>> {
  const changed = await bookStatus.run(label, call);
  if (changed.rescore) publishRescore(changed.rescore, label);
  else if (changed.rescoreError) {
    toasts.show(
      'info',
      `Saved, but the scores could not be updated yet (${changed.rescoreError}); they will be on the next rescore.`,
    );
  }
  return changed;
}

let firstVisit: Promise<boolean> | null = null;

/**
 * Whether this page load is the very first visit: no database yet. Asked once, as the app
 * starts and before anything opens the database (opening it would create it).
 */
function isFirstVisit(): Promise<boolean> {
  firstVisit ??= databaseExists().then((exists) => !exists);
  return firstVisit;
}

/**
 * Call as the app starts, before anything opens the database: on a first visit (no database
 * yet) the worker that will generate the demo book starts loading now, in parallel with the
 * page, instead of after the page has checked the database.
 */
export async function warmUpForFirstVisit(): Promise<void> {
  if (await isFirstVisit()) warmWorker();
}

/**
 * On every app start: on the very first visit load the demo book; otherwise rescore when the
 * book was last scored on an earlier calendar day (or by a version that did not record its
 * scoring day or each score's status), so the scoring day follows today and the data; the
 * rescore runs the playbooks, and without one they run when today has not been evaluated.
 */
export async function prepareBookOnStart(): Promise<void> {
  try {
    await startUp();
  } finally {
    bookStatus.starting = false;
  }
}

async function startUp(): Promise<void> {
  // A first visit goes straight to the worker, which creates the database: creating its tables
  // here would block the page's main thread for ~60 ms while the page is starting.
  if (await isFirstVisit()) {
    await loadDemoBook();
    return;
  }
  const db = getDb();
  const [firstVisitDone, { accounts, anyScore: latest }, scoring, playbooksDay] = await Promise.all(
    [
      getSetting<boolean>(db, FIRST_VISIT_SETTING),
      startupFacts(db),
      getSetting<ScoringDayRecord>(db, SCORING_DAY_SETTING),
      getSetting<number>(db, PLAYBOOKS_DAY_SETTING),
    ],
  );
  if (!firstVisitDone && accounts === 0) {
    await loadDemoBook();
    return;
  }
  const outdated =
    !latest || !scoring || scoring.today < todayDay() || latest.summary.status === undefined;
  if (accounts > 0 && outdated) await rescoreBook('Updating scores');
  // A rescore runs the playbooks; without one, run them when today has not been evaluated.
  else if (accounts > 0 && (playbooksDay ?? -Infinity) < todayDay()) await runPlaybooks();
}

/** How many accounts the book holds (to decide whether replacing it needs a confirmation). */
export function countAccounts(): Promise<number> {
  return countBookAccounts(getDb());
}

/** Deletes every record Canary holds (after the page has confirmed with the user). */
export async function eraseAllData(): Promise<void> {
  try {
    const db = getDb();
    await eraseDb(db);
    await setSetting(db, FIRST_VISIT_SETTING, true);
    events.emit('book.replaced', { reason: 'erase' });
    toasts.show(
      'success',
      'All data erased. Load the demo book or import your own data to start again.',
    );
  } catch (e) {
    reportError('Erasing data', e);
  }
}

/** Asks the browser to make Canary's storage persistent and shows the answer. */
export async function requestPersistentStorage(): Promise<void> {
  await storageState.requestPersist();
}
