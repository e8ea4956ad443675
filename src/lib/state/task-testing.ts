// A task record for tests of the task view helpers and files.
import type { TaskRecord } from '../db';

/** An open manual task with neutral values; override what a test cares about. */
export function makeTask(id: number, overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id,
    accountId: 'acme',
    playbookId: 'manual',
    title: `Task ${id}`,
    checklist: [],
    owner: 'dana',
    priority: 'normal',
    createdDay: 20_000,
    dueDay: 20_000,
    reason: 'Added by hand',
    status: 'open',
    snoozedUntil: null,
    snoozeReason: null,
    completedDay: null,
    outcomeNote: null,
    history: [{ day: 20_000, action: 'created', note: null }],
    ...overrides,
  };
}
