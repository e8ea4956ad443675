// The CSM's work on tasks: list them, add one by hand, complete, snooze, reassign, reopen and
// tick checklist items. Every change is one transaction that also appends a TaskEvent to the
// task's history (the account timeline shows them). Playbooks create their tasks elsewhere
// (playbooks-repo); this file never evaluates a playbook.
import type { CanaryDb } from './canary-db';
import type { TaskChecklistItem, TaskEvent, TaskPriority, TaskRecord, TaskStatus } from './records';

/** The playbook id of a task a CSM added by hand. */
export const MANUAL_PLAYBOOK_ID = 'manual';

/** The priorities, least urgent first. */
export const TASK_PRIORITIES: readonly TaskPriority[] = ['low', 'normal', 'high', 'urgent'];

/** Longest title, note or reason kept. */
const MAX_TEXT = 2000;

/** Which tasks to list; every given field must match. */
export interface TaskFilter {
  status?: TaskStatus | readonly TaskStatus[];
  accountId?: string;
  /** Due on or after this day. */
  dueFrom?: number;
  /** Due on or before this day. */
  dueTo?: number;
}

/** Tasks matching `filter`, soonest due first (then by id). */
export async function listTasks(db: CanaryDb, filter: TaskFilter = {}): Promise<TaskRecord[]> {
  const statuses =
    filter.status === undefined
      ? null
      : typeof filter.status === 'string'
        ? [filter.status]
        : filter.status;
  let rows: TaskRecord[];
  if (filter.accountId !== undefined) {
    rows = await db.tasks.where('accountId').equals(filter.accountId).toArray();
  } else if (statuses !== null) {
    rows = await db.tasks.where('status').anyOf(statuses).toArray();
  } else if (filter.dueFrom !== undefined || filter.dueTo !== undefined) {
    rows = await db.tasks
      .where('dueDay')
      .between(filter.dueFrom ?? -Infinity, filter.dueTo ?? Infinity, true, true)
      .toArray();
  } else {
    rows = await db.tasks.toArray();
  }
  return rows
    .filter(
      (t) =>
        (statuses === null || statuses.includes(t.status)) &&
        (filter.dueFrom === undefined || t.dueDay >= filter.dueFrom) &&
        (filter.dueTo === undefined || t.dueDay <= filter.dueTo),
    )
    .sort((a, b) => a.dueDay - b.dueDay || a.id - b.id);
}

/** One task, if it exists. */
export function getTask(db: CanaryDb, id: number): Promise<TaskRecord | undefined> {
  return db.tasks.get(id);
}

/** A task a CSM adds by hand. */
export interface NewManualTask {
  accountId: string;
  title: string;
  dueDay: number;
  priority: TaskPriority;
  /** Null: nobody yet. */
  owner: string | null;
  /** The day it is added (its "created" event). */
  today: number;
  checklist?: readonly string[];
  /** Why; defaults to "Added by hand". */
  reason?: string | null;
}

function cleanText(value: string | null | undefined): string | null {
  const t = value?.trim() ?? '';
  return t === '' ? null : t.slice(0, MAX_TEXT);
}

function requireDay(day: number, what: string): void {
  if (!Number.isInteger(day)) throw new RangeError(`${what} must be a whole day number`);
}

/**
 * Adds a manual task (playbook `manual`), open, with a "created" event. Refused with a
 * RangeError — nothing written — for an empty title, an unknown priority, a fractional day or
 * an account that does not exist.
 */
export async function addManualTask(db: CanaryDb, input: NewManualTask): Promise<TaskRecord> {
  const title = cleanText(input.title);
  if (title === null) throw new RangeError('A task needs a title');
  if (!TASK_PRIORITIES.includes(input.priority))
    throw new RangeError(`Unknown priority "${input.priority}"`);
  requireDay(input.dueDay, 'The due day');
  requireDay(input.today, 'Today');
  const checklist: TaskChecklistItem[] = (input.checklist ?? [])
    .map((t) => cleanText(t))
    .filter((t): t is string => t !== null)
    .map((text) => ({ text, done: false }));
  const draft: Omit<TaskRecord, 'id'> = {
    accountId: input.accountId,
    playbookId: MANUAL_PLAYBOOK_ID,
    title,
    checklist,
    owner: cleanText(input.owner),
    priority: input.priority,
    createdDay: input.today,
    dueDay: input.dueDay,
    reason: cleanText(input.reason) ?? 'Added by hand',
    status: 'open',
    snoozedUntil: null,
    snoozeReason: null,
    completedDay: null,
    outcomeNote: null,
    history: [{ day: input.today, action: 'created', note: null }],
  };
  return db.transaction('rw', [db.accounts, db.tasks], async () => {
    if (!(await db.accounts.get(input.accountId)))
      throw new RangeError(`Account ${input.accountId} does not exist`);
    const id = await db.tasks.add(draft as TaskRecord);
    return { ...draft, id } as TaskRecord;
  });
}

/**
 * Reads a task, applies `change` and appends `event`, in one transaction. `change` throws a
 * RangeError when the change does not apply (nothing is written).
 */
async function changeTask(
  db: CanaryDb,
  id: number,
  change: (task: TaskRecord) => { task: TaskRecord; event: TaskEvent },
): Promise<TaskRecord> {
  return db.transaction('rw', db.tasks, async () => {
    const stored = await db.tasks.get(id);
    if (!stored) throw new RangeError(`Task ${id} does not exist`);
    const { task, event } = change(stored);
    requireDay(event.day, 'The day');
    const next: TaskRecord = { ...task, history: [...stored.history, event] };
    await db.tasks.put(next);
    return next;
  });
}

