// Renewals inferred from subscriptions, and the account's ARR and renewal date from the ones
// still in force. The rule (documented in README.md and src/lib/import/README.md):
//
// - Only paid subscriptions count (annual amount > 0): a trial or free plan renews nothing.
// - The account's contract year starts on its first paid subscription (later subscriptions are
//   co-termed with it). At each anniversary the account renewed when paid service ran through it
//   (in force the day before and on the day).
// - A paid subscription that ended while another paid subscription of the account was in force
//   on its end day: the account carried on past the end of that term, a renewal on that day.
// - Never on or after the account's first churn (Canary cannot tell a reactivation from a row
//   that was never closed), never after `asOf` (the file's newest date: a later renewal point is
//   not known yet), one per account and day.
import { addMonths } from '../engine/dates';
import type { DayNumber, Outcome } from '../engine/types';

/** One subscription's paid term as read from a row. */
export interface SubscriptionTerm {
  start: DayNumber;
  /** The day it ended (null while it runs). A subscription is not in force on its end day. */
  end: DayNumber | null;
  /** Recurring amount per year (ARR it adds while in force). */
  annual: number;
  /** Source row (1-based, header = 1). */
  row: number;
}

/** Every inferred renewal's reason starts with this (so later churn imports can withdraw them). */
export const INFERRED_RENEWAL_PREFIX = 'Inferred from subscriptions';

const ANNIVERSARY_REASON = `${INFERRED_RENEWAL_PREFIX}: paid service ran through the contract anniversary`;
const CARRIED_ON_REASON = `${INFERRED_RENEWAL_PREFIX}: a subscription ended and another one carried on`;

/** True for a renewal Canary inferred from subscriptions (not one a user or CRM recorded). */
export function isInferredRenewal(o: Pick<Outcome, 'outcome' | 'reason'>): boolean {
  return o.outcome === 'renewed' && (o.reason ?? '').startsWith(INFERRED_RENEWAL_PREFIX);
}

/** One inferred renewal of an account. */
export interface InferredRenewal {
  day: DayNumber;
  /** A contract anniversary, or a subscription that ended while another carried on. */
  kind: 'anniversary' | 'carried-on';
  reason: string;
  /** The row of the subscription that carried on (or ended). */
  row: number;
}

/** What one account's subscriptions say. */
export interface AccountTerms {
  renewals: InferredRenewal[];
  /** Sum of the annual amounts of the paid subscriptions in force on `asOf`. */
  arr: number;
  /** The next contract anniversary after `asOf`, or null when nothing is in force then. */
  renewalDate: DayNumber | null;
  /** Renewal points on or after the account's first churn, left out. */
  leftOutAfterChurn: number;
}

/** Months in a contract year. */
const CONTRACT_MONTHS = 12;

function inForce(t: SubscriptionTerm, day: DayNumber): boolean {
  return t.start <= day && (t.end === null || t.end > day);
}

/**
 * Infers one account's renewals, current ARR and next renewal date from its subscriptions.
 * `firstChurn` is the account's earliest churn (stored or in the same import), if any.
 */
export function inferAccountTerms(
  terms: readonly SubscriptionTerm[],
  asOf: DayNumber,
  firstChurn: DayNumber | null = null,
): AccountTerms {
  const paid = terms.filter((t) => t.annual > 0);
  const covering = (day: DayNumber) => paid.find((t) => inForce(t, day));
  const current = paid.filter((t) => inForce(t, asOf));
  const arr = Math.round(current.reduce((sum, t) => sum + t.annual, 0) * 100) / 100;
  if (paid.length === 0) return { renewals: [], arr, renewalDate: null, leftOutAfterChurn: 0 };

  const byDay = new Map<DayNumber, InferredRenewal>();
  const afterChurn = new Set<DayNumber>();
  const add = (day: DayNumber, kind: InferredRenewal['kind'], row: number) => {
    if (byDay.has(day)) return;
    if (firstChurn !== null && day >= firstChurn) {
      afterChurn.add(day);
      return;
    }
    const reason = kind === 'anniversary' ? ANNIVERSARY_REASON : CARRIED_ON_REASON;
    byDay.set(day, { day, kind, reason, row });
  };
  const anchor = Math.min(...paid.map((t) => t.start));
  let k = 1;
  for (; addMonths(anchor, CONTRACT_MONTHS * k) <= asOf; k++) {
    const point = addMonths(anchor, CONTRACT_MONTHS * k);
    const before = covering(point - 1);
    const on = covering(point);
    if (before && on) add(point, 'anniversary', on.row);
  }
  // The first anniversary after asOf: the renewal the account faces next.
  const next = addMonths(anchor, CONTRACT_MONTHS * k);
  for (const t of paid) {
    if (t.end === null || t.end > asOf) continue;
    const end = t.end;
    const other = paid.find((o) => o !== t && inForce(o, end));
    if (other) add(end, 'carried-on', other.row);
  }
  const renewals = [...byDay.values()].sort((a, b) => a.day - b.day);
  return {
    renewals,
    arr,
    renewalDate: current.length > 0 ? next : null,
    leftOutAfterChurn: afterChurn.size,
  };
}
