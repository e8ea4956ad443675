// What the Playbooks page reads: every task (with the fields "Did it work" needs), every
// outcome and one model version's score history, in one read transaction; and a cheap stamp
// the page watches so it rebuilds when tasks, playbooks, outcomes or the scoring change.
import type { CanaryDb } from './canary-db';
import type { OutcomeRecord, TaskRecord } from './records';
import { SCORING_DAY_SETTING } from './records';
import { ACTIVE_MODEL_SETTING } from './settings-repo';

/** What the "Did it work" figures are built from. */
export interface PlaybookEffectsReads {
  tasks: TaskRecord[];
  outcomes: OutcomeRecord[];
  /** Account id → its weekly score history under the model version asked for. */
  history: Map<string, { days: Int32Array; scores: Float32Array }>;
}

/** Reads the tasks, the outcomes and `modelKey`'s score history in one read transaction. */
export function readPlaybookEffectsInputs(
  db: CanaryDb,
  modelKey: string,
): Promise<PlaybookEffectsReads> {
  return db.transaction('r', [db.tasks, db.outcomes, db.scoreHistory], async () => {
    const [tasks, outcomes, rows] = await Promise.all([
      db.tasks.toArray(),
      db.outcomes.toArray(),
      db.scoreHistory.where('modelKey').equals(modelKey).toArray(),
    ]);
    return {
      tasks,
      outcomes,
      history: new Map(rows.map((r) => [r.accountId, { days: r.days, scores: r.scores }])),
    };
  });
}

/**
 * A string that changes whenever the Playbooks page would: a task created or changing status,
 * a playbook edited or switched, an outcome recorded, a rescore (scoring day), another model.
 */
export function readPlaybooksPageStamp(db: CanaryDb): Promise<string> {
  return db.transaction('r', [db.tasks, db.playbooks, db.outcomes, db.settings], async () => {
    const [tasks, playbooks, outcomes, day, model] = await Promise.all([
      db.tasks.toArray(),
      db.playbooks.toArray(),
      db.outcomes.count(),
      db.settings.get(SCORING_DAY_SETTING),
      db.settings.get(ACTIVE_MODEL_SETTING),
    ]);
    return JSON.stringify([
      tasks.map((t) => `${t.id}:${t.status}`),
      playbooks.map((p) => `${p.id}:${p.enabled}:${p.updatedAt}`),
      outcomes,
      day?.value ?? null,
      model?.value ?? null,
    ]);
  });
}
