// The changes reads on a real (fake-indexeddb) database.
import { describe, expect, it } from 'vitest';
import { readChangesBook, readOpenTasksDue } from './changes-repo';
import type { TaskRecord } from './records';
import { freshDb } from './testing/factories';

function task(id: number, dueDay: number, status: TaskRecord['status']): TaskRecord {
  return {
    id,
    accountId: 'A',
    playbookId: 'p',
    title: `Task ${id}`,
    checklist: [],
    owner: null,
    priority: 'normal',
    createdDay: 100,
    dueDay,
    reason: 'test',
    status,
    snoozedUntil: null,
    snoozeReason: null,
    completedDay: null,
    outcomeNote: null,
    history: [],
  };
}

describe('changes repository', () => {
  it('reads open tasks due in [from, to) only', async () => {
    const db = freshDb();
    await db.tasks.bulkAdd([
      task(1, 99, 'open'),
      task(2, 100, 'open'),
      task(3, 106, 'open'),
      task(4, 107, 'open'),
      task(5, 101, 'done'),
      task(6, 102, 'snoozed'),
    ]);
    expect((await readOpenTasksDue(db, 100, 107)).map((t) => t.id)).toEqual([2, 3]);
    expect(await readOpenTasksDue(db, 107, 100)).toEqual([]);
    db.close();
  });

  it('reads an empty book as empty', async () => {
    const db = freshDb();
    const read = await readChangesBook(db);
    expect(read.book.accounts).toEqual([]);
    expect(read.activeKey).toBeNull();
    expect(read.scoringDay).toBeNull();
    db.close();
  });
});
