// The account page's timeline (pulses, overrides, notes, imports, outcomes, task events; newest first) and
// the override in force, built from stored records (pure, tested).
import type {
  ImportRecord,
  NoteRecord,
  OutcomeRecord,
  OverrideRecord,
  PulseRecord,
  TaskEvent,
  TaskRecord,
} from '../db';
import { dateToDay } from '../engine/dates';
import type { DayNumber } from '../engine/types';
import { formatDay, formatInteger } from '../format';
import { pulseLabel } from './account-history';

/** What a timeline entry records. */
export type TimelineKind = 'pulse' | 'override' | 'note' | 'outcome' | 'import' | 'task';

/** One entry of the timeline. */
export interface TimelineEntry {
  /** Unique within the timeline (kind + id). */
  key: string;
  kind: TimelineKind;
  /** The stored record's id (for deleting); the import id for imports, the task id for task events. */
  id: number;
  day: DayNumber;
  title: string;
  detail: string | null;
  /** A short state such as "in force" or "undone". */
  status: string | null;
  /** Whether the page offers to delete it (imports are undone from the import page). */
  deletable: boolean;
}

/** Everything the timeline is made from. */
export interface TimelineSources {
  pulses: readonly PulseRecord[];
  overrides: readonly OverrideRecord[];
  notes: readonly NoteRecord[];
  outcomes: readonly OutcomeRecord[];
  imports: readonly ImportRecord[];
  /** The account's tasks: each event of their history is an entry. */
  tasks?: readonly TaskRecord[];
}

/** The override in force on `day`: the latest-starting one with day ≤ `day` < expiry (as the engine). */
export function overrideInForce(
  overrides: readonly OverrideRecord[],
  day: DayNumber,
): OverrideRecord | null {
  let found: OverrideRecord | null = null;
  for (const o of [...overrides].sort((a, b) => a.day - b.day || a.id - b.id)) {
    if (o.day > day) break;
    if (day < o.expiresDay) found = o;
  }
  return found;
}

const KIND_ORDER: Record<TimelineKind, number> = {
  outcome: 0,
  task: 1,
  override: 2,
  pulse: 3,
  note: 4,
  import: 5,
};

const TASK_VERB: Record<TaskEvent['action'], string> = {
  created: 'Task added',
  completed: 'Task completed',
  snoozed: 'Task snoozed',
  reassigned: 'Task reassigned',
  reopened: 'Task reopened',
  checklist: 'Task checklist',
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Builds the timeline, newest first; same-day entries keep the latest-written first. */
export function buildTimeline(s: TimelineSources, today: DayNumber): TimelineEntry[] {
  const inForce = overrideInForce(s.overrides, today);
  const entries: (TimelineEntry & { order: number })[] = [];
  for (const p of s.pulses) {
    entries.push({
      key: `pulse-${p.id}`,
      kind: 'pulse',
      id: p.id,
      day: p.day,
      title: `CSM pulse: ${pulseLabel(p.value)}`,
      detail: p.reason,
      status: null,
      deletable: true,
      order: p.id,
    });
  }
  for (const o of s.overrides) {
    const status =
      o === inForce
        ? 'in force'
        : o.expiresDay <= today
          ? 'expired'
          : o.day > today
            ? 'scheduled'
            : 'replaced by a later override';
    entries.push({
      key: `override-${o.id}`,
      kind: 'override',
      id: o.id,
      day: o.day,
      title: `Band overridden to ${capitalise(o.band)} until ${formatDay(o.expiresDay)}`,
      detail: o.reason,
      status,
      deletable: true,
      order: o.id,
    });
  }
  for (const n of s.notes) {
    entries.push({
      key: `note-${n.id}`,
      kind: 'note',
      id: n.id,
      day: n.day,
      title: 'Note',
      detail: n.text,
      status: null,
      deletable: true,
      order: n.createdAt,
    });
  }
  for (const o of s.outcomes) {
    const avoidable = o.avoidable === null ? '' : o.avoidable ? ' (avoidable)' : ' (unavoidable)';
    entries.push({
      key: `outcome-${o.id}`,
      kind: 'outcome',
      id: o.id,
      day: o.day,
      title: `Renewal outcome: ${o.outcome}${avoidable}`,
      detail: o.reason,
      status: null,
      deletable: true,
      order: o.id,
    });
  }
  for (const i of s.imports) {
    entries.push({
      key: `import-${i.id}`,
      kind: 'import',
      id: i.id,
      day: dateToDay(new Date(i.at)),
      title: `Imported ${i.fileName} (${i.kind})`,
      detail: `${formatInteger(i.rows)} rows in the file.`,
      status:
        i.undoneAt === null ? null : `undone on ${formatDay(dateToDay(new Date(i.undoneAt)))}`,
      deletable: false,
      order: i.at,
    });
  }
  for (const t of s.tasks ?? []) {
    t.history.forEach((e, i) => {
      entries.push({
        key: `task-${t.id}-${i}`,
        kind: 'task',
        id: t.id,
        day: e.day,
        title: `${TASK_VERB[e.action]}: ${t.title}`,
        detail: taskEventDetail(t, e),
        status: null,
        deletable: false,
        // Later events of one task first; tasks apart by id.
        order: t.id * 10_000 + i,
      });
    });
  }
  entries.sort(
    (a, b) => b.day - a.day || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.order - a.order,
  );
  return entries.map(({ order: _order, ...e }) => e);
}

/** What a task event's entry says under its title: its note (for an addition, the task's reason). */
function taskEventDetail(t: TaskRecord, e: TaskEvent): string | null {
  if (e.action === 'created') return t.reason;
  if (e.action === 'completed') return e.note ? `Outcome: ${e.note}` : 'No outcome note.';
  if (e.action === 'reassigned') return `Owner changed ${e.note ?? ''}`.trim();
  return e.note;
}
