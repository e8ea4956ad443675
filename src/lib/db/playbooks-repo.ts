// Playbooks, their per-account state and the tasks they create. The engine decides (it never
// reads the database); this file reads what it needs — the playbook documents, the stored
// states, which (playbook, account) pairs have a task open — and writes one evaluation back in
// one transaction: the states that changed (null: idle, deleted) and the new tasks, each with
// its "created" event. The playbook documents are opaque JSON here; the worker validates them.
import type { CanaryDb } from './canary-db';
import type { PlaybookRecord, PlaybookStateRecord, TaskPriority, TaskRecord } from './records';

/** Setting: the last day the playbooks were evaluated (start-up evaluates when it is older). */
export const PLAYBOOKS_DAY_SETTING = 'playbooksEvaluatedDay';

/** Every playbook, in the order they were written (stored order is by id). */
export function listPlaybookRecords(db: CanaryDb): Promise<PlaybookRecord[]> {
  return db.playbooks.toArray();
}

/**
 * Writes the shipped playbooks when the table is empty (first use), in one transaction, and
 * returns what the table holds. A table the user has edited is left as it is.
 */
export function seedPlaybooks(
  db: CanaryDb,
  defaults: readonly { id: string; enabled: boolean }[],
  now: number,
): Promise<PlaybookRecord[]> {
  return db.transaction('rw', db.playbooks, async () => {
    if ((await db.playbooks.count()) === 0) {
      await db.playbooks.bulkPut(
        defaults.map((d) => ({ id: d.id, definition: d, enabled: d.enabled, updatedAt: now })),
      );
    }
    return db.playbooks.toArray();
  });
}

/** Replaces one playbook's document (enabled follows the document's own flag). */
export async function putPlaybook(
  db: CanaryDb,
  definition: { id: string; enabled: boolean },
  now: number,
): Promise<void> {
  await db.playbooks.put({
    id: definition.id,
    definition,
    enabled: definition.enabled,
    updatedAt: now,
  });
}

/** Key of a (playbook, account) pair in the maps below. */
function pairKey(playbookId: string, accountId: string): string {
  return `${playbookId}\u0000${accountId}`;
}

/** What one evaluation needs from the database. */
export interface PlaybookInputs {
  /** Stored states by `playbookId\0accountId`. */
  states: Map<string, unknown>;
  /** `playbookId\0accountId` of every open or snoozed task. */
  openTasks: Set<string>;
}

/** Reads every stored state and the open tasks' pairs, in one read transaction. */
export function readPlaybookInputs(db: CanaryDb): Promise<PlaybookInputs> {
  return db.transaction('r', [db.playbookState, db.tasks], async () => {
    const [stateRows, open] = await Promise.all([
      db.playbookState.toArray(),
      db.tasks.where('status').anyOf(['open', 'snoozed']).toArray(),
    ]);
    const states = new Map<string, unknown>();
    for (const r of stateRows) states.set(pairKey(r.playbookId, r.accountId), r.state);
    return { states, openTasks: new Set(open.map((t) => pairKey(t.playbookId, t.accountId))) };
  });
}

/** A task a playbook creates (the engine's PlayTask). */
export interface NewPlaybookTask {
  playbookId: string;
  accountId: string;
  title: string;
  checklist: readonly string[];
  owner: string | null;
  priority: TaskPriority;
  createdDay: number;
  dueDay: number;
  reason: string;
}

/** One evaluation to store. */
export interface PlaybookWrite {
  /** `playbookId\0accountId` → new state (null: idle, delete). */
  changed: ReadonlyMap<string, unknown>;
  tasks: readonly NewPlaybookTask[];
  /** The day evaluated (kept as PLAYBOOKS_DAY_SETTING). */
  day: number;
}

/**
 * Stores an evaluation in one transaction. A task is not added when one of its playbook is
 * already open for the account (a tab that evaluated at the same time): the check and the add
 * are in the same transaction. Returns the tasks added.
 */
export function writePlaybookEvaluation(db: CanaryDb, write: PlaybookWrite): Promise<TaskRecord[]> {
  return db.transaction('rw', [db.playbookState, db.tasks, db.settings], async () => {
    const puts: PlaybookStateRecord[] = [];
    const deletes: [string, string][] = [];
    for (const [key, state] of write.changed) {
      const cut = key.indexOf('\u0000');
      const playbookId = key.slice(0, cut);
      const accountId = key.slice(cut + 1);
      if (state === null) deletes.push([playbookId, accountId]);
      else puts.push({ playbookId, accountId, state });
    }
    if (puts.length > 0) await db.playbookState.bulkPut(puts);
    if (deletes.length > 0) await db.playbookState.bulkDelete(deletes);
    const added: TaskRecord[] = [];
    if (write.tasks.length > 0) {
      const open = await db.tasks.where('status').anyOf(['open', 'snoozed']).toArray();
      const busy = new Set(open.map((t) => pairKey(t.playbookId, t.accountId)));
      const drafts: Omit<TaskRecord, 'id'>[] = [];
      for (const t of write.tasks) {
        const key = pairKey(t.playbookId, t.accountId);
        if (busy.has(key)) continue;
        busy.add(key);
        drafts.push({
          accountId: t.accountId,
          playbookId: t.playbookId,
          title: t.title,
          checklist: t.checklist.map((text) => ({ text, done: false })),
          owner: t.owner,
          priority: t.priority,
          createdDay: t.createdDay,
          dueDay: t.dueDay,
          reason: t.reason,
          status: 'open',
          snoozedUntil: null,
          snoozeReason: null,
          completedDay: null,
          outcomeNote: null,
          history: [{ day: t.createdDay, action: 'created', note: null }],
        });
      }
      const ids = (await db.tasks.bulkAdd(drafts as TaskRecord[], { allKeys: true })) as number[];
      drafts.forEach((d, i) => added.push({ ...d, id: ids[i] } as TaskRecord));
    }
    await db.settings.put({ key: PLAYBOOKS_DAY_SETTING, value: write.day });
    return added;
  });
}

