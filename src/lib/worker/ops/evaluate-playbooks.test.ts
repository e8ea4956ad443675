// The playbooks in the worker on a real Dexie (fake-indexeddb): the demo book loaded on the
// pinned today creates tasks through the rescore; a rescore the same day creates none; the next
// day only new episodes create tasks; completing a task does not bring it back while the
// account stays in; a snoozed task blocks a second one; edited and broken playbooks.
import { beforeEach, describe, expect, it } from 'vitest';
import { FIXED_TODAY_ISO } from '../../../../tests/setup';
import {
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

  it('gives the demo past work: most tasks done with a note, some overdue, never two open', async () => {
    const db = getDb();
    const all = await listTasks(db);
    const past = all.filter((t) => t.createdDay < TODAY);
    const done = past.filter((t) => t.status === 'done');
    expect(done.length).toBeGreaterThan(past.length / 2);
    for (const t of done) {
      expect(t.completedDay).toBeGreaterThanOrEqual(t.createdDay);
      expect(t.completedDay).toBeLessThan(TODAY);
      expect(t.outcomeNote).toBeTruthy();
      expect(t.history.map((e) => e.action)).toEqual(['created', 'completed']);
    }
    expect(past.some((t) => t.status === 'open' && t.dueDay < TODAY)).toBe(true);
    const open = all
      .filter((t) => t.status !== 'done')
      .map((t) => `${t.playbookId}/${t.accountId}`);
    expect(new Set(open).size).toBe(open.length);
  });

  it('creates tasks dated the day evaluated, once per episode, through the rescore too', async () => {
    const db = getDb();
    expect(await getSetting(db, PLAYBOOKS_DAY_SETTING)).toBe(TODAY);
    expect((await listPlaybookRecords(db)).map((p) => p.id).sort()).toEqual(
      DEFAULT_PLAYBOOKS.map((p) => p.id).sort(),
    );
    const before = (await listTasks(db)).length;
    const again = await rescore({ today: TODAY });
    expect(again.playbooks).toMatchObject({ created: 0, playbooks: DEFAULT_PLAYBOOKS.length });
    expect(again.playbooksError).toBeNull();
    expect(await listTasks(db)).toHaveLength(before);

    let created = 0;
    for (let day = TODAY + 1; day <= TODAY + 14; day++) {
      const r = await evaluatePlaybooks({ today: day });
      expect(r.day).toBe(day);
      const fresh = (await listTasks(db)).filter((t) => t.createdDay === day);
      expect(fresh).toHaveLength(r.created);
      for (const t of fresh) {
        const p = DEFAULT_PLAYBOOKS.find((x) => x.id === t.playbookId)!;
        expect(t.dueDay).toBe(day + p.action.dueInDays);
        expect(t.status).toBe('open');
        expect(t.reason).not.toBe('');
        expect(t.history).toEqual([{ day, action: 'created', note: null }]);
      }
      created += r.created;
      // The same day evaluated again (after another change) creates nothing more.
      expect((await evaluatePlaybooks({ today: day })).created).toBe(0);
    }
    expect(created).toBeGreaterThan(0);
    const open = (await listTasks(db, { status: ['open', 'snoozed'] })).map(
      (t) => `${t.playbookId}/${t.accountId}`,
    );
    expect(new Set(open).size).toBe(open.length);
    expect(await getSetting(db, PLAYBOOKS_DAY_SETTING)).toBe(TODAY + 14);
  });

  it('does not create a second task while one is snoozed, and names a broken playbook', async () => {
    const db = getDb();
    const first = (await listTasks(db, { status: 'open' }))[0];
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

  it('reads the stored weekly history for a drop over another window than the trend’s', async () => {
    const db = getDb();
    await putPlaybook(
      db,
      parsePlaybookOrThrow({
        id: 'drop-14',
        name: 'Drop in two weeks',
        trigger: { kind: 'drop', points: 5, days: 14 },
        action: { title: 'Look at {account}', dueInDays: 1 },
      }),
      1,
    );
    const r = await evaluatePlaybooks({ today: TODAY + 1 });
    expect(r.createdBy['drop-14']).toBeGreaterThan(0);
    const made = (await listTasks(db)).filter((t) => t.playbookId === 'drop-14');
    for (const t of made) expect(t.reason).toMatch(/^Score fell \d+ points in 14 days \(to \d+\)$/);
  });
});
