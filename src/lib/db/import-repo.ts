// Applying an import: accounts, series and outcomes plus its log entry and undo data, all in
// one transaction, so a failure, an abort or a full disk leaves the database as it was.
import type { Account, DayNumber, Outcome, OutcomeKind, SignalSeries } from '../engine/types';
import type { CanaryDb } from './canary-db';
import type { ImportRecord, ImportSummary, OutcomeRecord } from './records';
import { mergeSeriesInTransaction } from './series-repo';
import type { DuplicatePolicy } from './series-merge';

/** Everything one import writes, as prepared (parsed, mapped, validated) by the import pipeline. */
export interface ImportPlan {
  fileName: string;
  kind: string;
  rows: number;
  skippedRows?: number;
  mapping: unknown;
  /** Epoch milliseconds; defaults to now. */
  at?: number;
  /** Accounts to add, or to replace as given when the id exists. */
  accounts?: readonly Account[];
  series?: readonly SignalSeries[];
  /** How repeated (account, day, metric) points within this import collapse. */
  duplicatePolicy?: DuplicatePolicy;
  /** Outcomes to add; one with the account and day of a stored one replaces it. */
  outcomes?: readonly Outcome[];
  /**
   * Fields to set on stored accounts (or accounts this import adds), keeping the rest: ARR and
   * renewal date from subscriptions. Patches of accounts that do not exist are ignored.
   */
  accountPatches?: readonly AccountPatch[];
  /** Stored outcomes to remove (inferred renewals on or after a churn); missing ones are ignored. */
  removeOutcomes?: readonly { accountId: string; day: DayNumber }[];
}

/** Account fields an import sets, keeping the others. */
export interface AccountPatch {
  id: string;
  arr?: number;
  renewalDate?: DayNumber;
}

function patched(a: Account, p: AccountPatch): Account {
  return {
    ...a,
    arr: p.arr === undefined ? a.arr : p.arr,
    renewalDate: p.renewalDate === undefined ? a.renewalDate : p.renewalDate,
  };
}

// Deep equality for plain JSON-like values (accounts and outcomes hold nothing else).
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && a !== a && b !== b;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && sameJson(ra[k], rb[k]));
}

function outcomeKey(accountId: string, day: number): string {
  return `${accountId}\u0000${day}`;
}

