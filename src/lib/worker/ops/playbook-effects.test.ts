// The Playbooks page's ops on a real Dexie (fake-indexeddb) with the demo book on the pinned
// today: every default playbook with its trigger in words and its task counts; completing tasks
// through the tasks repository moves them from "no completed task" to "task completed"; hand-made
// older tasks of a playbook that never fires give the 30/60-day changes and the outcome read
// from the stored history and outcomes; switching a playbook off deletes no task,
// switching one on creates its tasks at once.
import { beforeEach, describe, expect, it } from 'vitest';
import { FIXED_TODAY_ISO } from '../../../../tests/setup';
import {
  completeTask,
  getActiveModel,
  getDb,
  listAllOutcomes,
  listPlaybookRecords,
  listTasks,
  loadModelHistory,
  putPlaybook,
  type TaskRecord,
} from '../../db';
import { isoToDay } from '../../engine/dates';
import {
  DEFAULT_PLAYBOOKS,
  historyScoreAt,
  liveScoreAt,
  parsePlaybookOrThrow,
} from '../../engine/plays';
import loadDemo from './load-demo';
import playbookEffects from './playbook-effects';
import setPlaybookEnabled from './playbook-enabled';

const TODAY = isoToDay(FIXED_TODAY_ISO)!;

/** A playbook that never fires (no score is below 0): its tasks are exactly the test's own. */
const QUIET = parsePlaybookOrThrow({
  id: 'quiet',
  name: 'Quiet',
  trigger: { kind: 'score', below: 0 },
  action: { title: 'Quiet {account}', dueInDays: 3 },
});

async function addTask(
  accountId: string,
  createdDay: number,
  status: TaskRecord['status'],
): Promise<number> {
  return (await getDb().tasks.add({
    accountId,
    playbookId: QUIET.id,
    title: 'Quiet',
    checklist: [],
    owner: null,
    priority: 'normal',
    createdDay,
    dueDay: createdDay + 3,
    reason: 'test',
    status,
    snoozedUntil: status === 'snoozed' ? TODAY + 5 : null,
    snoozeReason: status === 'snoozed' ? 'later' : null,
    completedDay: status === 'done' ? createdDay + 2 : null,
    outcomeNote: null,
    history: [{ day: createdDay, action: 'created', note: null }],
  } as unknown as TaskRecord)) as number;
}