/** One model version's stored score history of every account (drop triggers read it). */
export async function loadModelHistory(
  db: CanaryDb,
  modelKey: string,
): Promise<Map<string, { days: Int32Array; scores: Float32Array }>> {
  const rows = await db.scoreHistory.where('modelKey').equals(modelKey).toArray();
  return new Map(rows.map((r) => [r.accountId, { days: r.days, scores: r.scores }]));
}

/** A past task to store as it stands (the demo's replayed work). */
export interface PastPlaybookTask extends NewPlaybookTask {
  /** The day it was done (with `outcomeNote`); null: still open. */
  completedDay: number | null;
  outcomeNote: string | null;
}

/**
 * Stores replayed past work in one transaction: its tasks (done ones with their completion
 * event and note) and the playbook states it ended in. For a book just replaced (no tasks).
 */
export function storePastWork(
  db: CanaryDb,
  work: { tasks: readonly PastPlaybookTask[]; states: ReadonlyMap<string, unknown> },
): Promise<void> {
  return db.transaction('rw', [db.playbookState, db.tasks], async () => {
    const states: PlaybookStateRecord[] = [];
    for (const [key, state] of work.states) {
      const cut = key.indexOf('\u0000');
      states.push({ playbookId: key.slice(0, cut), accountId: key.slice(cut + 1), state });
    }
    await db.playbookState.bulkPut(states);
    await db.tasks.bulkAdd(
      work.tasks.map((t): Omit<TaskRecord, 'id'> => ({
        accountId: t.accountId,
        playbookId: t.playbookId,
        title: t.title,
        checklist: t.checklist.map((text) => ({ text, done: t.completedDay !== null })),
        owner: t.owner,
        priority: t.priority,
        createdDay: t.createdDay,
        dueDay: t.dueDay,
        reason: t.reason,
        status: t.completedDay === null ? 'open' : 'done',
        snoozedUntil: null,
        snoozeReason: null,
        completedDay: t.completedDay,
        outcomeNote: t.outcomeNote,
        history:
          t.completedDay === null
            ? [{ day: t.createdDay, action: 'created', note: null }]
            : [
                { day: t.createdDay, action: 'created', note: null },
                { day: t.completedDay, action: 'completed', note: t.outcomeNote },
              ],
      })) as TaskRecord[],
    );
  });
}

/** Forgets one playbook's per-account states (switched off: it starts afresh when switched on). */
export async function forgetPlaybookStates(db: CanaryDb, playbookId: string): Promise<void> {
  await db.playbookState
    .where('[playbookId+accountId]')
    .between([playbookId, ''], [playbookId, '\uffff'])
    .delete();
}

/** One playbook's document as stored (opaque JSON), or undefined. */
export async function getPlaybookRecord(
  db: CanaryDb,
  id: string,
): Promise<PlaybookRecord | undefined> {
  return db.playbooks.get(id);
}

/**
 * Deletes a playbook and its per-account states in one transaction. Its tasks stay (open ones
 * stay in the Inbox). False when there was no such playbook (nothing written).
 */
export function deletePlaybook(db: CanaryDb, id: string): Promise<boolean> {
  return db.transaction('rw', [db.playbooks, db.playbookState], async () => {
    if ((await db.playbooks.get(id)) === undefined) return false;
    await db.playbooks.delete(id);
    await db.playbookState
      .where('[playbookId+accountId]')
      .between([id, ''], [id, '\uffff'])
      .delete();
    return true;
  });
}

/**
 * Stores several playbook documents and forgets the per-account states of `forget` (playbooks
 * whose trigger, conditions or "for N days" changed), all in one transaction: a file of
 * playbooks is stored whole or not at all. With `onlyIfAbsent`, a playbook that exists is
 * refused (RangeError, nothing written): adding must not replace.
 */
export function storePlaybooks(
  db: CanaryDb,
  write: {
    definitions: readonly { id: string; enabled: boolean }[];
    forget: readonly string[];
    onlyIfAbsent?: boolean;
  },
  now: number,
): Promise<void> {
  return db.transaction('rw', [db.playbooks, db.playbookState], async () => {
    if (write.onlyIfAbsent) {
      for (const d of write.definitions)
        if ((await db.playbooks.get(d.id)) !== undefined)
          throw new RangeError(`a playbook with the id "${d.id}" exists`);
    }
    await db.playbooks.bulkPut(
      write.definitions.map((d) => ({
        id: d.id,
        definition: d,
        enabled: d.enabled,
        updatedAt: now,
      })),
    );
    for (const id of write.forget)
      await db.playbookState
        .where('[playbookId+accountId]')
        .between([id, ''], [id, '\uffff'])
        .delete();
  });
}
