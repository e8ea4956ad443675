// The crosswalk: which Canary account each source system's id (Stripe customer, HubSpot
// record, Salesforce id, support organisation) belongs to. Filled by export imports, edited
// by the user, included in backups (every table is), and reused by later imports.
import type { CanaryDb } from './canary-db';
import { applyImport, type ImportPlan } from './import-repo';
import type { CrosswalkRecord, ImportRecord } from './records';

/** How a bulk upsert changed the crosswalk. */
export interface CrosswalkUpsertCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** Adds one entry; fails (ConstraintError) when the source id is already mapped. */
export async function addCrosswalkEntry(db: CanaryDb, entry: CrosswalkRecord): Promise<void> {
  await db.crosswalk.add({ ...entry });
}

/** Crosswalk entries, optionally of one source or one account, ordered by source and id. */
export async function listCrosswalk(
  db: CanaryDb,
  filter: { source?: string; accountId?: string } = {},
): Promise<CrosswalkRecord[]> {
  const rows =
    filter.accountId !== undefined
      ? await db.crosswalk.where('accountId').equals(filter.accountId).toArray()
      : await db.crosswalk.toArray();
  return rows
    .filter((r) => filter.source === undefined || r.source === filter.source)
    .sort((a, b) => a.source.localeCompare(b.source) || a.sourceId.localeCompare(b.sourceId));
}

/** The account a source id is mapped to, or undefined. */
export async function getCrosswalkAccount(
  db: CanaryDb,
  source: string,
  sourceId: string,
): Promise<string | undefined> {
  return (await db.crosswalk.get([source, sourceId]))?.accountId;
}

/** Points an existing entry at another account; returns false when there is no such entry. */
export async function updateCrosswalkEntry(
  db: CanaryDb,
  source: string,
  sourceId: string,
  accountId: string,
): Promise<boolean> {
  return (await db.crosswalk.update([source, sourceId], { accountId })) === 1;
}

/** Deletes one entry (a no-op when absent). */
export async function deleteCrosswalkEntry(
  db: CanaryDb,
  source: string,
  sourceId: string,
): Promise<void> {
  await db.crosswalk.delete([source, sourceId]);
}

/** Adds or re-points many entries in one transaction (all or nothing); counts what changed. */
export async function upsertCrosswalk(
  db: CanaryDb,
  entries: readonly CrosswalkRecord[],
): Promise<CrosswalkUpsertCounts> {
  // The last entry of a repeated source id wins, as within an import.
  const byKey = new Map<string, CrosswalkRecord>();
  for (const e of entries) {
    byKey.set(`${e.source}\u0000${e.sourceId}`, {
      source: e.source,
      sourceId: e.sourceId,
      accountId: e.accountId,
    });
  }
  const list = [...byKey.values()];
  return db.transaction('rw', db.crosswalk, async () => {
    const counts: CrosswalkUpsertCounts = { added: 0, updated: 0, unchanged: 0 };
    const stored = await db.crosswalk.bulkGet(list.map((e) => [e.source, e.sourceId]));
    const writes: CrosswalkRecord[] = [];
    list.forEach((e, i) => {
      const before = stored[i];
      if (!before) counts.added++;
      else if (before.accountId !== e.accountId) counts.updated++;
      else {
        counts.unchanged++;
        return;
      }
      writes.push(e);
    });
    if (writes.length > 0) await db.crosswalk.bulkPut(writes);
    return counts;
  });
}

/**
 * Applies an import and stores the crosswalk entries that joined its rows to accounts, in one
 * transaction: either both are written or neither.
 */
export async function applyImportWithCrosswalk(
  db: CanaryDb,
  plan: ImportPlan,
  entries: readonly CrosswalkRecord[],
): Promise<{ record: ImportRecord; crosswalk: CrosswalkUpsertCounts }> {
  return db.transaction(
    'rw',
    [db.accounts, db.series, db.outcomes, db.imports, db.importUndo, db.crosswalk],
    async () => {
      const record = await applyImport(db, plan);
      const crosswalk = await upsertCrosswalk(db, entries);
      return { record, crosswalk };
    },
  );
}
