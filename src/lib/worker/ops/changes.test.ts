// The changes op on the demo book in a real (fake-indexeddb) database: the list holds every
// band change and every move of at least N points, with scores that are the engine's own point
// in time as of the period's two days; a pulse, a model change and a task due show up; a bad
// period is refused; an empty book lists nothing and its digest says so.
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_TODAY_ISO } from '../../../../tests/setup';
import {
  addPulse,
  eraseAllData,
  getActiveModel,
  getDb,
  loadBook,
  saveModelVersion,
  setActiveModel,
} from '../../db';
import { DIGEST_EMPTY, parseModelOrThrow, prepareBook, scoreAccount } from '../../engine';
import { isoToDay } from '../../engine/dates';
import type { ModelDocument } from '../../engine/model/schema';
import changes from './changes';
import loadDemo from './load-demo';
import rescore from './rescore';

const TODAY = isoToDay(FIXED_TODAY_ISO)!;

describe('changes op on the demo book', () => {
  beforeAll(async () => {
    await loadDemo({ todayDay: TODAY });
  }, 60_000);

  it('lists band changes and moves of at least N points, each with a cause', async () => {
    const data = await changes({ today: TODAY, period: { kind: 'last', days: 30 }, minPoints: 10 });
    expect(data.scoringDay).toBe(TODAY);
    expect(data.period).toMatchObject({ start: TODAY - 30, end: TODAY });
    expect(data.modelSwitch).toBeNull();
    expect(data.changes.length).toBeGreaterThan(3);
    expect(data.counts.listed).toBe(data.changes.length);
    for (const c of data.changes) {
      expect(c.bandChanged || Math.abs(c.delta ?? 0) >= 10).toBe(true);
      expect(c.cause.length).toBeGreaterThan(10);
    }
    // Falls first, largest first.
    const downs = data.changes.filter((c) => c.direction === 'down');
    expect(data.changes.slice(0, downs.length)).toEqual(downs);
    // The scores are the engine's own, as of each day (point in time).
    const db = getDb();
    const book = await loadBook(db);
    const prepared = prepareBook(book);
    const model = parseModelOrThrow((await getActiveModel(db))!.document);
    for (const c of data.changes.slice(0, 5)) {
      expect(scoreAccount(prepared, model, c.accountId, TODAY - 30).band).toBe(c.bandBefore);
      expect(scoreAccount(prepared, model, c.accountId, TODAY).score).toBe(c.scoreAfter);
    }
    // A lower threshold lists at least as many.
    const all = await changes({ today: TODAY, period: { kind: 'last', days: 30 }, minPoints: 0 });
    expect(all.changes.length).toBeGreaterThanOrEqual(data.changes.length);
    expect(all.digest.topDown.length).toBeGreaterThan(0);
    expect(all.digest.renewals.every((r) => r.daysAway >= 0 && r.daysAway <= 90)).toBe(true);
  });

  it('names a pulse logged in the period', async () => {
    const db = getDb();
    const target = (await db.currentScores.toArray()).find(
      (s) => s.band === 'green' && s.summary.archivedDay == null,
    )!;
    await addPulse(db, {
      accountId: target.accountId,
      day: TODAY - 2,
      value: 1,
      reason: 'budget freeze',
    });
    await rescore({ today: TODAY });
    const data = await changes({ today: TODAY, period: { kind: 'last', days: 7 }, minPoints: 0 });
    const row = data.changes.find((c) => c.accountId === target.accountId)!;
    expect(row.causes.some((c) => c.kind === 'pulse' && /budget freeze/.test(c.text))).toBe(true);
  });

  it('names a model change in the period', async () => {
    const db = getDb();
    const active = (await getActiveModel(db))!;
    const doc = parseModelOrThrow(active.document) as ModelDocument;
    const stricter: ModelDocument = { ...doc, version: 2, bands: { redMax: 60, amberMax: 85 } };
    const saved = await saveModelVersion(db, {
      modelId: doc.id,
      version: 2,
      name: active.name,
      document: stricter,
    });
    await setActiveModel(db, saved.key);
    await rescore({ today: TODAY });
    const data = await changes({ today: TODAY, period: { kind: 'last', days: 7 }, minPoints: 10 });
    expect(data.modelSwitch).toMatchObject({ from: { version: 1 }, to: { version: 2 } });
    const moved = data.changes.filter((c) => c.causes.some((x) => x.kind === 'model'));
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.some((c) => c.bandChanged)).toBe(true);
  });

  it('puts open tasks overdue or due in the coming week in the digest', async () => {
    const db = getDb();
    // Without the demo's own playbook tasks, so the three below are the only ones.
    await db.tasks.clear();
    const [a] = await db.accounts.limit(1).toArray();
    const base = {
      accountId: a.id,
      playbookId: 'check-in',
      checklist: [],
      owner: 'Sam',
      priority: 'high' as const,
      createdDay: TODAY - 1,
      reason: 'score fell',
      snoozedUntil: null,
      snoozeReason: null,
      completedDay: null,
      outcomeNote: null,
      history: [],
    };
    await db.tasks.bulkAdd([
      { ...base, title: 'Call this week', dueDay: TODAY + 3, status: 'open' },
      { ...base, title: 'Late already', dueDay: TODAY - 4, status: 'open' },
      { ...base, title: 'Call next month', dueDay: TODAY + 30, status: 'open' },
      { ...base, title: 'Done already', dueDay: TODAY + 1, status: 'done' },
    ] as never);
    const data = await changes({ today: TODAY, period: { kind: 'last', days: 7 } });
    expect(data.digest.tasks.map((t) => t.title)).toEqual(['Late already', 'Call this week']);
    expect(data.digest.tasks[0].accountName).toBe(a.name);
  });

  it('refuses a period that ends after the scoring day', async () => {
    await expect(
      changes({ today: TODAY, period: { kind: 'custom', from: TODAY - 5, to: TODAY + 5 } }),
    ).rejects.toThrow(/cannot end after/);
  });

  it('lists nothing for an empty book and its digest says so', async () => {
    await eraseAllData(getDb());
    const data = await changes({ today: TODAY, period: { kind: 'last', days: 7 } });
    expect(data.changes).toEqual([]);
    expect(data.model).toBeNull();
    expect(data.digest.topDown).toEqual([]);
    expect(data.digest.renewals).toEqual([]);
    expect(DIGEST_EMPTY.tasks).toMatch(/No open task/);
  });
});
