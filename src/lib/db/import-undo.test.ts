import { describe, expect, it } from 'vitest';
import { loadBook, replaceBook } from './book-repo';
import { ImportUndoError } from './errors';
import { applyImport, listImports, type ImportPlan } from './import-repo';
import { undoImport } from './import-undo';
import { addPulse } from './manual-repo';
import { saveScores } from './scores-repo';
import { freshDb, makeAccount, makeOutcome, makeSeries, makeSummary } from './testing/factories';
import type { CanaryDb } from './canary-db';

function plan(overrides: Partial<ImportPlan>): ImportPlan {
  return { fileName: 'f.csv', kind: 'signals', rows: 1, mapping: null, at: 1, ...overrides };
}

async function seed(db: CanaryDb) {
  await replaceBook(db, {
    accounts: [makeAccount('a1'), makeAccount('a2')],
    series: [makeSeries('a1', 'logins', [1, 2, 3], [10, 20, 30])],
    outcomes: [makeOutcome('a1', 50), makeOutcome('a2', 60)],
    pulses: [],
    overrides: [],
  });
}

describe('undoImport', () => {
  it('restores the database exactly', async () => {
    const db = freshDb();
    await seed(db);
    const before = await loadBook(db);
    const record = await applyImport(
      db,
      plan({
        accounts: [makeAccount('a1', { arr: 99_000 }), makeAccount('new')],
        series: [
          makeSeries('a1', 'logins', [2, 4, 0], [21, 40, 0]),
          makeSeries('new', 'logins', [1], [1]),
          makeSeries('a2', 'seats', [3], [5]),
        ],
        outcomes: [makeOutcome('a1', 50, { outcome: 'churned' }), makeOutcome('new', 70)],
      }),
    );
    expect(await loadBook(db)).not.toEqual(before);
    const undone = await undoImport(db, record.id);
    expect(undone.undoneAt).not.toBeNull();
    expect(await loadBook(db)).toEqual(before);
    expect(await db.importUndo.count()).toBe(0);
    expect((await listImports(db))[0].undoneAt).not.toBeNull();
  });

  it('restores patched ARR and renewal dates and withdrawn outcomes exactly', async () => {
    const db = freshDb();
    await seed(db);
    const subscriptions = await applyImport(
      db,
      plan({
        outcomes: [makeOutcome('a1', 40, { reason: 'Inferred from subscriptions: x' })],
        accountPatches: [{ id: 'a1', arr: 50_000, renewalDate: 21_000 }],
      }),
    );
    const afterSubscriptions = await loadBook(db);
    const renewal = await db.outcomes.where('[accountId+day]').equals(['a1', 40]).first();
    expect(afterSubscriptions.accounts.find((a) => a.id === 'a1')).toMatchObject({
      arr: 50_000,
      renewalDate: 21_000,
    });
    const churn = await applyImport(
      db,
      plan({
        outcomes: [makeOutcome('a1', 30, { outcome: 'churned' })],
        removeOutcomes: [{ accountId: 'a1', day: 40 }],
      }),
    );
    // The subscriptions import cannot be undone while the churn import holds its renewal.
    await expect(undoImport(db, subscriptions.id)).rejects.toMatchObject({
      blockingImportIds: [churn.id],
    });
    await undoImport(db, churn.id);
    expect(await loadBook(db)).toEqual(afterSubscriptions);
    // The withdrawn renewal comes back as the record it was (same id).
    expect(await db.outcomes.where('[accountId+day]').equals(['a1', 40]).first()).toEqual(renewal);
    await undoImport(db, subscriptions.id);
    const restored = await loadBook(db);
    expect(restored.accounts).toEqual([makeAccount('a1'), makeAccount('a2')]);
    expect(restored.outcomes.map((o) => [o.accountId, o.day])).toEqual([
      ['a1', 50],
      ['a2', 60],
    ]);
  });

  it('removes everything attached to accounts the import created', async () => {
    const db = freshDb();
    const record = await applyImport(db, plan({ accounts: [makeAccount('x')] }));
    await addPulse(db, { accountId: 'x', day: 5, value: 4, reason: null });
    await saveScores(db, 'm@1', 5, [
      {
        accountId: 'x',
        score: 80,
        band: 'green',
        coverage: 1,
        trendDelta: null,
        explanation: '',
        summary: makeSummary(),
        breakdown: null,
      },
    ]);
    await undoImport(db, record.id);
    expect(await db.accounts.count()).toBe(0);
    expect(await db.pulses.count()).toBe(0);
    expect(await db.currentScores.count()).toBe(0);
    expect(await db.scoreDetails.count()).toBe(0);
    expect(await db.scoreHistory.count()).toBe(0);
  });

  it('undoing an idempotent repeat changes nothing', async () => {
    const db = freshDb();
    const p = plan({ accounts: [makeAccount('a')], series: [makeSeries('a', 'm', [1], [1])] });
    await applyImport(db, p);
    const after = await loadBook(db);
    const repeat = await applyImport(db, p);
    await undoImport(db, repeat.id);
    expect(await loadBook(db)).toEqual(after);
  });

  it('refuses while a later import changed the same series, then works in reverse order', async () => {
    const db = freshDb();
    await seed(db);
    const before = await loadBook(db);
    const first = await applyImport(db, plan({ series: [makeSeries('a1', 'logins', [4], [1])] }));
    const second = await applyImport(db, plan({ series: [makeSeries('a1', 'logins', [5], [2])] }));
    const error = await undoImport(db, first.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportUndoError);
    expect((error as ImportUndoError).blockingImportIds).toEqual([second.id]);
    await undoImport(db, second.id);
    await undoImport(db, first.id);
    expect(await loadBook(db)).toEqual(before);
  });

  it('allows undoing an earlier import that touched different data', async () => {
    const db = freshDb();
    await seed(db);
    const first = await applyImport(db, plan({ series: [makeSeries('a1', 'logins', [4], [1])] }));
    await applyImport(db, plan({ series: [makeSeries('a2', 'logins', [5], [2])] }));
    await undoImport(db, first.id);
    expect((await db.series.get(['a1', 'logins']))?.days).toEqual(Int32Array.from([1, 2, 3]));
    expect(await db.series.get(['a2', 'logins'])).toBeDefined();
  });

  it('refuses when a later import added data to an account this one created', async () => {
    const db = freshDb();
    const first = await applyImport(db, plan({ accounts: [makeAccount('n')] }));
    const second = await applyImport(db, plan({ outcomes: [makeOutcome('n', 9)] }));
    await expect(undoImport(db, first.id)).rejects.toMatchObject({
      blockingImportIds: [second.id],
    });
  });

  it('rejects unknown and already-undone imports without changes', async () => {
    const db = freshDb();
    await expect(undoImport(db, 42)).rejects.toBeInstanceOf(ImportUndoError);
    const r = await applyImport(db, plan({ accounts: [makeAccount('a')] }));
    await undoImport(db, r.id);
    await expect(undoImport(db, r.id)).rejects.toThrow(/already undone/);
  });
});