describe('the Playbooks page ops', () => {
  beforeEach(async () => {
    await loadDemo({ todayDay: TODAY, accounts: 60 });
  });

  it('lists every default playbook with its trigger and counts, and follows completed tasks', async () => {
    const db = getDb();
    const before = await playbookEffects({ today: TODAY });
    expect(before.playbooks.map((p) => p.id)).toEqual(DEFAULT_PLAYBOOKS.map((p) => p.id));
    expect(before.anyTasks).toBe(true);
    expect(before.marks).toEqual([30, 60]);
    expect(before.outcomeWindowDays).toBe(365);
    expect(before.caveat).toMatch(/not an experiment/);
    const urgent = before.playbooks.find((p) => p.id === 'urgent-review')!;
    expect(urgent).toMatchObject({
      name: 'Urgent account review',
      trigger: 'Score below 50 (on the 30/70 band scale)',
      antiFlap: { holds: 'at once', cooldown: 'cooldown 30 days', leaves: 'leaves above 55' },
      enabled: true,
      action: { title: 'Urgent review: {account}', dueInDays: 2, priority: 'urgent', owner: null },
    });
    expect(urgent.action.checklist).toHaveLength(4);
    const all = await listTasks(db);
    for (const row of before.playbooks) {
      const mine = all.filter((t) => t.playbookId === row.id);
      const done = mine.filter((t) => t.status === 'done');
      expect(row.done).toBe(done.length);
      expect(row.open).toBe(mine.length - done.length);
      expect(row.effects.completed.tasks).toBe(row.done);
      expect(row.effects.notCompleted.tasks).toBe(row.open);
      expect(row.effects.notCompleted.accounts).toBe(
        new Set(mine.filter((t) => t.status !== 'done').map((t) => t.accountId)).size,
      );
    }

    // The demo's past work: older tasks, most of them done.
    expect(before.playbooks.some((p) => p.done > 0)).toBe(true);

    // Complete two open tasks of the playbook with the most: they move to "task completed".
    const busiest = [...before.playbooks].sort((x, y) => y.open - x.open)[0];
    const open = all.filter((t) => t.playbookId === busiest.id && t.status !== 'done');
    expect(open.length).toBeGreaterThanOrEqual(2);
    for (const t of open.slice(0, 2))
      await completeTask(db, t.id, { day: TODAY, note: 'Called; plan agreed' });
    const after = (await playbookEffects({ today: TODAY })).playbooks.find(
      (p) => p.id === busiest.id,
    )!;
    expect(after.done).toBe(busiest.done + 2);
    expect(after.open).toBe(busiest.open - 2);
    expect(after.effects.completed.tasks).toBe(busiest.effects.completed.tasks + 2);
    expect(after.effects.notCompleted.tasks).toBe(busiest.effects.notCompleted.tasks - 2);
  });

  it('reads the 30/60-day changes and the outcome after each task from the stored book', async () => {
    const db = getDb();
    await putPlaybook(db, QUIET, 1);
    const history = await loadModelHistory(db, (await getActiveModel(db))!.key);
    const outcomes = await listAllOutcomes(db);
    const at = liveScoreAt(historyScoreAt(history), outcomes);
    // An account with an outcome in the last 60 days and a score 70 days ago, its task created
    // 10 days before that outcome; two other accounts with scores and no outcome since.
    const recent = outcomes.find(
      (o) =>
        o.day > TODAY - 60 &&
        o.day <= TODAY &&
        at(o.accountId, o.day - 10) !== null &&
        !outcomes.some((x) => x.accountId === o.accountId && x.day > o.day - 10 && x.day < o.day),
    );
    expect(recent).toBeDefined();
    const withScores = [...history.keys()].filter(
      (id) =>
        id !== recent!.accountId &&
        at(id, TODAY - 40) !== null &&
        at(id, TODAY - 10) !== null &&
        !outcomes.some((o) => o.accountId === id && o.day > TODAY - 40),
    );
    const [b, c] = withScores;
    const a = recent!.accountId;
    const aDay = recent!.day - 10;
    await addTask(a, aDay, 'done');
    await addTask(b, TODAY - 40, 'open');
    await addTask(c, TODAY - 10, 'snoozed');

    const row = (await playbookEffects({ today: TODAY })).playbooks.find((p) => p.id === 'quiet')!;
    expect(row).toMatchObject({ open: 2, done: 1, trigger: 'Score below 0' });
    const done = row.effects.completed;
    expect(done).toMatchObject({ tasks: 1, accounts: 1 });
    expect(done.scoreAtTask).toEqual({ n: 1, mean: at(a, aDay) });
    // Old enough for a mark only when that many days have passed since the task.
    expect(done.changes.map((ch) => ch.eligible)).toEqual([
      aDay + 30 <= TODAY ? 1 : 0,
      aDay + 60 <= TODAY ? 1 : 0,
    ]);
    expect(done.outcomes).toMatchObject({
      renewed: recent!.outcome === 'churned' ? 0 : 1,
      churned: recent!.outcome === 'churned' ? 1 : 0,
      pending: 0,
    });
    const rest = row.effects.notCompleted;
    expect(rest).toMatchObject({ tasks: 2, accounts: 2 });
    expect(rest.scoreAtTask.n).toBe(2);
    expect(rest.scoreAtTask.mean).toBeCloseTo((at(b, TODAY - 40)! + at(c, TODAY - 10)!) / 2, 5);
    expect(rest.changes[0]).toEqual({
      days: 30,
      eligible: 1,
      n: 1,
      mean: at(b, TODAY - 10)! - at(b, TODAY - 40)!,
    });
    expect(rest.changes[1]).toEqual({ days: 60, eligible: 0, n: 0, mean: null });
    expect(rest.outcomes).toMatchObject({ renewed: 0, churned: 0, pending: 2, none: 0 });
  });

  it('switching a playbook off changes no task; switching one on creates its tasks now', async () => {
    const db = getDb();
    const tasks = await listTasks(db);
    const off = await setPlaybookEnabled({ id: 'urgent-review', enabled: false, today: TODAY });
    expect(off).toEqual({
      id: 'urgent-review',
      name: 'Urgent account review',
      enabled: false,
      created: 0,
      createdAll: 0,
    });
    expect(await listTasks(db)).toEqual(tasks);
    expect((await listPlaybookRecords(db)).find((r) => r.id === 'urgent-review')!.enabled).toBe(
      false,
    );
    const data = await playbookEffects({ today: TODAY });
    expect(data.playbooks.find((p) => p.id === 'urgent-review')!.enabled).toBe(false);

    // A playbook for every scored account, stored switched off, then switched on.
    await putPlaybook(
      db,
      parsePlaybookOrThrow({
        id: 'everyone',
        name: 'Everyone',
        enabled: false,
        trigger: { kind: 'score', above: 0 },
        action: { title: 'Say hello to {account}', dueInDays: 1 },
      }),
      1,
    );
    const on = await setPlaybookEnabled({ id: 'everyone', enabled: true, today: TODAY });
    const hello = (await listTasks(db)).filter((t) => t.playbookId === 'everyone');
    expect(on.created).toBeGreaterThan(0);
    expect(on.created).toBe(hello.length);
    expect(on.createdAll).toBe(on.created);
    expect(new Set(hello.map((t) => t.createdDay))).toEqual(new Set([TODAY]));

    // Done, switched off and on again the next day: it starts afresh, so the accounts still
    // inside its trigger get a task again (the state it had was forgotten when switched off).
    for (const t of hello) await completeTask(db, t.id, { day: TODAY, note: null });
    await setPlaybookEnabled({ id: 'everyone', enabled: false, today: TODAY });
    expect(await db.playbookState.where('playbookId').equals('everyone').count()).toBe(0);
    const again = await setPlaybookEnabled({ id: 'everyone', enabled: true, today: TODAY + 1 });
    expect(again.created).toBe(hello.length);

    await expect(setPlaybookEnabled({ id: 'nope', enabled: true, today: TODAY })).rejects.toThrow(
      'There is no playbook "nope"',
    );
  });
});
