// Replaces the book with the generated demo book (about 150 accounts, two years of weekly
// signals ending today) and scores it, history included.
import { generateDemoBook } from '../../engine/demo';
import type { DayNumber } from '../../engine/types';
import { getDb, replaceBook } from '../../db';
import type { ProgressFn } from '../progress';
import { ensureActiveModel } from './active-model';
import { scoreAndSave, type RescoreSummary } from './rescore';

/** How to build the demo book. */
export interface LoadDemoRequest {
  /** Today: the demo's signals end on the Monday on or before it, so it is scored as of today. */
  todayDay: DayNumber;
  seed?: number;
  accounts?: number;
}

/** What loading the demo did. */
export interface LoadDemoSummary extends RescoreSummary {
  outcomes: number;
  series: number;
}

/** Generates the demo book, replaces the database's book with it and scores it. */
export default async function loadDemo(
  request: LoadDemoRequest,
  onProgress?: ProgressFn,
): Promise<LoadDemoSummary> {
  onProgress?.({ fraction: 0.02, label: 'Generating the demo book' });
  // The database opens (created on a first visit) and yields the model while the book is made.
  const db = getDb();
  const activeModel = ensureActiveModel(db);
  activeModel.catch(() => {}); // awaited just below
  const book = generateDemoBook({
    seed: request.seed,
    accounts: request.accounts,
    endDay: request.todayDay,
  });
  const active = await activeModel;
  onProgress?.({ fraction: 0.15, label: 'Saving and scoring the demo book' });
  // The book is written while it is scored (the writes are mostly the database's own work);
  // the scores are saved once it is stored. Each step is one transaction, as before.
  const replacing = replaceBook(db, book);
  replacing.catch(() => {}); // observed below; this only keeps a failure from being "unhandled"
  const summary = await scoreAndSave({ today: request.todayDay, book, replacing, active }, (p) =>
    onProgress?.({ fraction: 0.2 + 0.8 * p.fraction, label: p.label }),
  ).catch(async (e: unknown) => {
    // A failed write is the error to report; scoring does not outlive it unobserved.
    await replacing;
    throw e;
  });
  return { ...summary, outcomes: book.outcomes.length, series: book.series.length };
}
