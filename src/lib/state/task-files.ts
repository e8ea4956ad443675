// Tasks as files to download (pure, tested): a CSV of every task, and an iCalendar (.ics,
// RFC 5545) file of the tasks still to do, one all-day event on each task's due day.
import type { TaskRecord } from '../db';
import { dayToIso } from '../engine/dates';
import type { DayNumber } from '../engine/types';
import { effectiveDueDay, playbookLabel, PRIORITY_LABELS } from './inbox-view';

/** What the files say about each task's account and playbook. */
export interface TaskFileContext {
  /** Account id → name. */
  accountNames: ReadonlyMap<string, string>;
  /** Playbook id → name. */
  playbookNames?: ReadonlyMap<string, string>;
}

type Cell = string | number | null;

// The same rules as the worker's CSV exports (formatCsv), written out here because that module
// pulls in the CSV parser, which the page does not otherwise load: text starting with = + - @
// tab or CR gets an apostrophe so a spreadsheet does not run it as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const iso = (day: number | null): string | null => (day === null ? null : dayToIso(day));

/** The CSV's columns. */
export const TASK_CSV_COLUMNS = [
  'task_id',
  'account_id',
  'account_name',
  'title',
  'playbook',
  'reason',
  'priority',
  'status',
  'owner',
  'created',
  'due',
  'snoozed_until',
  'snooze_reason',
  'completed',
  'outcome_note',
  'checklist',
] as const;

/** Every task as CSV (LF line ends, dates yyyy-mm-dd; checklist items as "[x] text; [ ] text"). */
export function tasksCsv(tasks: readonly TaskRecord[], ctx: TaskFileContext): string {
  const rows: Cell[][] = [[...TASK_CSV_COLUMNS]];
  for (const t of tasks) {
    rows.push([
      t.id,
      t.accountId,
      ctx.accountNames.get(t.accountId) ?? null,
      t.title,
      playbookLabel(t.playbookId, ctx.playbookNames),
      t.reason,
      t.priority,
      t.status,
      t.owner,
      iso(t.createdDay),
      iso(t.dueDay),
      iso(t.snoozedUntil),
      t.snoozeReason,
      iso(t.completedDay),
      t.outcomeNote,
      t.checklist.map((c) => `[${c.done ? 'x' : ' '}] ${c.text}`).join('; ') || null,
    ]);
  }
  return rows.map((r) => r.map(csvCell).join(',') + '\n').join('');
}

/** Escapes an iCalendar TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, newline. */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds one content line (RFC 5545 §3.1): no line longer than 75 octets of UTF-8; each
 * continuation starts with one space. A character is never split across lines.
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > 75) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

const icsDate = (day: DayNumber) => dayToIso(day).replace(/-/g, '');

function icsStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** iCalendar PRIORITY: 1 is the highest, 9 the lowest. */
const ICS_PRIORITY: Record<TaskRecord['priority'], number> = {
  urgent: 1,
  high: 3,
  normal: 5,
  low: 9,
};

/**
 * The UID of a task's event: the same for the same task in every export, so a calendar that
 * imports a later file updates the event instead of adding a second one.
 */
export function taskUid(t: TaskRecord): string {
  return `task-${t.id}-${icsDate(t.createdDay)}-${encodeURIComponent(t.accountId)}@canary`;
}

/**
 * The tasks still to do (open or snoozed) as an iCalendar file: one all-day event
 * (DTSTART;VALUE=DATE) on the day each is due — a snoozed task on the day it wakes — with CRLF
 * line ends and lines folded at 75 octets. `stampedAt` is the file's DTSTAMP.
 */
export function tasksIcs(
  tasks: readonly TaskRecord[],
  ctx: TaskFileContext,
  stampedAt: Date,
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Canary//Tasks//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  const stamp = icsStamp(stampedAt);
  for (const t of tasks) {
    if (t.status === 'done') continue;
    const due = effectiveDueDay(t);
    const account = ctx.accountNames.get(t.accountId) ?? t.accountId;
    const description = [
      `Account: ${account} (${t.accountId})`,
      `Playbook: ${playbookLabel(t.playbookId, ctx.playbookNames)}`,
      `Why: ${t.reason}`,
      `Priority: ${PRIORITY_LABELS[t.priority]}`,
      `Owner: ${t.owner ?? 'nobody'}`,
      ...(t.status === 'snoozed' && t.snoozeReason ? [`Snoozed: ${t.snoozeReason}`] : []),
      ...t.checklist.map((c) => `${c.done ? '[x]' : '[ ]'} ${c.text}`),
    ].join('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeIcsText(taskUid(t))}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(due)}`,
      `DTEND;VALUE=DATE:${icsDate(due + 1)}`,
      `SUMMARY:${escapeIcsText(`${t.title} — ${account}`)}`,
      `DESCRIPTION:${escapeIcsText(description)}`,
      `PRIORITY:${ICS_PRIORITY[t.priority]}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}

/** File names of the downloads, dated by `today`. */
export function taskFileName(kind: 'csv' | 'ics', today: DayNumber): string {
  return `canary-tasks-${dayToIso(today)}.${kind}`;
}
