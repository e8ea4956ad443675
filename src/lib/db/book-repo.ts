// The whole book of business: load it for scoring, replace it (demo book), or erase everything.
import type { Book } from '../engine/types';
import type { CanaryDb } from './canary-db';
import { compact, assertSeriesShape } from './series-shape';

/**
 * Loads every account, series, outcome, pulse and override in one read transaction. Records
 * are returned as stored (bulk toArray, no per-observation objects).
 */
export function loadBook(db: CanaryDb): Promise<Book> {
  return db.transaction(
    'r',
    [db.accounts, db.series, db.outcomes, db.pulses, db.overrides],
    async () => {
      const [accounts, series, outcomes, pulses, overrides] = await Promise.all([
        db.accounts.toArray(),
        db.series.toArray(),
        db.outcomes.toArray(),
        db.pulses.toArray(),
        db.overrides.toArray(),
      ]);
      return { accounts, series, outcomes, pulses, overrides };
    },
  );
}

/**
 * Replaces the book (accounts, series, outcomes, pulses, overrides) in one transaction and
 * clears everything derived from the old one: notes, scores, score history, the import log, the
 * crosswalk, tasks, playbook state and renewal calls. Model versions, playbooks and settings are
 * kept.
 */
export async function replaceBook(db: CanaryDb, book: Book): Promise<void> {
  for (const s of book.series) assertSeriesShape(`${s.accountId}/${s.metric}`, s.days, s.values);
  const series = book.series.map((s) => ({
    accountId: s.accountId,
    metric: s.metric,
    days: compact(s.days),
    values: compact(s.values),
  }));
  await db.transaction(
    'rw',
    [
      db.accounts,
      db.series,
      db.outcomes,
      db.pulses,
      db.overrides,
      db.notes,
      db.currentScores,
      db.scoreDetails,
      db.scoreHistory,
      db.imports,
      db.importUndo,
      db.crosswalk,
      db.tasks,
      db.playbookState,
      db.renewalCalls,
    ],
    async () => {
      await Promise.all([
        db.accounts.clear(),
        db.series.clear(),
        db.outcomes.clear(),
        db.pulses.clear(),
        db.overrides.clear(),
        db.notes.clear(),
        db.currentScores.clear(),
        db.scoreDetails.clear(),
        db.scoreHistory.clear(),
        db.imports.clear(),
        db.importUndo.clear(),
        db.crosswalk.clear(),
        db.tasks.clear(),
        db.playbookState.clear(),
        db.renewalCalls.clear(),
      ]);
      await db.accounts.bulkAdd(book.accounts);
      await db.series.bulkAdd(series);
      await db.outcomes.bulkAdd(book.outcomes);
      await db.pulses.bulkAdd(book.pulses);
      await db.overrides.bulkAdd(book.overrides);
    },
  );
}

/** Deletes every record of every table (models and settings too) in one transaction. */
export async function eraseAllData(db: CanaryDb): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });
}

/** Writes accounts as they are (the import benchmark's scratch database). */
export async function putAccounts(db: CanaryDb, accounts: Book['accounts']): Promise<void> {
  await db.accounts.bulkPut(accounts);
}
