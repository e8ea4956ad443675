// Editing the playbooks in the worker on a real Dexie (fake-indexeddb) with the demo book on the
// pinned today: a valid edit is stored and evaluated, an invalid one names its path and stores
// nothing; a changed trigger forgets the per-account state, a changed title does not; adding
// refuses a taken id and "manual"; deleting keeps the tasks; restoring puts back deleted and
// edited defaults and keeps the user's own; the download is what the CLI reads; a file loads
// whole or not at all.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FIXED_TODAY_ISO } from '../../../../tests/setup';
import { loadPlaybooks } from '../../../cli/playbooks-file';
import { eraseAllData, getDb, listPlaybookRecords, listTasks, type CanaryDb } from '../../db';
import { isoToDay } from '../../engine/dates';
import { DEFAULT_PLAYBOOKS, parsePlaybooks, type PlaybookInput } from '../../engine/plays';
import loadDemo from './load-demo';
import {
  checkPlaybooksFile,
  deletePlaybookOp,
  exportPlaybooks,
  loadPlaybooksFile,
  restoreDefaultPlaybooks,
  savePlaybook,
} from './playbook-save';

const TODAY = isoToDay(FIXED_TODAY_ISO)!;
const URGENT = DEFAULT_PLAYBOOKS.find((p) => p.id === 'urgent-review')!;

async function statesOf(db: CanaryDb, playbookId: string): Promise<number> {
  return (await db.playbookState.toArray()).filter((s) => s.playbookId === playbookId).length;
}

async function definitionOf(db: CanaryDb, id: string): Promise<unknown> {
  return (await listPlaybookRecords(db)).find((r) => r.id === id)?.definition;
}

const EVERYONE: PlaybookInput = {
  id: 'everyone',
  name: 'Everyone',
  trigger: { kind: 'score', above: 0 },
  action: { title: 'Say hello to {account}', dueInDays: 1 },
};

