// Replaces the book with the generated demo book (about 150 accounts, two years of weekly
// signals ending today) and scores it, history included. The demo also gets past work: the
// playbooks replayed over the last weeks with a simulated CSM (most tasks done with a note, some
// overdue), so the Inbox, the timelines and "did it work" have something to show.
import { prepareBook } from '../../engine';
import { generateDemoBook } from '../../engine/demo';
import { demoWork } from '../../engine/plays';
import type { DayNumber } from '../../engine/types';
import { getDb, replaceBook, storePastWork } from '../../db';
import type { ProgressFn } from '../progress';
import { ensureActiveModel } from './active-model';
import { activePlaybooks } from './evaluate-playbooks';
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
  const [active, { playbooks }] = await Promise.all([activeModel, activePlaybooks(db)]);
  onProgress?.({ fraction: 0.1, label: 'Replaying the demo’s past tasks' });
  const work = demoWork({
    prepared: prepareBook(book),
    model: active.model,
    playbooks,
    today: request.todayDay,
  });
  onProgress?.({ fraction: 0.15, label: 'Saving and scoring the demo book' });
  // The book is written while it is scored (the writes are mostly the database's own work);
  // the scores are saved once it is stored, and today's playbooks run on from the past work.
  const replacing = replaceBook(db, book).then(() => storePastWork(db, work));
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