/** Completes an open or snoozed task with an outcome note (may be empty) on `day`. */
export function completeTask(
  db: CanaryDb,
  id: number,
  change: { day: number; note: string | null },
): Promise<TaskRecord> {
  return changeTask(db, id, (t) => {
    if (t.status === 'done') throw new RangeError('This task is already done');
    const note = cleanText(change.note);
    return {
      task: {
        ...t,
        status: 'done',
        completedDay: change.day,
        outcomeNote: note,
        snoozedUntil: null,
        snoozeReason: null,
      },
      event: { day: change.day, action: 'completed', note },
    };
  });
}

/** Snoozes an open (or snoozed) task until a later day, with a reason (required). */
export function snoozeTask(
  db: CanaryDb,
  id: number,
  change: { day: number; until: number; reason: string },
): Promise<TaskRecord> {
  return changeTask(db, id, (t) => {
    if (t.status === 'done') throw new RangeError('A done task cannot be snoozed');
    requireDay(change.until, 'The snooze day');
    if (change.until <= change.day) throw new RangeError('Snooze until a day after today');
    const reason = cleanText(change.reason);
    if (reason === null) throw new RangeError('Say why the task is snoozed');
    return {
      task: { ...t, status: 'snoozed', snoozedUntil: change.until, snoozeReason: reason },
      event: { day: change.day, action: 'snoozed', note: reason },
    };
  });
}

/** Gives a task to another owner (null: nobody); the event says "from A to B". */
export function reassignTask(
  db: CanaryDb,
  id: number,
  change: { day: number; owner: string | null },
): Promise<TaskRecord> {
  return changeTask(db, id, (t) => {
    const owner = cleanText(change.owner);
    if (owner === t.owner) throw new RangeError(`The task is already ${ownerWords(owner)}'s`);
    return {
      task: { ...t, owner },
      event: {
        day: change.day,
        action: 'reassigned',
        note: `from ${ownerWords(t.owner)} to ${ownerWords(owner)}`,
      },
    };
  });
}

function ownerWords(owner: string | null): string {
  return owner ?? 'nobody';
}

/** Opens a done or snoozed task again; the outcome note stays in the history only. */
export function reopenTask(
  db: CanaryDb,
  id: number,
  change: { day: number; note?: string | null },
): Promise<TaskRecord> {
  return changeTask(db, id, (t) => {
    if (t.status === 'open') throw new RangeError('This task is already open');
    return {
      task: {
        ...t,
        status: 'open',
        completedDay: null,
        outcomeNote: null,
        snoozedUntil: null,
        snoozeReason: null,
      },
      event: { day: change.day, action: 'reopened', note: cleanText(change.note) },
    };
  });
}

/** Ticks (or unticks) checklist item `index`; the event names the item. */
export function setChecklistItem(
  db: CanaryDb,
  id: number,
  change: { day: number; index: number; done: boolean },
): Promise<TaskRecord> {
  return changeTask(db, id, (t) => {
    const item = t.checklist[change.index];
    if (!item) throw new RangeError(`Task ${id} has no checklist item ${change.index + 1}`);
    if (item.done === change.done)
      throw new RangeError(`"${item.text}" is already ${change.done ? 'ticked' : 'unticked'}`);
    const checklist = t.checklist.map((c, i) =>
      i === change.index ? { ...c, done: change.done } : c,
    );
    return {
      task: { ...t, checklist },
      event: {
        day: change.day,
        action: 'checklist',
        note: `${change.done ? 'Ticked' : 'Unticked'} "${item.text}"`,
      },
    };
  });
}

/** What the Inbox reads: every task, the names of their accounts, owners to offer, playbook names. */
export interface TaskBoard {
  tasks: TaskRecord[];
  /** Account id → name and owner, for the accounts that have tasks. */
  accounts: Map<string, { name: string; owner: string | null }>;
  /** Every owner named on an account, in key order (for "reassign to"). */
  owners: string[];
  /** Playbook id → its definition's name, when it has one. */
  playbookNames: Map<string, string>;
}

/** Reads the task board in one read transaction. */
export function readTaskBoard(db: CanaryDb): Promise<TaskBoard> {
  return db.transaction('r', [db.tasks, db.accounts, db.playbooks], async () => {
    const tasks = (await db.tasks.toArray()).sort((a, b) => a.dueDay - b.dueDay || a.id - b.id);
    const ids = [...new Set(tasks.map((t) => t.accountId))];
    const found = await db.accounts.bulkGet(ids);
    const accounts = new Map<string, { name: string; owner: string | null }>();
    for (const a of found) if (a) accounts.set(a.id, { name: a.name || a.id, owner: a.owner });
    const owners = (await db.accounts.orderBy('owner').uniqueKeys()).filter(
      (k): k is string => typeof k === 'string' && k.trim() !== '',
    );
    const playbookNames = await readPlaybookNames(db);
    return { tasks, accounts, owners, playbookNames };
  });
}

/** Playbook id → its definition's name, where it has one (for the words a task is shown with). */
export async function readPlaybookNames(db: CanaryDb): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const p of await db.playbooks.toArray()) {
    const name = (p.definition as { name?: unknown } | null)?.name;
    if (typeof name === 'string' && name.trim() !== '') names.set(p.id, name);
  }
  return names;
}

/** The tasks not done yet (open or snoozed): what the navigation's count is made from. */
export function listTasksToDo(db: CanaryDb): Promise<TaskRecord[]> {
  return listTasks(db, { status: ['open', 'snoozed'] });
}
