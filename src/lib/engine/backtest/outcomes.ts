// The backtest's rows: one per (outcome, horizon), predicted as of outcome day − horizon.
// Columnar so that metrics run on typed arrays.
import type { Book, OutcomeKind } from '../types';

/** Options choosing which outcomes count. */
export interface OutcomeSelection {
  /** Drop churn marked unavoidable (avoidable === false). Default false. */
  excludeUnavoidable?: boolean;
}

/** Outcome rows for one horizon (parallel arrays, one entry per outcome). */
export interface OutcomeRows {
  horizonDays: number;
  accountIds: string[];
  outcomeDays: Int32Array;
  predictionDays: Int32Array;
  /** 1 = churned, 0 = renewed, expanded or contracted. */
  y: Uint8Array;
  kinds: OutcomeKind[];
  /** ARR of the account (NaN when unknown). */
  arr: Float64Array;
  /** Unavoidable churns dropped by the selection. */
  excludedUnavoidable: number;
  /** Outcomes for accounts missing from the book. */
  unknownAccounts: number;
}

/** Builds the outcome rows of a book for one horizon, sorted by day then account. */
export function outcomeRows(
  book: Book,
  horizonDays: number,
  selection: OutcomeSelection = {},
): OutcomeRows {
  const arrOf = new Map(book.accounts.map((a) => [a.id, a.arr ?? NaN]));
  let excludedUnavoidable = 0;
  let unknownAccounts = 0;
  const kept = book.outcomes.filter((o) => {
    if (!arrOf.has(o.accountId)) {
      unknownAccounts++;
      return false;
    }
    if (selection.excludeUnavoidable && o.outcome === 'churned' && o.avoidable === false) {
      excludedUnavoidable++;
      return false;
    }
    return true;
  });
  kept.sort(
    (a, b) => a.day - b.day || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0),
  );
  return {
    horizonDays,
    accountIds: kept.map((o) => o.accountId),
    outcomeDays: Int32Array.from(kept, (o) => o.day),
    predictionDays: Int32Array.from(kept, (o) => o.day - horizonDays),
    y: Uint8Array.from(kept, (o) => (o.outcome === 'churned' ? 1 : 0)),
    kinds: kept.map((o) => o.outcome),
    arr: Float64Array.from(kept, (o) => arrOf.get(o.accountId)!),
    excludedUnavoidable,
    unknownAccounts,
  };
}

/** Keeps only the rows at `keep` indices (e.g. those that had a score). */
export function selectRows(rows: OutcomeRows, keep: readonly number[]): OutcomeRows {
  return {
    ...rows,
    accountIds: keep.map((i) => rows.accountIds[i]),
    outcomeDays: Int32Array.from(keep, (i) => rows.outcomeDays[i]),
    predictionDays: Int32Array.from(keep, (i) => rows.predictionDays[i]),
    y: Uint8Array.from(keep, (i) => rows.y[i]),
    kinds: keep.map((i) => rows.kinds[i]),
    arr: Float64Array.from(keep, (i) => rows.arr[i]),
  };
}
