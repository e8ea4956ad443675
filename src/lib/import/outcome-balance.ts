// Keeping renewals and churns consistent across imports, and saying plainly what an import's
// outcomes are: how many renewals and churns it writes, which inferred renewals a new churn
// withdraws, and — when a file records churn but nothing records renewals — why.
import type { DayNumber, Outcome, OutcomeKind } from '../engine/types';
import { isInferredRenewal } from './subscription-terms';

/** What the book already records about outcomes (read by the worker before an import). */
export interface StoredOutcomeFacts {
  /** Each account's earliest churn. */
  firstChurn: ReadonlyMap<string, DayNumber>;
  /** Stored renewals inferred from subscriptions (a later churn withdraws those after it). */
  inferredRenewals: readonly Outcome[];
  /** Stored renewed outcomes of any origin. */
  renewals: number;
  /** `accountId\u0000day` of stored outcomes a user or a CRM recorded (not inferred). */
  recorded: ReadonlySet<string>;
}

const keyOf = (accountId: string, day: DayNumber) => `${accountId}\u0000${day}`;

/** The facts of a list of stored outcomes. */
export function outcomeFactsOf(outcomes: readonly Outcome[]): StoredOutcomeFacts {
  const firstChurn = new Map<string, DayNumber>();
  const inferredRenewals: Outcome[] = [];
  const recorded = new Set<string>();
  let renewals = 0;
  for (const o of outcomes) {
    if (!isInferredRenewal(o)) recorded.add(keyOf(o.accountId, o.day));
    if (o.outcome === 'churned') {
      const before = firstChurn.get(o.accountId);
      if (before === undefined || o.day < before) firstChurn.set(o.accountId, o.day);
    } else if (o.outcome === 'renewed') {
      renewals++;
      if (isInferredRenewal(o)) inferredRenewals.push(o);
    }
  }
  return { firstChurn, inferredRenewals, renewals, recorded };
}

/** An outcome's key: the account and the day (one outcome per account and day). */
export interface OutcomeKey {
  accountId: string;
  day: DayNumber;
}

function earliestChurns(outcomes: readonly Outcome[]): Map<string, DayNumber> {
  const first = new Map<string, DayNumber>();
  for (const o of outcomes) {
    if (o.outcome !== 'churned') continue;
    const before = first.get(o.accountId);
    if (before === undefined || o.day < before) first.set(o.accountId, o.day);
  }
  return first;
}

/**
 * Drops inferred renewals that contradict the other outcomes of the same import or of the book:
 * on or after the account's first churn, or on a day that already records another outcome (a
 * Stripe contraction, a renewal deal won in the CRM — recorded outcomes are never replaced).
 */
export function reconcileInferredRenewals(
  outcomes: readonly Outcome[],
  facts?: StoredOutcomeFacts,
): Outcome[] {
  const first = earliestChurns(outcomes);
  const other = new Set(
    outcomes.filter((o) => !isInferredRenewal(o)).map((o) => keyOf(o.accountId, o.day)),
  );
  return outcomes.filter((o) => {
    if (!isInferredRenewal(o)) return true;
    const churn = Math.min(
      first.get(o.accountId) ?? Infinity,
      facts?.firstChurn.get(o.accountId) ?? Infinity,
    );
    if (o.day >= churn) return false;
    const key = keyOf(o.accountId, o.day);
    return !other.has(key) && !(facts?.recorded.has(key) ?? false);
  });
}

/** The note for inferred renewals `reconcileInferredRenewals` dropped. */
export function yieldedRenewalsNote(dropped: number): string {
  return `${dropped} of those renewal(s) yield to another outcome recorded on the same day, or to an earlier churn.`;
}

/** Stored inferred renewals dated on or after a churn this import records (to be withdrawn). */
export function renewalsToWithdraw(
  facts: StoredOutcomeFacts | undefined,
  incoming: readonly Outcome[],
): OutcomeKey[] {
  if (!facts || facts.inferredRenewals.length === 0) return [];
  const first = earliestChurns(incoming);
  if (first.size === 0) return [];
  return facts.inferredRenewals
    .filter((o) => {
      const churn = first.get(o.accountId);
      return churn !== undefined && o.day >= churn;
    })
    .map((o) => ({ accountId: o.accountId, day: o.day }));
}

/** Outcomes per kind. */
export type OutcomeCounts = Record<OutcomeKind, number>;

/** Counts outcomes by kind. */
export function countOutcomes(outcomes: readonly Outcome[]): OutcomeCounts {
  const counts: OutcomeCounts = { renewed: 0, churned: 0, expanded: 0, contracted: 0 };
  for (const o of outcomes) counts[o.outcome]++;
  return counts;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Plain notes about an import's outcomes: renewals withdrawn, and — when it records churn while
 * neither it nor the book records any renewal — why the backtest would be one-sided.
 * `churnLog`: every row of the file is a churn (a churn-event log), so it cannot say who renewed.
 */
export function outcomeBalanceNotes(
  outcomes: readonly Outcome[],
  withdrawn: number,
  facts: StoredOutcomeFacts | undefined,
  churnLog: boolean,
): string[] {
  const counts = countOutcomes(outcomes);
  const notes: string[] = [];
  if (withdrawn > 0) {
    notes.push(
      `${plural(withdrawn, 'renewal', 'renewals')} inferred from subscriptions ${withdrawn === 1 ? 'is' : 'are'} dated on or after a churn this file records and give${withdrawn === 1 ? 's' : ''} way to it: replaced by the churn on its own day, removed after it.`,
    );
  }
  const storedRenewals = Math.max(0, (facts?.renewals ?? 0) - withdrawn);
  if (counts.churned > 0 && counts.renewed === 0) {
    const why = churnLog
      ? 'This file is a churn log: every row is a churn, so it cannot say which accounts renewed.'
      : 'No row of this file is a renewal.';
    notes.push(
      storedRenewals > 0
        ? `${why} The renewals that balance these churns come from your other imports (${plural(storedRenewals, 'renewal', 'renewals')} in the book).`
        : `${why} No renewals have been imported either, so a backtest would see churned accounts only. Canary infers renewals from a subscriptions file (RavenStack subscriptions, Stripe subscriptions) and reads them from won renewal deals (HubSpot, Salesforce) or an outcomes file: import one of those too.`,
    );
  }
  return notes;
}
