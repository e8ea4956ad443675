// Undoing an import as a whole, in one transaction, from the deltas stored when it was applied.
import type { CanaryDb } from './canary-db';
import { ImportUndoError } from './errors';
import type { ImportRecord, ImportUndoRecord, SeriesRecord } from './records';
import { revertPoints } from './series-merge';

interface Footprint {
  series: Set<string>;
  /** Accounts the import created or replaced. */
  accounts: Set<string>;
  /** Accounts any of its series or outcomes belong to. */
  referenced: Set<string>;
  outcomeIds: Set<number>;
}

function footprint(u: ImportUndoRecord): Footprint {
  const referenced = new Set(u.referencedAccountIds);
  return {
    series: new Set(u.series.map((d) => `${d.accountId}\u0000${d.metric}`)),
    accounts: new Set([...u.createdAccountIds, ...u.previousAccounts.map((a) => a.id)]),
    referenced,
    outcomeIds: new Set([...u.addedOutcomeIds, ...u.previousOutcomes.map((o) => o.id)]),
  };
}

function intersects<T>(a: Set<T>, b: Set<T>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

function overlaps(mine: Footprint, later: Footprint, created: Set<string>): boolean {
  return (
    intersects(mine.series, later.series) ||
    intersects(mine.accounts, later.accounts) ||
    intersects(created, later.referenced) ||
    intersects(mine.outcomeIds, later.outcomeIds)
  );
}

/**
 * Undoes import `importId` exactly: restores replaced accounts and outcomes and the previous
 * values of every changed series point, and deletes what it added — including, for accounts it
 * created, everything attached to them since (pulses, notes, scores, crosswalk). Refuses with
 * ImportUndoError when a later import still in force changed the same data.
 */
export async function undoImport(db: CanaryDb, importId: number): Promise<ImportRecord> {
  return db.transaction('rw', db.tables, async () => {
    const record = await db.imports.get(importId);
    if (!record) throw new ImportUndoError(`Import #${importId} does not exist.`);
    if (record.undoneAt !== null) {
      throw new ImportUndoError(`Import #${importId} (${record.fileName}) was already undone.`);
    }
    const undo = await db.importUndo.get(importId);
    if (!undo) throw new ImportUndoError(`Import #${importId} has no undo data.`);

    const created = new Set(undo.createdAccountIds);
    const mine = footprint(undo);
    const later = await db.imports
      .where('id')
      .above(importId)
      .filter((r) => r.undoneAt === null)
      .toArray();
    const laterUndo = await db.importUndo.bulkGet(later.map((r) => r.id));
    const blocking = later
      .filter((_r, i) => {
        const u = laterUndo[i];
        return u !== undefined && overlaps(mine, footprint(u), created);
      })
      .map((r) => r.id);
    if (blocking.length > 0) {
      throw new ImportUndoError(
        `Undo the later import${blocking.length > 1 ? 's' : ''} #${blocking.join(', #')} first: ` +
          `they changed the same data as #${importId}.`,
        blocking,
      );
    }

    const current = await db.series.bulkGet(undo.series.map((d) => [d.accountId, d.metric]));
    const seriesPuts: SeriesRecord[] = [];
    const seriesDeletes: [string, string][] = [];
    undo.series.forEach((d, i) => {
      const now = current[i];
      if (!now) return;
      const before = revertPoints(now, d.days, d.previous, d.existed);
      if (d.created && before.days.length === 0) seriesDeletes.push([d.accountId, d.metric]);
      else seriesPuts.push({ accountId: d.accountId, metric: d.metric, ...before });
    });
    await db.series.bulkPut(seriesPuts);
    await db.series.bulkDelete(seriesDeletes);

    await db.outcomes.bulkDelete(undo.addedOutcomeIds);
    await db.outcomes.bulkPut(undo.previousOutcomes);
    await db.accounts.bulkPut(undo.previousAccounts);
    await deleteAccountsCascade(db, undo.createdAccountIds);

    const undone: ImportRecord = { ...record, undoneAt: Date.now() };
    await db.imports.put(undone);
    await db.importUndo.delete(importId);
    return undone;
  });
}

/** Deletes accounts and every record attached to them; call inside a rw transaction. */
async function deleteAccountsCascade(db: CanaryDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const list = [...ids];
  await db.accounts.bulkDelete(list);
  await Promise.all([
    db.series.where('accountId').anyOf(list).delete(),
    db.outcomes.where('accountId').anyOf(list).delete(),
    db.pulses.where('accountId').anyOf(list).delete(),
    db.overrides.where('accountId').anyOf(list).delete(),
    db.notes.where('accountId').anyOf(list).delete(),
    db.currentScores.where('accountId').anyOf(list).delete(),
    db.scoreDetails.bulkDelete(list),
    db.scoreHistory.where('accountId').anyOf(list).delete(),
    db.crosswalk.where('accountId').anyOf(list).delete(),
  ]);
}