describe('editing playbooks in the worker', () => {
  beforeEach(async () => {
    await eraseAllData(getDb());
    await loadDemo({ todayDay: TODAY, accounts: 60 });
  });

  it('saves a valid edit, forgets the state when the trigger changed, and evaluates today', async () => {
    const db = getDb();
    expect(await statesOf(db, URGENT.id)).toBeGreaterThan(0);
    const tasksBefore = (await listTasks(db)).filter((t) => t.playbookId === URGENT.id);
    // Nothing is below 0: with its state forgotten and evaluated afresh, no account is inside.
    const r = await savePlaybook({
      mode: 'edit',
      playbook: { ...URGENT, trigger: { kind: 'score', below: 0, hysteresis: 5 } },
      today: TODAY,
    });
    expect(r).toMatchObject({ ok: true, id: URGENT.id, forgotten: true, created: 0 });
    expect(await statesOf(db, URGENT.id)).toBe(0);
    expect(await definitionOf(db, URGENT.id)).toMatchObject({ trigger: { below: 0 } });
    // Its existing tasks stay as they were.
    expect((await listTasks(db)).filter((t) => t.playbookId === URGENT.id)).toEqual(tasksBefore);
  });

  it('keeps the state when only the task changed, and creates tasks for a looser trigger', async () => {
    const db = getDb();
    const states = await statesOf(db, 'proactive-check-in');
    const check = DEFAULT_PLAYBOOKS.find((p) => p.id === 'proactive-check-in')!;
    const retitled = await savePlaybook({
      mode: 'edit',
      playbook: { ...check, action: { ...check.action, title: 'Call {account}' } },
      today: TODAY,
    });
    expect(retitled).toMatchObject({ ok: true, forgotten: false, created: 0 });
    expect(await statesOf(db, 'proactive-check-in')).toBe(states);

    // Urgent review below 90 at once: every account under 90 without an open task gets one.
    const looser = await savePlaybook({
      mode: 'edit',
      playbook: { ...URGENT, trigger: { kind: 'score', below: 90, hysteresis: 5 } },
      today: TODAY,
    });
    expect(looser.ok).toBe(true);
    if (!looser.ok) return;
    const fresh = (await listTasks(db)).filter(
      (t) => t.playbookId === URGENT.id && t.createdDay === TODAY,
    );
    expect(looser.created).toBeGreaterThan(0);
    expect(fresh.length).toBeGreaterThanOrEqual(looser.created);
  });

  it('refuses an invalid playbook with the path of the problem and stores nothing', async () => {
    const db = getDb();
    const before = await definitionOf(db, URGENT.id);
    const r = await savePlaybook({
      mode: 'edit',
      playbook: { ...URGENT, trigger: { kind: 'score', below: 40, hysteresis: 500 } },
      today: TODAY,
    });
    expect(r).toEqual({
      ok: false,
      errors: [{ path: 'trigger.hysteresis', message: expect.stringMatching(/100/) }],
    });
    const untitled = await savePlaybook({
      mode: 'edit',
      playbook: { ...URGENT, action: { ...URGENT.action, title: '' } },
      today: TODAY,
    });
    expect(untitled.ok === false && untitled.errors.map((e) => e.path)).toEqual(['action.title']);
    expect(await definitionOf(db, URGENT.id)).toEqual(before);
  });

  it('adds a playbook, and refuses a taken id and "manual"', async () => {
    const db = getDb();
    const added = await savePlaybook({ mode: 'add', playbook: EVERYONE, today: TODAY });
    expect(added).toMatchObject({ ok: true, id: 'everyone', added: true });
    if (!added.ok) return;
    const hello = (await listTasks(db)).filter((t) => t.playbookId === 'everyone');
    expect(added.created).toBe(hello.length);
    expect(hello.length).toBeGreaterThan(0);

    const again = await savePlaybook({
      mode: 'add',
      playbook: { ...EVERYONE, name: 'Other' },
      today: TODAY,
    });
    expect(again).toEqual({
      ok: false,
      errors: [{ path: 'id', message: 'a playbook with the id "everyone" exists already' }],
    });
    expect(await definitionOf(db, 'everyone')).toMatchObject({ name: 'Everyone' });
    const manual = await savePlaybook({
      mode: 'add',
      playbook: { ...EVERYONE, id: 'manual' },
      today: TODAY,
    });
    expect(manual.ok === false && manual.errors.map((e) => e.path)).toEqual(['id']);
    expect((await listPlaybookRecords(db)).map((r) => r.id)).not.toContain('manual');
  });

  it('deletes a playbook and its state; its tasks stay', async () => {
    const db = getDb();
    const tasks = (await listTasks(db)).filter((t) => t.playbookId === URGENT.id);
    expect(tasks.length).toBeGreaterThan(0);
    expect(await deletePlaybookOp({ id: URGENT.id })).toEqual({
      id: URGENT.id,
      name: URGENT.name,
    });
    expect(await definitionOf(db, URGENT.id)).toBeUndefined();
    expect(await statesOf(db, URGENT.id)).toBe(0);
    expect((await listTasks(db)).filter((t) => t.playbookId === URGENT.id)).toEqual(tasks);
    await expect(deletePlaybookOp({ id: URGENT.id })).rejects.toThrow(/no playbook/);
  });

  it('restores deleted and edited defaults, keeping the user’s own and their switches', async () => {
    const db = getDb();
    await deletePlaybookOp({ id: URGENT.id });
    const check = DEFAULT_PLAYBOOKS.find((p) => p.id === 'proactive-check-in')!;
    await savePlaybook({
      mode: 'edit',
      playbook: { ...check, forDays: 3, enabled: true },
      today: TODAY,
    });
    await db.playbooks.update('proactive-check-in', { enabled: false });
    await savePlaybook({ mode: 'add', playbook: EVERYONE, today: TODAY });

    const r = await restoreDefaultPlaybooks({ today: TODAY });
    expect(r.restored).toEqual([
      { id: URGENT.id, name: URGENT.name, was: 'deleted' },
      { id: check.id, name: check.name, was: 'edited' },
    ]);
    const records = await listPlaybookRecords(db);
    for (const d of DEFAULT_PLAYBOOKS) {
      const rec = records.find((x) => x.id === d.id)!;
      expect({ ...(rec.definition as object), enabled: d.enabled }).toEqual(d);
    }
    expect(records.find((x) => x.id === check.id)!.enabled).toBe(false);
    expect(records.find((x) => x.id === 'everyone')).toBeDefined();
    expect(r.created).toBeGreaterThanOrEqual(0);
    // Restoring again changes nothing.
    expect(await restoreDefaultPlaybooks({ today: TODAY })).toEqual({
      restored: [],
      created: 0,
      createdAll: 0,
    });
  });

  it('downloads the playbooks as the document the CLI’s --playbooks reads', async () => {
    await savePlaybook({ mode: 'add', playbook: EVERYONE, today: TODAY });
    const doc = await exportPlaybooks();
    const text = JSON.stringify(doc, null, 2);
    const parsed = parsePlaybooks(JSON.parse(text));
    expect(parsed.ok && parsed.playbooks.map((p) => p.id)).toEqual([
      ...DEFAULT_PLAYBOOKS.map((p) => p.id),
      'everyone',
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'canary-plays-')), 'playbooks.json');
    writeFileSync(file, text);
    expect(loadPlaybooks(file)).toEqual(doc.playbooks);
  });

  it('loads a file whole, or nothing when one playbook has a problem', async () => {
    const db = getDb();
    const before = await listPlaybookRecords(db);
    const bad = JSON.stringify({
      playbooks: [EVERYONE, { ...URGENT, trigger: { kind: 'score', below: 'forty' } }],
    });
    const checked = await checkPlaybooksFile({ text: bad });
    expect(checked.ok === false && checked.errors.map((e) => e.path)).toEqual([
      '[1].trigger.below',
    ]);
    expect((await loadPlaybooksFile({ text: bad, today: TODAY })).ok).toBe(false);
    expect(await checkPlaybooksFile({ text: '{ not json' })).toMatchObject({
      ok: false,
      errors: [{ path: '(file)' }],
    });
    expect(await listPlaybookRecords(db)).toEqual(before);

    const good = JSON.stringify([
      EVERYONE,
      { ...URGENT, trigger: { kind: 'score', below: 45, hysteresis: 5 } },
      DEFAULT_PLAYBOOKS.find((p) => p.id === 'gone-quiet'),
    ]);
    expect(await checkPlaybooksFile({ text: good })).toEqual({
      ok: true,
      adds: [{ id: 'everyone', name: 'Everyone' }],
      replaces: [
        { id: URGENT.id, name: URGENT.name, same: false },
        { id: 'gone-quiet', name: 'Gone quiet', same: true },
      ],
    });
    const loaded = await loadPlaybooksFile({ text: good, today: TODAY });
    expect(loaded).toMatchObject({ ok: true, adds: [{ id: 'everyone' }] });
    if (!loaded.ok) return;
    expect(loaded.created).toBeGreaterThan(0);
    expect(await definitionOf(db, URGENT.id)).toMatchObject({ trigger: { below: 45 } });
    expect((await listPlaybookRecords(db)).map((r) => r.id).sort()).toEqual(
      [...DEFAULT_PLAYBOOKS.map((p) => p.id), 'everyone'].sort(),
    );
  });
});
