// Read-only questions about the book that the worker and the pages ask, so that no code outside
// this folder queries a table directly (the repositories are the only door to the tables).
import type { Book } from '../engine/types';
import type { CanaryDb } from './canary-db';
import type {
  AccountRecord,
  CurrentScoreRecord,
  ImportRecord,
  ModelVersionRecord,
  OutcomeRecord,
  ScoreHistoryRecord,
} from './records';

/** How many accounts and import-log entries the book holds. */
export async function countBook(db: CanaryDb): Promise<{ accounts: number; imports: number }> {
  const [accounts, imports] = await Promise.all([db.accounts.count(), db.imports.count()]);
  return { accounts, imports };
}

/** At start-up: how many accounts there are and whether anything was ever scored (one score). */
export async function startupFacts(
  db: CanaryDb,
): Promise<{ accounts: number; anyScore: CurrentScoreRecord | undefined }> {
  const [accounts, anyScore] = await Promise.all([
    db.accounts.count(),
    db.currentScores.toCollection().first(),
  ]);
  return { accounts, anyScore };
}

/** Every account. */
export function listAccounts(db: CanaryDb): Promise<AccountRecord[]> {
  return db.accounts.toArray();
}

/** Every account id (keys only: no records are read). */
export async function listAccountIds(db: CanaryDb): Promise<string[]> {
  return (await db.accounts.toCollection().primaryKeys()) as string[];
}

/** Every outcome. */
export function listAllOutcomes(db: CanaryDb): Promise<OutcomeRecord[]> {
  return db.outcomes.toArray();
}

/** Every current score. */
export function listCurrentScores(db: CanaryDb): Promise<CurrentScoreRecord[]> {
  return db.currentScores.toArray();
}

/** Every score-history record (all accounts, all model versions). */
export function listScoreHistory(db: CanaryDb): Promise<ScoreHistoryRecord[]> {
  return db.scoreHistory.toArray();
}

/** Ids of the accounts with a score history under `modelKey` (keys only). */
export async function accountsWithHistory(db: CanaryDb, modelKey: string): Promise<Set<string>> {
  const keys = await db.scoreHistory.where('modelKey').equals(modelKey).primaryKeys();
  return new Set(keys.map((k) => (k as [string, string])[0]));
}

/** The model versions with these keys that exist. */
export async function getModels(db: CanaryDb, keys: string[]): Promise<ModelVersionRecord[]> {
  return (await db.models.bulkGet(keys)).filter((m): m is ModelVersionRecord => m !== undefined);
}

/** The names of every metric with a series in the book, sorted. */
export async function listMetricNames(db: CanaryDb): Promise<string[]> {
  return (await db.series.orderBy('metric').uniqueKeys()).map(String);
}

/** Import-log entries by id (undefined where none). */
export function getImports(db: CanaryDb, ids: number[]): Promise<(ImportRecord | undefined)[]> {
  return db.imports.bulkGet(ids);
}

/** A key that changes whenever outcomes or the import log change (count-based). */
export async function outcomesAndImportsStamp(db: CanaryDb): Promise<string> {
  const [outcomes, imports] = await Promise.all([db.outcomes.count(), db.imports.count()]);
  return `${outcomes}:${imports}`;
}

/**
 * A key that changes whenever accounts, series (via imports), outcomes, pulses or overrides
 * change: counts and last ids, read in one transaction.
 */
export async function bookFingerprint(db: CanaryDb): Promise<string> {
  const tables = [db.accounts, db.series, db.outcomes, db.pulses, db.overrides, db.imports];
  return db.transaction('r', [...tables, db.importUndo], async () => {
    const parts = await Promise.all([
      ...tables.map((t) => t.count()),
      db.importUndo.count(),
      db.outcomes.orderBy(':id').lastKey(),
      db.pulses.orderBy(':id').lastKey(),
      db.overrides.orderBy(':id').lastKey(),
      db.imports.orderBy(':id').lastKey(),
    ]);
    return parts.map((p) => String(p ?? '-')).join('|');
  });
}

/** One account's own data as a one-account book, read in one transaction; null when absent. */
export async function loadAccountBook(db: CanaryDb, accountId: string): Promise<Book | null> {
  return db.transaction(
    'r',
    [db.accounts, db.series, db.outcomes, db.pulses, db.overrides],
    async () => {
      const account = await db.accounts.get(accountId);
      if (!account) return null;
      const [series, outcomes, pulses, overrides] = await Promise.all([
        db.series.where('accountId').equals(accountId).toArray(),
        db.outcomes.where('accountId').equals(accountId).toArray(),
        db.pulses.where('accountId').equals(accountId).toArray(),
        db.overrides.where('accountId').equals(accountId).toArray(),
      ]);
      return { accounts: [account], series, outcomes, pulses, overrides };
    },
  );
}

/** How many accounts the book holds. */
export function countAccounts(db: CanaryDb): Promise<number> {
  return db.accounts.count();
}

/** The most recent import (by id), if any. */
export function latestImport(db: CanaryDb): Promise<ImportRecord | undefined> {
  return db.imports.orderBy('id').last();
}

/** The stored accounts with these ids, in the same order (undefined where none is stored). */
export function getAccounts(db: CanaryDb, ids: string[]): Promise<(AccountRecord | undefined)[]> {
  return db.accounts.bulkGet(ids);
}

/** One stored model version, if any. */
export function getModel(db: CanaryDb, key: string): Promise<ModelVersionRecord | undefined> {
  return db.models.get(key);
}