function lastById<T>(items: readonly T[], key: (t: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(key(item), item);
  return [...byKey.values()];
}

function countKinds(outcomes: readonly Outcome[]): Partial<Record<OutcomeKind, number>> {
  const counts: Partial<Record<OutcomeKind, number>> = {};
  for (const o of outcomes) counts[o.outcome] = (counts[o.outcome] ?? 0) + 1;
  return counts;
}

/**
 * Applies an import and logs it, in one transaction. Idempotent: applying the same plan again
 * changes no data (it is logged again, with a summary of zero changes).
 */
export async function applyImport(db: CanaryDb, plan: ImportPlan): Promise<ImportRecord> {
  const accounts = lastById(plan.accounts ?? [], (a) => a.id);
  const outcomes = lastById(plan.outcomes ?? [], (o) => outcomeKey(o.accountId, o.day));
  return db.transaction(
    'rw',
    [db.accounts, db.series, db.outcomes, db.imports, db.importUndo],
    async () => {
      const summary: ImportSummary = {
        accountsAdded: 0,
        accountsUpdated: 0,
        seriesCreated: 0,
        pointsAdded: 0,
        pointsChanged: 0,
        pointsUnchanged: 0,
        outcomesAdded: 0,
        outcomesUpdated: 0,
        outcomesUnchanged: 0,
      };

      const storedAccounts = await db.accounts.bulkGet(accounts.map((a) => a.id));
      const createdAccountIds: string[] = [];
      const previousAccounts: Account[] = [];
      const accountWrites: Account[] = [];
      accounts.forEach((a, i) => {
        const before = storedAccounts[i];
        if (!before) createdAccountIds.push(a.id);
        else if (!sameJson(before, a)) previousAccounts.push(before);
        else return;
        accountWrites.push(a);
      });
      if (accountWrites.length > 0) await db.accounts.bulkPut(accountWrites);

      // Patches apply after the accounts above; undo restores what was stored before either.
      const patches = lastById(plan.accountPatches ?? [], (p) => p.id);
      const patchWrites: Account[] = [];
      if (patches.length > 0) {
        const touched = new Set(accountWrites.map((a) => a.id));
        const current = await db.accounts.bulkGet(patches.map((p) => p.id));
        patches.forEach((p, i) => {
          const before = current[i];
          if (!before) return;
          const after = patched(before, p);
          if (sameJson(before, after)) return;
          if (!touched.has(before.id)) previousAccounts.push(before);
          patchWrites.push(after);
        });
        if (patchWrites.length > 0) await db.accounts.bulkPut(patchWrites);
      }
      summary.accountsAdded = createdAccountIds.length;
      summary.accountsUpdated = previousAccounts.length;

      const merged = await mergeSeriesInTransaction(
        db,
        plan.series ?? [],
        plan.duplicatePolicy ?? 'last',
      );
      summary.seriesCreated = merged.seriesCreated;
      summary.pointsAdded = merged.pointsAdded;
      summary.pointsChanged = merged.pointsChanged;
      summary.pointsUnchanged = merged.pointsUnchanged;

      const existing = outcomes.length
        ? await db.outcomes
            .where('[accountId+day]')
            .anyOf(outcomes.map((o) => [o.accountId, o.day]))
            .toArray()
        : [];
      const existingByKey = new Map(existing.map((o) => [outcomeKey(o.accountId, o.day), o]));
      const toAdd: Outcome[] = [];
      const previousOutcomes: OutcomeRecord[] = [];
      const toUpdate: OutcomeRecord[] = [];
      for (const o of outcomes) {
        const before = existingByKey.get(outcomeKey(o.accountId, o.day));
        if (!before) toAdd.push(o);
        else if (!sameJson({ ...before, id: 0 }, { ...o, id: 0 })) {
          previousOutcomes.push(before);
          toUpdate.push({ ...o, id: before.id });
        } else summary.outcomesUnchanged++;
      }
      // Removals: stored outcomes not replaced by an incoming one of the same account and day.
      const incomingKeys = new Set(outcomes.map((o) => outcomeKey(o.accountId, o.day)));
      const removals = lastById(plan.removeOutcomes ?? [], (k) =>
        outcomeKey(k.accountId, k.day),
      ).filter((k) => !incomingKeys.has(outcomeKey(k.accountId, k.day)));
      const removed = removals.length
        ? await db.outcomes
            .where('[accountId+day]')
            .anyOf(removals.map((k) => [k.accountId, k.day]))
            .toArray()
        : [];
      if (removed.length > 0) await db.outcomes.bulkDelete(removed.map((o) => o.id));
      previousOutcomes.push(...removed);
      const addedOutcomeIds = toAdd.length
        ? await db.outcomes.bulkAdd(toAdd, { allKeys: true })
        : [];
      if (toUpdate.length > 0) await db.outcomes.bulkPut(toUpdate);
      summary.outcomesAdded = toAdd.length;
      summary.outcomesUpdated = toUpdate.length;
      if (removed.length > 0) summary.outcomesRemoved = removed.length;
      if (outcomes.length > 0) summary.outcomeKinds = countKinds(outcomes);

      const record: Omit<ImportRecord, 'id'> = {
        at: plan.at ?? Date.now(),
        fileName: plan.fileName,
        kind: plan.kind,
        rows: plan.rows,
        skippedRows: plan.skippedRows ?? 0,
        mapping: plan.mapping,
        summary,
        undoneAt: null,
      };
      const referenced = new Set(merged.deltas.map((d) => d.accountId));
      for (const a of patchWrites) referenced.add(a.id);
      for (const o of [...toAdd, ...previousOutcomes]) referenced.add(o.accountId);
      const id = await db.imports.add(record);
      await db.importUndo.add({
        importId: id,
        createdAccountIds,
        previousAccounts,
        series: merged.deltas,
        addedOutcomeIds,
        previousOutcomes,
        referencedAccountIds: [...referenced],
      });
      return { ...record, id };
    },
  );
}

/** The import log, newest first. */
export async function listImports(db: CanaryDb): Promise<ImportRecord[]> {
  return (await db.imports.toArray()).reverse();
}
