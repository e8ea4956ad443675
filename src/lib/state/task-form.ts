// Validation of the task forms (add a task on the account page, snooze in the Inbox): raw form
// strings in, what the repository takes or a message per field out. Pure, tested in Node.
import type { NewManualTask, TaskPriority } from '../db';
import { dayToIso, isoToDay } from '../engine/dates';
import type { DayNumber } from '../engine/types';
import type { FieldErrors, Validated } from './account-forms';

const MAX_TITLE = 200;
const PRIORITIES: readonly string[] = ['low', 'normal', 'high', 'urgent'];

/** What the "Add task" form holds. */
export interface TaskForm {
  title: string;
  /** yyyy-mm-dd */
  due: string;
  priority: string;
  owner: string;
  /** One checklist item per line. */
  checklist: string;
}

/** A blank form: due in a week, normal priority, owned by the account's owner. */
export function blankTaskForm(today: DayNumber, owner: string | null): TaskForm {
  return {
    title: '',
    due: dayToIso(today + 7),
    priority: 'normal',
    owner: owner ?? '',
    checklist: '',
  };
}

function readFutureDay(
  raw: string,
  today: DayNumber,
  label: string,
  after: boolean,
): DayNumber | string {
  if (raw.trim() === '') return `Enter the ${label}.`;
  const day = isoToDay(raw.trim());
  if (day === null) return `Enter the ${label} as a date (yyyy-mm-dd).`;
  if (after ? day <= today : day < today)
    return after ? `The ${label} must be after today.` : `The ${label} cannot be in the past.`;
  return day;
}

/** A task needs a title (≤ 200 characters), a due date from today on and a known priority. */
export function validateTaskForm(
  accountId: string,
  form: TaskForm,
  today: DayNumber,
): Validated<NewManualTask, keyof TaskForm> {
  const errors: FieldErrors<keyof TaskForm> = {};
  const title = form.title.trim();
  if (title === '') errors.title = 'Enter what needs doing.';
  else if (title.length > MAX_TITLE) errors.title = `Keep the title under ${MAX_TITLE} characters.`;
  const due = readFutureDay(form.due, today, 'due date', false);
  if (typeof due === 'string') errors.due = due;
  if (!PRIORITIES.includes(form.priority)) errors.priority = 'Choose a priority.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      accountId,
      title,
      dueDay: due as DayNumber,
      priority: form.priority as TaskPriority,
      owner: form.owner.trim() || null,
      today,
      checklist: form.checklist
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    },
  };
}

/** What the snooze form holds. */
export interface SnoozeForm {
  until: string;
  reason: string;
}

/** A snooze needs a day after today and a reason. */
export function validateSnooze(
  form: SnoozeForm,
  today: DayNumber,
): Validated<{ until: DayNumber; reason: string }, keyof SnoozeForm> {
  const errors: FieldErrors<keyof SnoozeForm> = {};
  const until = readFutureDay(form.until, today, 'snooze date', true);
  if (typeof until === 'string') errors.until = until;
  const reason = form.reason.trim();
  if (reason === '') errors.reason = 'Say why you are snoozing it.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { until: until as DayNumber, reason } };
}
