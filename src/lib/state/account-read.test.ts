import { describe, expect, it } from 'vitest';
import { ACTIVE_MODEL_SETTING, type ImportRecord, type ImportUndoRecord } from '../db';
import { freshDb, makeAccount } from '../db/testing/factories';
import { readAccount } from './account-read';

function importLog(id: number): ImportRecord {
  return {
    id,
    at: 1_700_000_000_000 + id,
    fileName: `f${id}.csv`,
    kind: 'signals',
    rows: 1,
    skippedRows: 0,
    mapping: {},
    summary: {
      accountsAdded: 0,
      accountsUpdated: 0,
      seriesCreated: 0,
      pointsAdded: 1,
      pointsChanged: 0,
      pointsUnchanged: 0,
      outcomesAdded: 0,
      outcomesUpdated: 0,
      outcomesUnchanged: 0,
    },
    undoneAt: null,
  };
}

function undo(importId: number, referenced: string[]): ImportUndoRecord {
  return {
    importId,
    createdAccountIds: [],
    previousAccounts: [],
    series: [],
    addedOutcomeIds: [],
    previousOutcomes: [],
    referencedAccountIds: referenced,
  };
}

describe('readAccount', () => {
  it('reads one account with its own records, touching imports and the active bands', async () => {
    const db = freshDb('account-read');
    await db.accounts.bulkAdd([makeAccount('a'), makeAccount('b')]);
    await db.pulses.bulkAdd([
      { accountId: 'a', day: 10, value: 2, reason: null },
      { accountId: 'b', day: 10, value: 5, reason: null },
    ]);
    await db.notes.add({ accountId: 'a', day: 11, text: 'hello', createdAt: 1 });
    await db.series.bulkAdd([
      { accountId: 'a', metric: 'tickets', days: Int32Array.of(1), values: Float64Array.of(2) },
      {
        accountId: 'a',
        metric: 'active_users',
        days: Int32Array.of(1),
        values: Float64Array.of(9),
      },
    ]);
    await db.models.bulkAdd([
      { key: 'm@1', modelId: 'm', version: 1, name: 'M', createdAt: 1, document: {} },
      {
        key: 'm@2',
        modelId: 'm',
        version: 2,
        name: 'M',
        createdAt: 2,
        document: { bands: { redMax: 40, amberMax: 75 } },
      },
      { key: 'other@1', modelId: 'other', version: 1, name: 'O', createdAt: 3, document: {} },
    ]);
    await db.settings.put({ key: ACTIVE_MODEL_SETTING, value: 'm@2' });
    await db.scoreHistory.add({
      accountId: 'a',
      modelKey: 'm@1',
      days: Int32Array.of(5),
      scores: Float32Array.of(50),
      bands: Uint8Array.of(1),
      coverage: Float32Array.of(1),
    });
    await db.imports.bulkAdd([importLog(1), importLog(2)]);
    await db.importUndo.bulkAdd([undo(1, ['a']), undo(2, ['b'])]);

    const snap = await readAccount(db, 'a');
    expect(snap.account?.id).toBe('a');
    expect(snap.pulses.map((p) => p.value)).toEqual([2]);
    expect(snap.notes.map((n) => n.text)).toEqual(['hello']);
    expect(snap.series.map((s) => s.metric)).toEqual(['active_users', 'tickets']);
    expect(snap.imports.map((i) => i.id)).toEqual([1]);
    expect(snap.models.map((m) => m.key).sort()).toEqual(['m@1', 'm@2']);
    expect(snap.activeKey).toBe('m@2');
    expect(snap.bands).toEqual({ redMax: 40, amberMax: 75 });

    // A later import that touches the account is picked up on the next read.
    await db.imports.add(importLog(3));
    await db.importUndo.add(undo(3, ['a']));
    expect((await readAccount(db, 'a')).imports.map((i) => i.id)).toEqual([1, 3]);
  });

  it('reports a missing account as undefined with empty lists and default bands', async () => {
    const db = freshDb('account-read');
    const snap = await readAccount(db, 'nope');
    expect(snap).toMatchObject({
      account: undefined,
      current: undefined,
      pulses: [],
      imports: [],
      activeKey: null,
      bands: { redMax: 30, amberMax: 70 },
    });
  });
});
