import { describe, expect, it } from 'vitest';
import {
  addNote,
  addOverride,
  addPulse,
  deleteNote,
  deleteOverride,
  deletePulse,
  listNotes,
  listOverrides,
  listPulses,
} from './manual-repo';
import { freshDb } from './testing/factories';

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
