import { describe, expect, it } from 'vitest';
import { replaceBook } from './book-repo';
import type { TaskRecord } from './records';
import {
  addManualTask,
  completeTask,
  getTask,
  listTasks,
  listTasksToDo,
  MANUAL_PLAYBOOK_ID,
  readTaskBoard,
  reassignTask,
  reopenTask,
  setChecklistItem,
  snoozeTask,
} from './tasks-repo';
import { freshDb, makeAccount } from './testing/factories';

const TODAY = 20_000;

async function bookDb() {
  const db = freshDb('tasks');
  await replaceBook(db, {
    accounts: [makeAccount('acme'), makeAccount('globex', { owner: 'lee' })],
    series: [],
    outcomes: [],
    pulses: [],
    overrides: [],
  });
  return db;
}

const base = {
  accountId: 'acme',
  title: 'Call the champion',
  dueDay: TODAY + 2,
  priority: 'high' as const,
  owner: 'dana',
  today: TODAY,
};

describe('tasks repository', () => {
  it('adds a manual task, open, with a created event, and reads it back', async () => {
    const db = await bookDb();
    const t = await addManualTask(db, {
      ...base,
      title: '  Call the champion  ',
      checklist: ['Agenda', '  ', 'Send notes'],
    });
    expect(t).toEqual<TaskRecord>({
      id: t.id,
      accountId: 'acme',
      playbookId: MANUAL_PLAYBOOK_ID,
      title: 'Call the champion',
      checklist: [
        { text: 'Agenda', done: false },
        { text: 'Send notes', done: false },
      ],
      owner: 'dana',
      priority: 'high',
      createdDay: TODAY,
      dueDay: TODAY + 2,
      reason: 'Added by hand',
      status: 'open',
      snoozedUntil: null,
      snoozeReason: null,
      completedDay: null,
      outcomeNote: null,
      history: [{ day: TODAY, action: 'created', note: null }],
    });
    expect(await getTask(db, t.id)).toEqual(t);
  });

  it('refuses an empty title, an unknown priority, a fractional day or a missing account', async () => {
    const db = await bookDb();
    await expect(addManualTask(db, { ...base, title: '  ' })).rejects.toThrow('needs a title');
    await expect(
      addManualTask(db, { ...base, priority: 'soon' as unknown as 'low' }),
    ).rejects.toThrow('Unknown priority');
    await expect(addManualTask(db, { ...base, dueDay: 1.5 })).rejects.toThrow('whole day');
    await expect(addManualTask(db, { ...base, accountId: 'nope' })).rejects.toThrow(
      'Account nope does not exist',
    );
    expect(await listTasks(db)).toEqual([]);
  });

  it('lists by status, account and due window, soonest first', async () => {
    const db = await bookDb();
    const late = await addManualTask(db, { ...base, title: 'late', dueDay: TODAY + 9 });
    const soon = await addManualTask(db, { ...base, title: 'soon', dueDay: TODAY - 1 });
    const other = await addManualTask(db, {
      ...base,
      accountId: 'globex',
      title: 'other',
      dueDay: TODAY,
    });
    await completeTask(db, other.id, { day: TODAY, note: null });
    const titles = (ts: TaskRecord[]) => ts.map((t) => t.title);
    expect(titles(await listTasks(db))).toEqual(['soon', 'other', 'late']);
    expect(titles(await listTasks(db, { status: 'open' }))).toEqual(['soon', 'late']);
    expect(titles(await listTasks(db, { status: ['done', 'snoozed'] }))).toEqual(['other']);
    expect(titles(await listTasks(db, { accountId: 'acme' }))).toEqual(['soon', 'late']);
    expect(titles(await listTasks(db, { dueTo: TODAY }))).toEqual(['soon', 'other']);
    expect(titles(await listTasks(db, { dueFrom: TODAY, dueTo: TODAY + 9 }))).toEqual([
      'other',
      'late',
    ]);
    expect(titles(await listTasks(db, { accountId: 'acme', dueFrom: TODAY }))).toEqual(['late']);
    expect([late.id, soon.id].every(Number.isInteger)).toBe(true);
  });

  it('completes with an outcome note and refuses to complete twice', async () => {
    const db = await bookDb();
    const t = await addManualTask(db, base);
    const done = await completeTask(db, t.id, { day: TODAY + 1, note: ' Renewal confirmed ' });
    expect(done.status).toBe('done');
    expect(done.completedDay).toBe(TODAY + 1);
    expect(done.outcomeNote).toBe('Renewal confirmed');
    expect(done.history.at(-1)).toEqual({
      day: TODAY + 1,
      action: 'completed',
      note: 'Renewal confirmed',
    });
    expect(await getTask(db, t.id)).toEqual(done);
    await expect(completeTask(db, t.id, { day: TODAY + 1, note: null })).rejects.toThrow(
      'already done',
    );
    expect((await getTask(db, t.id))!.history).toHaveLength(2);
  });

  it('snoozes until a later day with a reason, and wakes by reopening', async () => {
    const db = await bookDb();
    const t = await addManualTask(db, base);
    await expect(
      snoozeTask(db, t.id, { day: TODAY, until: TODAY, reason: 'later' }),
    ).rejects.toThrow('after today');
    await expect(
      snoozeTask(db, t.id, { day: TODAY, until: TODAY + 7, reason: ' ' }),
    ).rejects.toThrow('Say why');
    const s = await snoozeTask(db, t.id, { day: TODAY, until: TODAY + 7, reason: 'On leave' });
    expect(s).toMatchObject({
      status: 'snoozed',
      snoozedUntil: TODAY + 7,
      snoozeReason: 'On leave',
    });
    expect(s.history.at(-1)).toEqual({ day: TODAY, action: 'snoozed', note: 'On leave' });
    const r = await reopenTask(db, t.id, { day: TODAY + 1 });
    expect(r).toMatchObject({ status: 'open', snoozedUntil: null, snoozeReason: null });
    expect(r.history.map((e) => e.action)).toEqual(['created', 'snoozed', 'reopened']);
    await expect(reopenTask(db, t.id, { day: TODAY + 1 })).rejects.toThrow('already open');
  });

  it('reopens a done task, keeping the outcome only in the history', async () => {
    const db = await bookDb();
    const t = await addManualTask(db, base);
    await completeTask(db, t.id, { day: TODAY, note: 'Left a voicemail' });
    const r = await reopenTask(db, t.id, { day: TODAY + 3, note: 'No answer yet' });
    expect(r).toMatchObject({ status: 'open', completedDay: null, outcomeNote: null });
    expect(r.history.slice(1)).toEqual([
      { day: TODAY, action: 'completed', note: 'Left a voicemail' },
      { day: TODAY + 3, action: 'reopened', note: 'No answer yet' },
    ]);
    await expect(
      snoozeTask(db, t.id, { day: TODAY + 3, until: TODAY + 4, reason: 'x' }),
    ).resolves.toMatchObject({ status: 'snoozed' });
  });

  it('reassigns, saying from whom to whom, and refuses the same owner', async () => {
    const db = await bookDb();
    const t = await addManualTask(db, base);
    const r = await reassignTask(db, t.id, { day: TODAY, owner: ' lee ' });
    expect(r.owner).toBe('lee');
    expect(r.history.at(-1)).toEqual({
      day: TODAY,
      action: 'reassigned',
      note: 'from dana to lee',
    });
    const n = await reassignTask(db, t.id, { day: TODAY, owner: '' });
    expect(n.owner).toBeNull();
    expect(n.history.at(-1)!.note).toBe('from lee to nobody');
    await expect(reassignTask(db, t.id, { day: TODAY, owner: null })).rejects.toThrow(
      "already nobody's",
    );
  });

  it('ticks and unticks checklist items, one event each', async () => {
    const db = await bookDb();
    const t = await addManualTask(db, { ...base, checklist: ['Agenda', 'Send notes'] });
    const a = await setChecklistItem(db, t.id, { day: TODAY, index: 1, done: true });
    expect(a.checklist).toEqual([
      { text: 'Agenda', done: false },
      { text: 'Send notes', done: true },
    ]);
    expect(a.history.at(-1)).toEqual({
      day: TODAY,
      action: 'checklist',
      note: 'Ticked "Send notes"',
    });
    const b = await setChecklistItem(db, t.id, { day: TODAY, index: 1, done: false });
    expect(b.checklist[1].done).toBe(false);
    expect(b.history.at(-1)!.note).toBe('Unticked "Send notes"');
    await expect(setChecklistItem(db, t.id, { day: TODAY, index: 1, done: false })).rejects.toThrow(
      'already unticked',
    );
    await expect(setChecklistItem(db, t.id, { day: TODAY, index: 5, done: true })).rejects.toThrow(
      'no checklist item 6',
    );
  });

  it('refuses a change to a task that does not exist', async () => {
    const db = await bookDb();
    await expect(completeTask(db, 99, { day: TODAY, note: null })).rejects.toThrow(
      'Task 99 does not exist',
    );
  });
});

describe('task board', () => {
  it('reads every task with its account name, the owners and playbook names', async () => {
    const db = await bookDb();
    await db.playbooks.put({
      id: 'red-review',
      definition: { name: 'Urgent review' },
      enabled: true,
      updatedAt: 1,
    });
    const a = await addManualTask(db, { ...base, dueDay: TODAY + 5 });
    const b = await addManualTask(db, { ...base, accountId: 'globex', dueDay: TODAY });
    await completeTask(db, b.id, { day: TODAY, note: null });
    const board = await readTaskBoard(db);
    expect(board.tasks.map((t) => t.id)).toEqual([b.id, a.id]);
    expect(board.accounts.get('acme')).toEqual({ name: 'Account acme', owner: 'dana' });
    expect(board.accounts.get('globex')).toEqual({ name: 'Account globex', owner: 'lee' });
    expect(board.owners).toEqual(['dana', 'lee']);
    expect(board.playbookNames.get('red-review')).toBe('Urgent review');
    expect((await listTasksToDo(db)).map((t) => t.id)).toEqual([a.id]);
  });
});
