// The playbooks in the worker on a real Dexie (fake-indexeddb): the demo book loaded on the
// pinned today creates tasks through the rescore; a rescore the same day creates none; the next
// day only new episodes create tasks; completing a task does not bring it back while the
// account stays in; a snoozed task blocks a second one; edited and broken playbooks.
import { beforeEach, describe, expect, it } from 'vitest';
import { FIXED_TODAY_ISO } from '../../../../tests/setup';
import {
  completeTask,
  getDb,
  getSetting,
  listPlaybookRecords,
  listTasks,
  putPlaybook,
  PLAYBOOKS_DAY_SETTING,
  snoozeTask,
} from '../../db';
import { isoToDay } from '../../engine/dates';
import { DEFAULT_PLAYBOOKS, parsePlaybookOrThrow } from '../../engine/plays';
import evaluatePlaybooks from './evaluate-playbooks';
import loadDemo from './load-demo';
import rescore from './rescore';

const TODAY = isoToDay(FIXED_TODAY_ISO)!;

describe('playbooks in the worker', () => {
  beforeEach(async () => {
    await loadDemo({ todayDay: TODAY, accounts: 60 });
  });

  it('creates tasks once per episode through the rescore, dated today', async () => {
    const db = getDb();
    const tasks = await listTasks(db);
    expect(tasks.length).toBeGreaterThan(0);
    expect(new Set(tasks.map((t) => t.createdDay))).toEqual(new Set([TODAY]));
    for (const t of tasks) {
      const p = DEFAULT_PLAYBOOKS.find((x) => x.id === t.playbookId)!;
      expect(t.dueDay).toBe(TODAY + p.action.dueInDays);
      expect(t.status).toBe('open');
      expect(t.reason).not.toBe('');
      expect(t.history).toEqual([{ day: TODAY, action: 'created', note: null }]);
    }
    const pairs = tasks.map((t) => `${t.playbookId}/${t.accountId}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(await getSetting(db, PLAYBOOKS_DAY_SETTING)).toBe(TODAY);
    expect((await listPlaybookRecords(db)).map((p) => p.id).sort()).toEqual(
      DEFAULT_PLAYBOOKS.map((p) => p.id).sort(),
    );

    const again = await rescore({ today: TODAY });
    expect(again.playbooks).toMatchObject({ created: 0, playbooks: DEFAULT_PLAYBOOKS.length });
    expect(again.playbooksError).toBeNull();
    expect(await listTasks(db)).toHaveLength(tasks.length);

    // Done while the account is still in the episode: no new task the next day.
    const urgent = tasks.find((t) => t.playbookId === 'urgent-review')!;
    await completeTask(db, urgent.id, { day: TODAY, note: 'Called; plan agreed' });
    const next = await evaluatePlaybooks({ today: TODAY + 1 });
    const after = await listTasks(db, { accountId: urgent.accountId });
    expect(after.filter((t) => t.playbookId === 'urgent-review')).toHaveLength(1);
    expect(next.day).toBe(TODAY + 1);
  });

  it('does not create a second task while one is snoozed, and names a broken playbook', async () => {
    const db = getDb();
    const first = (await listTasks(db))[0];
    await snoozeTask(db, first.id, { day: TODAY, until: TODAY + 14, reason: 'Champion on leave' });
    // A playbook that fires for every scored account, and a broken one.
    await putPlaybook(
      db,
      parsePlaybookOrThrow({
        id: 'everyone',
        name: 'Everyone',
        trigger: { kind: 'score', above: 0 },
        action: { title: 'Say hello to {account}', dueInDays: 1 },
      }),
      1,
    );
    await db.playbooks.put({
      id: 'broken',
      definition: { id: 'broken', name: 'B', trigger: { kind: 'score' } },
      enabled: true,
      updatedAt: 1,
    });
    const r = await evaluatePlaybooks({ today: TODAY + 1 });
    expect(r.skipped).toEqual([expect.stringMatching(/^broken: /)]);
    expect(r.createdBy.everyone).toBeGreaterThan(0);
    const mine = await listTasks(db, { accountId: first.accountId });
    expect(mine.filter((t) => t.playbookId === first.playbookId)).toHaveLength(1);
    const hello = (await listTasks(db)).find((t) => t.playbookId === 'everyone')!;
    expect(hello.title).toMatch(/^Say hello to /);
    expect(hello.dueDay).toBe(TODAY + 2);
  });
});
