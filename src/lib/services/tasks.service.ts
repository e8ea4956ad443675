// User actions on tasks: add one by hand, complete with an outcome note, snooze, reassign,
// reopen, tick a checklist item, and download the tasks as CSV or iCalendar. A task changes no
// score, so nothing is rescored; each action writes through the tasks repository (one
// transaction, an event in the task's history) and reports with a toast.
import {
  addManualTask,
  completeTask,
  getDb,
  readTaskBoard,
  reassignTask,
  reopenTask,
  setChecklistItem,
  snoozeTask,
  type NewManualTask,
  type TaskRecord,
} from '$lib/db';
import { todayDay } from '$lib/engine/dates';
import { formatDay } from '$lib/format';
import { taskFileName, tasksCsv, tasksIcs } from '$lib/state/task-files';
import { toasts } from '$lib/state/toasts.svelte';
import { saveBytes } from './export.service';

/** Ends a message with one full stop ("… Energy Co." stays as it is). */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function failed(what: string, e: unknown): false {
  toasts.show('error', `${what} failed: ${e instanceof Error ? e.message : String(e)}`);
  return false;
}

/** Adds a task by hand to an account; false (and a toast) when it could not be saved. */
export async function addTask(input: NewManualTask): Promise<boolean> {
  try {
    const t = await addManualTask(getDb(), input);
    toasts.show('success', `Task added: ${t.title}, due ${formatDay(t.dueDay)}.`);
    return true;
  } catch (e) {
    return failed('Adding the task', e);
  }
}

/** Completes a task with an outcome note (may be empty). */
export async function completeTaskWithNote(task: TaskRecord, note: string): Promise<boolean> {
  try {
    await completeTask(getDb(), task.id, { day: todayDay(), note });
    toasts.show('success', sentence(`Done: ${task.title}`));
    return true;
  } catch (e) {
    return failed('Completing the task', e);
  }
}

/** Snoozes a task until `until` with a reason. */
export async function snoozeTaskUntil(
  task: TaskRecord,
  until: number,
  reason: string,
): Promise<boolean> {
  try {
    await snoozeTask(getDb(), task.id, { day: todayDay(), until, reason });
    toasts.show('success', sentence(`Snoozed until ${formatDay(until)}: ${task.title}`));
    return true;
  } catch (e) {
    return failed('Snoozing the task', e);
  }
}

/** Gives a task to another owner (empty: nobody). */
export async function reassignTaskTo(task: TaskRecord, owner: string): Promise<boolean> {
  try {
    const t = await reassignTask(getDb(), task.id, { day: todayDay(), owner });
    toasts.show('success', `${task.title} is now ${t.owner ? `${t.owner}’s` : 'nobody’s'}.`);
    return true;
  } catch (e) {
    return failed('Reassigning the task', e);
  }
}

/** Opens a done or snoozed task again. */
export async function reopenTaskNow(task: TaskRecord): Promise<boolean> {
  try {
    await reopenTask(getDb(), task.id, { day: todayDay() });
    toasts.show('success', sentence(`Reopened: ${task.title}`));
    return true;
  } catch (e) {
    return failed('Reopening the task', e);
  }
}

/** Ticks or unticks one checklist item (no toast: the box shows it). */
export async function tickChecklistItem(
  task: TaskRecord,
  index: number,
  done: boolean,
): Promise<boolean> {
  try {
    await setChecklistItem(getDb(), task.id, { day: todayDay(), index, done });
    return true;
  } catch (e) {
    return failed('Updating the checklist', e);
  }
}

/** Downloads every task as CSV, or the tasks still to do as an .ics calendar. */
export async function downloadTasks(kind: 'csv' | 'ics'): Promise<void> {
  try {
    const board = await readTaskBoard(getDb());
    const ctx = {
      accountNames: new Map([...board.accounts].map(([id, a]) => [id, a.name])),
      playbookNames: board.playbookNames,
    };
    const today = todayDay();
    const text =
      kind === 'csv' ? tasksCsv(board.tasks, ctx) : tasksIcs(board.tasks, ctx, new Date());
    saveBytes(
      taskFileName(kind, today),
      kind === 'csv' ? 'text/csv;charset=utf-8' : 'text/calendar;charset=utf-8',
      new TextEncoder().encode(text),
    );
    const n =
      kind === 'csv' ? board.tasks.length : board.tasks.filter((t) => t.status !== 'done').length;
    toasts.show(
      'success',
      `Downloaded ${n === 1 ? '1 task' : `${n} tasks`} as ${kind === 'csv' ? 'CSV' : 'a calendar file'}.`,
    );
  } catch (e) {
    failed('Downloading the tasks', e);
  }
}
