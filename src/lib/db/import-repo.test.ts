import { describe, expect, it } from 'vitest';
import { loadBook, replaceBook } from './book-repo';
import { isQuotaError } from './errors';
import { applyImport, listImports, type ImportPlan } from './import-repo';
import { failWritesTo, quotaError } from './testing/failures';
import { freshDb, makeAccount, makeOutcome, makeSeries } from './testing/factories';

function plan(overrides: Partial<ImportPlan> = {}): ImportPlan {
  return {
    fileName: 'signals.csv',
    kind: 'signals',
    rows: 5,
    mapping: { account_id: 'accountId' },
    at: 1_700_000_000_000,
    accounts: [makeAccount('a1'), makeAccount('a2')],
    series: [makeSeries('a1', 'logins', [10, 11], [1, 2]), makeSeries('a2', 'logins', [10], [7])],
    outcomes: [makeOutcome('a1', 30)],
    ...overrides,
  };
}

describe('applyImport', () => {
  it('writes accounts, series, outcomes and the log entry', async () => {
    const db = freshDb();
    const record = await applyImport(db, plan());
    expect(record).toMatchObject({ fileName: 'signals.csv', kind: 'signals', undoneAt: null });
    expect(record.summary).toMatchObject({
      accountsAdded: 2,
      seriesCreated: 2,
      pointsAdded: 3,
      outcomesAdded: 1,
    });
    const book = await loadBook(db);
    expect(book.accounts).toHaveLength(2);
    expect(book.series).toHaveLength(2);
    expect(book.outcomes).toHaveLength(1);
    expect(await listImports(db)).toEqual([record]);
    expect(await db.importUndo.get(record.id)).toMatchObject({ createdAccountIds: ['a1', 'a2'] });
  });

  it('is idempotent: the same import twice changes no data', async () => {
    const db = freshDb();
    await applyImport(db, plan());
    const before = await loadBook(db);
    const second = await applyImport(db, plan());
    expect(await loadBook(db)).toEqual(before);
    expect(second.summary).toEqual({
      accountsAdded: 0,
      accountsUpdated: 0,
      seriesCreated: 0,
      pointsAdded: 0,
      pointsChanged: 0,
      pointsUnchanged: 3,
      outcomesAdded: 0,
      outcomesUpdated: 0,
      outcomesUnchanged: 1,
      outcomeKinds: { renewed: 1 },
    });
    expect(await listImports(db)).toHaveLength(2);
  });

  it('sums duplicate points within an import but stays idempotent across imports', async () => {
    const db = freshDb();
    const events = plan({ series: [makeSeries('a1', 'tickets', [5, 5, 6], [1, 1, 1])] });
    events.duplicatePolicy = 'sum';
    await applyImport(db, events);
    await applyImport(db, events);
    const s = await db.series.get(['a1', 'tickets']);
    expect(s?.values).toEqual(Float64Array.from([2, 1]));
  });

  it('replaces an outcome of the same account and day', async () => {
    const db = freshDb();
    await applyImport(db, plan());
    const r = await applyImport(
      db,
      plan({ outcomes: [makeOutcome('a1', 30, { outcome: 'churned', reason: 'budget' })] }),
    );
    expect(r.summary.outcomesUpdated).toBe(1);
    const outcomes = await db.outcomes.toArray();
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ outcome: 'churned', reason: 'budget' });
  });

  it('leaves the database exactly as before when a write throws mid-transaction', async () => {
    const db = freshDb();
    const failure = failWritesTo(db, 'outcomes', () => new Error('disk on fire'));
    failure.armed = false;
    await replaceBook(db, {
      accounts: [makeAccount('a1', { name: 'Old' })],
      series: [makeSeries('a1', 'logins', [1], [1])],
      outcomes: [],
      pulses: [],
      overrides: [],
    });
    const before = await loadBook(db);
    failure.armed = true;
    await expect(applyImport(db, plan())).rejects.toThrow('disk on fire');
    expect(await loadBook(db)).toEqual(before);
    expect(await db.imports.count()).toBe(0);
    expect(await db.importUndo.count()).toBe(0);
  });

  it('leaves the database exactly as before on a quota error writing the log', async () => {
    const db = freshDb();
    failWritesTo(db, 'importUndo', quotaError);
    const error = await applyImport(db, plan()).catch((e: unknown) => e);
    expect(isQuotaError(error)).toBe(true);
    expect(await loadBook(db)).toEqual({
      accounts: [],
      series: [],
      outcomes: [],
      pulses: [],
      overrides: [],
    });
    expect(await db.imports.count()).toBe(0);
  });

  it('rolls back when the caller aborts the surrounding transaction', async () => {
    const db = freshDb();
    const attempt = db.transaction(
      'rw',
      [db.accounts, db.series, db.outcomes, db.imports, db.importUndo],
      async () => {
        await applyImport(db, plan());
        throw new Error('cancelled');
      },
    );
    await expect(attempt).rejects.toThrow('cancelled');
    expect(await db.accounts.count()).toBe(0);
    expect(await db.imports.count()).toBe(0);
  });

  it('patches ARR and renewal date into stored accounts, keeping every other field', async () => {
    const db = freshDb();
    await applyImport(db, plan());
    const r = await applyImport(
      db,
      plan({
        accounts: [],
        series: [],
        outcomes: [],
        accountPatches: [
          { id: 'a1', arr: 48_000, renewalDate: 20_800 },
          { id: 'a2', arr: 0 },
          { id: 'nobody', arr: 5 },
        ],
      }),
    );
    expect(r.summary.accountsUpdated).toBe(2);
    expect(await db.accounts.get('a1')).toEqual(
      makeAccount('a1', { arr: 48_000, renewalDate: 20_800 }),
    );
    // No renewal date in the patch: the stored one stays.
    expect(await db.accounts.get('a2')).toEqual(makeAccount('a2', { arr: 0 }));
    expect(await db.accounts.get('nobody')).toBeUndefined();
    const again = await applyImport(
      db,
      plan({ accounts: [], series: [], outcomes: [], accountPatches: [{ id: 'a2', arr: 0 }] }),
    );
    expect(again.summary.accountsUpdated).toBe(0);
  });

  it('patches an account the same import adds', async () => {
    const db = freshDb();
    const r = await applyImport(
      db,
      plan({
        accounts: [makeAccount('n1', { arr: null, renewalDate: null })],
        accountPatches: [{ id: 'n1', arr: 1_200, renewalDate: 20_100 }],
      }),
    );
    expect(r.summary).toMatchObject({ accountsAdded: 1, accountsUpdated: 0 });
    expect(await db.accounts.get('n1')).toMatchObject({ arr: 1_200, renewalDate: 20_100 });
    expect(await db.importUndo.get(r.id)).toMatchObject({
      createdAccountIds: ['n1'],
      previousAccounts: [],
    });
  });

  it('removes the outcomes it is told to, unless an incoming one replaces it', async () => {
    const db = freshDb();
    await applyImport(db, plan({ outcomes: [makeOutcome('a1', 30), makeOutcome('a2', 40)] }));
    const r = await applyImport(
      db,
      plan({
        accounts: [],
        series: [],
        outcomes: [makeOutcome('a2', 40, { outcome: 'churned' })],
        removeOutcomes: [
          { accountId: 'a1', day: 30 },
          { accountId: 'a2', day: 40 },
          { accountId: 'a1', day: 99 },
        ],
      }),
    );
    expect(r.summary).toMatchObject({
      outcomesRemoved: 1,
      outcomesUpdated: 1,
      outcomeKinds: { churned: 1 },
    });
    const left = await db.outcomes.toArray();
    expect(left.map((o) => [o.accountId, o.day, o.outcome])).toEqual([['a2', 40, 'churned']]);
  });
});
