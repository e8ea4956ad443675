import { describe, expect, it } from 'vitest';
import { renewalRollFor } from '../engine/book-state';
import { ymdToDay } from '../engine/dates';
import {
  addNote,
  addOverride,
  addPulse,
  deleteNote,
  deleteOutcome,
  deleteOverride,
  deletePulse,
  listNotes,
  listOutcomes,
  listOverrides,
  listPulses,
  recordOutcome,
  type RenewalRollRule,
} from './manual-repo';
import { failWritesTo } from './testing/failures';
import { freshDb, makeAccount, makeOutcome } from './testing/factories';

const rule: RenewalRollRule = (account, outcome, others) =>
  renewalRollFor(account, outcome, others);

describe('manual entries', () => {
  it('adds, lists by account in day order and deletes pulses', async () => {
    const db = freshDb();
    const late = await addPulse(db, { accountId: 'a', day: 20, value: 2, reason: 'quiet' });
    await addPulse(db, { accountId: 'a', day: 10, value: 4, reason: null });
    await addPulse(db, { accountId: 'b', day: 5, value: 1, reason: null });
    expect((await listPulses(db, 'a')).map((p) => p.day)).toEqual([10, 20]);
    await deletePulse(db, late);
    expect((await listPulses(db, 'a')).map((p) => p.value)).toEqual([4]);
  });

  it('keeps every override (none replaces another) and deletes by id', async () => {
    const db = freshDb();
    const first = await addOverride(db, {
      accountId: 'a',
      day: 1,
      band: 'red',
      reason: 'exec left',
      expiresDay: 30,
    });
    await addOverride(db, {
      accountId: 'a',
      day: 2,
      band: 'green',
      reason: 'signed',
      expiresDay: 40,
    });
    expect((await listOverrides(db, 'a')).map((o) => o.band)).toEqual(['red', 'green']);
    await deleteOverride(db, first);
    expect(await listOverrides(db, 'a')).toHaveLength(1);
  });

  it('adds notes with a creation time and deletes them', async () => {
    const db = freshDb();
    const id = await addNote(db, { accountId: 'a', day: 3, text: 'QBR booked', createdAt: 1234 });
    expect(await listNotes(db, 'a')).toEqual([
      { id, accountId: 'a', day: 3, text: 'QBR booked', createdAt: 1234 },
    ]);
    await deleteNote(db, id);
    expect(await listNotes(db, 'a')).toEqual([]);
  });
});

describe('recorded outcomes', () => {
  const start = ymdToDay(2025, 12, 13);
  const renewal = ymdToDay(2026, 12, 13);
  const today = ymdToDay(2026, 11, 23);

  it('rolls the renewal date forward with a renewal, and back when it is deleted', async () => {
    const db = freshDb();
    await db.accounts.put(makeAccount('a', { contractStart: start, renewalDate: renewal }));
    const done = await recordOutcome(db, makeOutcome('a', today), rule);
    const next = ymdToDay(2027, 12, 13);
    expect(done.renewalRoll).toEqual({ from: renewal, to: next, termMonths: 12 });
    expect((await db.accounts.get('a'))?.renewalDate).toBe(next);
    expect(await listOutcomes(db, 'a')).toEqual([
      { id: done.id, ...makeOutcome('a', today), renewalRoll: done.renewalRoll },
    ]);
    const deleted = await deleteOutcome(db, done.id);
    expect(deleted.restoredRenewalDate).toEqual({ from: next, to: renewal });
    expect((await db.accounts.get('a'))?.renewalDate).toBe(renewal);
    expect(await listOutcomes(db, 'a')).toEqual([]);
  });

  it('leaves a renewal date changed since the roll alone when the outcome is deleted', async () => {
    const db = freshDb();
    await db.accounts.put(makeAccount('a', { contractStart: start, renewalDate: renewal }));
    const done = await recordOutcome(db, makeOutcome('a', today, { outcome: 'expanded' }), rule);
    await db.accounts.update('a', { renewalDate: ymdToDay(2028, 1, 1) });
    expect((await deleteOutcome(db, done.id)).restoredRenewalDate).toBeNull();
    expect((await db.accounts.get('a'))?.renewalDate).toBe(ymdToDay(2028, 1, 1));
  });

  it('records a churn without touching the renewal date', async () => {
    const db = freshDb();
    await db.accounts.put(makeAccount('a', { contractStart: start, renewalDate: renewal }));
    const done = await recordOutcome(db, makeOutcome('a', today, { outcome: 'churned' }), rule);
    expect(done.renewalRoll).toBeNull();
    expect((await db.accounts.get('a'))?.renewalDate).toBe(renewal);
    expect((await listOutcomes(db, 'a'))[0]).not.toHaveProperty('renewalRoll');
  });

  it('writes nothing for an unknown account, or when the account update fails', async () => {
    const db = freshDb();
    await expect(recordOutcome(db, makeOutcome('nope', today), rule)).rejects.toThrow(
      'there is no account nope',
    );
    expect(await db.outcomes.count()).toBe(0);
    const failing = freshDb();
    const fail = failWritesTo(failing, 'accounts', () => new Error('disk full'));
    fail.armed = false;
    await failing.accounts.put(makeAccount('a', { contractStart: start, renewalDate: renewal }));
    fail.armed = true;
    await expect(recordOutcome(failing, makeOutcome('a', today), rule)).rejects.toThrow();
    expect(await failing.outcomes.count()).toBe(0);
    expect((await failing.accounts.get('a'))?.renewalDate).toBe(renewal);
  });
});
