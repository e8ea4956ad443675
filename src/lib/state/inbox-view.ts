// The Inbox's view of tasks (pure, tested): which section a task sits in on a given day, the
// sections in working order, the navigation's count, and the words a task is shown with.
import type { TaskPriority, TaskRecord } from '../db';
import type { DayNumber } from '../engine/types';
import { formatDay, formatDaysFrom } from '../format';

/** The Inbox's sections, in the order they are worked through. */
export type InboxSection = 'overdue' | 'today' | 'upcoming' | 'snoozed';

/** Section headings. */
export const SECTION_TITLES: Record<InboxSection, string> = {
  overdue: 'Overdue',
  today: 'Due today',
  upcoming: 'Upcoming',
  snoozed: 'Snoozed',
};

/** Priority words, for people. */
export const PRIORITY_LABELS: Record<TaskPriority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** Whether the task is snoozed and still asleep on `today`. */
export function isAsleep(t: TaskRecord, today: DayNumber): boolean {
  return t.status === 'snoozed' && t.snoozedUntil !== null && t.snoozedUntil > today;
}

/**
 * The day a not-done task is due for the CSM: its due day, or — for a snoozed one — the day it
 * wakes when that is later (a snooze defers the work).
 */
export function effectiveDueDay(t: TaskRecord): DayNumber {
  return t.status === 'snoozed' && t.snoozedUntil !== null
    ? Math.max(t.dueDay, t.snoozedUntil)
    : t.dueDay;
}

/** The section of a task on `today`; null for a done task. */
export function sectionOf(t: TaskRecord, today: DayNumber): InboxSection | null {
  if (t.status === 'done') return null;
  if (isAsleep(t, today)) return 'snoozed';
  const due = effectiveDueDay(t);
  return due < today ? 'overdue' : due === today ? 'today' : 'upcoming';
}

/** Soonest first, then the more urgent, then the older task. */
export function compareTasks(a: TaskRecord, b: TaskRecord): number {
  return (
    effectiveDueDay(a) - effectiveDueDay(b) ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    a.id - b.id
  );
}

/** The Inbox: every not-done task in its section, each section sorted. */
export function inboxSections(
  tasks: readonly TaskRecord[],
  today: DayNumber,
): Record<InboxSection, TaskRecord[]> {
  const out: Record<InboxSection, TaskRecord[]> = {
    overdue: [],
    today: [],
    upcoming: [],
    snoozed: [],
  };
  for (const t of tasks) {
    const s = sectionOf(t, today);
    if (s) out[s].push(t);
  }
  for (const list of Object.values(out)) list.sort(compareTasks);
  return out;
}

/** The navigation's count: tasks overdue or due today (snoozed ones once they wake). */
export function dueTaskCount(tasks: readonly TaskRecord[], today: DayNumber): number {
  let n = 0;
  for (const t of tasks) {
    const s = sectionOf(t, today);
    if (s === 'overdue' || s === 'today') n++;
  }
  return n;
}

/** An account's tasks: not done (in working order), and done (latest completed first). */
export function splitAccountTasks(tasks: readonly TaskRecord[]): {
  open: TaskRecord[];
  done: TaskRecord[];
} {
  const open = tasks.filter((t) => t.status !== 'done').sort(compareTasks);
  const done = tasks
    .filter((t) => t.status === 'done')
    .sort((a, b) => (b.completedDay ?? 0) - (a.completedDay ?? 0) || b.id - a.id);
  return { open, done };
}

/** "Due Nov 20, 2026 · 3 days ago", "Snoozed until Dec 1, 2026 · in 8 days", "Done Nov 23, 2026". */
export function dueWords(t: TaskRecord, today: DayNumber): string {
  if (t.status === 'done') return `Done ${formatDay(t.completedDay)}`;
  if (isAsleep(t, today))
    return `Snoozed until ${formatDay(t.snoozedUntil)} · ${formatDaysFrom(t.snoozedUntil, today)}`;
  const due = effectiveDueDay(t);
  return `Due ${formatDay(due)} · ${formatDaysFrom(due, today)}`;
}

/** How a task of a playbook deleted since is attributed. */
export const DELETED_PLAYBOOK = '(deleted playbook)';

/**
 * The playbook a task came from, in words ("Added by hand" for a manual one). With the stored
 * playbooks' names, one not among them was deleted; without them, the id.
 */
export function playbookLabel(playbookId: string, names?: ReadonlyMap<string, string>): string {
  if (playbookId === 'manual') return 'Added by hand';
  if (names === undefined) return playbookId;
  return names.get(playbookId) ?? DELETED_PLAYBOOK;
}

/** "2 of 3 done" for a checklist, or null when there is none. */
export function checklistProgress(t: TaskRecord): string | null {
  if (t.checklist.length === 0) return null;
  return `${t.checklist.filter((c) => c.done).length} of ${t.checklist.length} done`;
}

/** The Inbox's filters; null means every task. `owner: ''` means tasks with no owner. */
export interface InboxFilter {
  owner: string | null;
  playbook: string | null;
}

/** No filter. */
export const NO_INBOX_FILTER: InboxFilter = { owner: null, playbook: null };

/** The tasks the filter keeps. */
export function filterTasks(tasks: readonly TaskRecord[], f: InboxFilter): TaskRecord[] {
  return tasks.filter(
    (t) =>
      (f.owner === null || (t.owner ?? '') === f.owner) &&
      (f.playbook === null || t.playbookId === f.playbook),
  );
}

/** The filter a page URL asks for (`?owner=…&playbook=…`; `owner=` alone: no owner). */
export function inboxFilterFromQuery(params: URLSearchParams): InboxFilter {
  return { owner: params.get('owner'), playbook: params.get('playbook') || null };
}

/** The query string of a filter ("" for none), the inverse of inboxFilterFromQuery. */
export function inboxFilterQuery(f: InboxFilter): string {
  const p = new URLSearchParams();
  if (f.owner !== null) p.set('owner', f.owner);
  if (f.playbook !== null) p.set('playbook', f.playbook);
  const q = p.toString();
  return q === '' ? '' : `?${q}`;
}

/** The owners and playbooks the tasks to do have, for the filter menus (sorted by name). */
export function filterChoices(
  tasks: readonly TaskRecord[],
  playbookName: (id: string) => string,
): { owners: string[]; unowned: boolean; playbooks: { id: string; name: string }[] } {
  const owners = new Set<string>();
  const playbooks = new Map<string, string>();
  let unowned = false;
  for (const t of tasks) {
    if (t.status === 'done') continue;
    if (t.owner === null || t.owner === '') unowned = true;
    else owners.add(t.owner);
    playbooks.set(t.playbookId, playbookName(t.playbookId));
  }
  const byName = (a: string, b: string) => a.localeCompare(b);
  return {
    owners: [...owners].sort(byName),
    unowned,
    playbooks: [...playbooks]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => byName(a.name, b.name)),
  };
}
