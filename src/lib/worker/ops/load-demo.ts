// Replaces the book with the generated demo book (about 150 accounts, two years of weekly
// signals ending today) and scores it, history included.
import { generateDemoBook } from '../../engine/demo';
import type { DayNumber } from '../../engine/types';
import { getDb, replaceBook } from '../../db';
import type { ProgressFn } from '../progress';
import rescore, { type RescoreSummary } from './rescore';

/** How to build the demo book. */
export interface LoadDemoRequest {
  /** Today: the demo's signals end on the Monday on or before it, and scores are as of it. */
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
  const book = generateDemoBook({
    seed: request.seed,
    accounts: request.accounts,
    endDay: request.todayDay,
  });
  onProgress?.({ fraction: 0.15, label: 'Saving the demo book' });
  await replaceBook(getDb(), book);
  const summary = await rescore({ asOfDay: request.todayDay, book }, (p) =>
    onProgress?.({ fraction: 0.2 + 0.8 * p.fraction, label: p.label }),
  );
  return { ...summary, outcomes: book.outcomes.length, series: book.series.length };
}
