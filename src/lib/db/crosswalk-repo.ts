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

/** An account as the crosswalk editor names it. */
export interface CrosswalkAccountName {
  id: string;
  name: string;
}

/** Everything the crosswalk editor shows: every entry and every account's id and name. */
export interface CrosswalkEditorData {
  /** Ordered by source, then source id. */
  entries: CrosswalkRecord[];
  /** Ordered by name, then id. */
  accounts: CrosswalkAccountName[];
}

/** Reads every crosswalk entry and the accounts they can point at, in one read transaction. */
export async function readCrosswalkEditor(db: CanaryDb): Promise<CrosswalkEditorData> {
  return db.transaction('r', db.crosswalk, db.accounts, async () => {
    const [entries, accounts] = await Promise.all([listCrosswalk(db), db.accounts.toArray()]);
    return {
      entries,
      accounts: accounts
        .map((a) => ({ id: a.id, name: a.name }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    };
  });
}

/** Why a checked crosswalk write did not happen. */
export type CrosswalkWriteRefusal = 'no-account' | 'taken' | 'missing';

/** The outcome of a checked crosswalk write: done, or refused (nothing written). */
export type CrosswalkWriteResult =
  { ok: true } | { ok: false; reason: CrosswalkWriteRefusal; accountId?: string };

/**
 * Links a source id to an existing account, in one transaction: refused with 'no-account' when
 * the account does not exist, or 'taken' (with the account it points at) when the source id is
 * already linked.
 */
export async function linkSourceId(
  db: CanaryDb,
  entry: CrosswalkRecord,
): Promise<CrosswalkWriteResult> {
  return db.transaction('rw', db.crosswalk, db.accounts, async () => {
    if ((await db.accounts.get(entry.accountId)) === undefined) {
      return { ok: false, reason: 'no-account' };
    }
    const existing = await db.crosswalk.get([entry.source, entry.sourceId]);
    if (existing) return { ok: false, reason: 'taken', accountId: existing.accountId };
    await db.crosswalk.add({
      source: entry.source,
      sourceId: entry.sourceId,
      accountId: entry.accountId,
    });
    return { ok: true };
  });
}

/**
 * Points an existing entry at another existing account, in one transaction: refused with
 * 'missing' when the entry is gone or 'no-account' when the account does not exist.
 */
export async function repointSourceId(
  db: CanaryDb,
  source: string,
  sourceId: string,
  accountId: string,
): Promise<CrosswalkWriteResult> {
  return db.transaction('rw', db.crosswalk, db.accounts, async () => {
    if ((await db.accounts.get(accountId)) === undefined) {
      return { ok: false, reason: 'no-account' };
    }
    if (!(await updateCrosswalkEntry(db, source, sourceId, accountId))) {
      return { ok: false, reason: 'missing' };
    }
    return { ok: true };
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
