// The reads "what changed and why" and the weekly digest are built from: the whole book, every
// saved model version, the active one and the book's scoring day in one snapshot; and the open
// tasks due in a range of days.
import type { Book } from '../engine/types';
import type { CanaryDb } from './canary-db';
import {
  SCORING_DAY_SETTING,
  type CurrentScoreRecord,
  type ModelVersionRecord,
  type ScoringDayRecord,
  type TaskRecord,
} from './records';
import { ACTIVE_MODEL_SETTING } from './settings-repo';

/** What the changes op reads. */
export interface ChangesRead {
  book: Book;
  /** Every saved model version (each save made it the active one). */
  models: ModelVersionRecord[];
  /** The active version's key, when one is set. */
  activeKey: string | null;
  /** The book's scoring day, when it has been scored. */
  scoringDay: ScoringDayRecord | null;
  /** The current scores (band shown today, archived day). */
  scores: CurrentScoreRecord[];
}

/** Reads the book, the model versions, the active key, the scoring day and current scores in one read transaction. */
export function readChangesBook(db: CanaryDb): Promise<ChangesRead> {
  return db.transaction(
    'r',
    [
      db.accounts,
      db.series,
      db.outcomes,
      db.pulses,
      db.overrides,
      db.models,
      db.settings,
      db.currentScores,
    ],
    async () => {
      const [accounts, series, outcomes, pulses, overrides, models, active, day, scores] =
        await Promise.all([
          db.accounts.toArray(),
          db.series.toArray(),
          db.outcomes.toArray(),
          db.pulses.toArray(),
          db.overrides.toArray(),
          db.models.toArray(),
          db.settings.get(ACTIVE_MODEL_SETTING),
          db.settings.get(SCORING_DAY_SETTING),
          db.currentScores.toArray(),
        ]);
      return {
        book: { accounts, series, outcomes, pulses, overrides },
        models,
        activeKey: typeof active?.value === 'string' ? active.value : null,
        scoringDay: (day?.value as ScoringDayRecord | undefined) ?? null,
        scores,
      };
    },
  );
}

/**
 * Open tasks (status `open`; snoozed ones are not due until they wake) due on or after
 * `fromDay` and before `toDay`, by due day.
 */
export async function readOpenTasksDue(
  db: CanaryDb,
  fromDay: number,
  toDay: number,
): Promise<TaskRecord[]> {
  if (toDay <= fromDay) return [];
  const tasks = await db.tasks.where('dueDay').between(fromDay, toDay, true, false).toArray();
  return tasks
    .filter((t) => t.status === 'open')
    .sort((a, b) => a.dueDay - b.dueDay || a.id - b.id);
}

/**
 * A small fingerprint of what the change list depends on — the scoring day (every rescore
 * rewrites it), the active model, and the counts of pulses, overrides and tasks — for a live
 * query that tells the page to rebuild.
 */
export function readChangesInputsKey(db: CanaryDb): Promise<string> {
  return db.transaction('r', [db.settings, db.pulses, db.overrides, db.tasks], async () => {
    const [day, key, pulses, overrides, tasks] = await Promise.all([
      db.settings.get(SCORING_DAY_SETTING),
      db.settings.get(ACTIVE_MODEL_SETTING),
      db.pulses.count(),
      db.overrides.count(),
      db.tasks.count(),
    ]);
    return JSON.stringify([day?.value ?? null, key?.value ?? null, pulses, overrides, tasks]);
  });
}
