// The 'subscriptions' file kind: reading a subscription row's end date and amount, and turning
// every account's subscriptions into inferred renewals plus its ARR and renewal date.
import { dayToIso } from '../engine/dates';
import type { DayNumber, Outcome } from '../engine/types';
import { readNumber, readOptionalDate, type RowIssues } from './cell-readers';
import type { StoredOutcomeFacts } from './outcome-balance';
import type { AccountPatch } from './prepared-import';
import type { ResolvedColumn } from './resolve-columns';
import type { MappedSink } from './row-mapper';
import { inferAccountTerms, type SubscriptionTerm } from './subscription-terms';

/** A row's end date and annual amount, or undefined after recording why not. */
export function readSubscriptionCells(
  row: readonly string[],
  start: DayNumber,
  endCol: ResolvedColumn | undefined,
  amountCol: ResolvedColumn | undefined,
  issues: RowIssues,
): { end: DayNumber | null; annual: number } | undefined {
  const before = issues.list.length;
  let end: DayNumber | null = null;
  if (endCol && endCol.role.role === 'end-date') {
    const raw = row[endCol.index] ?? '';
    const v = readOptionalDate(raw, endCol.role.format ?? 'ymd', endCol.name, issues);
    if (v !== undefined) end = v;
    if (v !== undefined && v !== null && v < start) {
      issues.add(endCol.name, raw, 'the end date is before the start date', 'end-before-start');
    }
  }
  let annual = 0;
  if (amountCol && amountCol.role.role === 'amount') {
    const raw = row[amountCol.index] ?? '';
    const v = readNumber(raw, amountCol.role.decimal ?? '.', amountCol.name, issues);
    if (v === null) issues.add(amountCol.name, raw, 'the amount is empty', 'missing-value');
    else if (v !== undefined) annual = amountCol.role.per === 'month' ? 12 * v : v;
  }
  return issues.list.length > before ? undefined : { end, annual };
}

/** Adds a read term to the sink and moves the file's newest known date forward. */
export function addTerm(
  sink: MappedSink,
  accountId: string,
  term: SubscriptionTerm,
  today: DayNumber,
): void {
  let terms = sink.subscriptions.get(accountId);
  if (!terms) sink.subscriptions.set(accountId, (terms = []));
  terms.push(term);
  // An end date after today is a scheduled end: the subscription still runs, and the newest
  // date known is today's at most.
  const end = term.end !== null && term.end <= today ? term.end : term.start;
  const known = Math.max(term.start, end);
  if (sink.newestDay === null || known > sink.newestDay) sink.newestDay = known;
}

/** What a subscriptions file writes besides its metrics. */
export interface SubscriptionsResult {
  outcomes: Outcome[];
  patches: AccountPatch[];
  notes: string[];
}

// Whole units with thousands separators (the import core has no locale formatting of its own).
const money = (v: number) => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * Every account's inferred renewals, ARR (paid subscriptions in force on `asOf`) and next
 * renewal date, with notes saying how they were found. Renewals never fall on or after a churn
 * the book already records.
 */
export function finishSubscriptions(
  subscriptions: ReadonlyMap<string, readonly SubscriptionTerm[]>,
  asOf: DayNumber,
  facts: StoredOutcomeFacts | undefined,
): SubscriptionsResult {
  const outcomes: Outcome[] = [];
  const patches: AccountPatch[] = [];
  let anniversaries = 0;
  let leftOut = 0;
  let withArr = 0;
  let totalArr = 0;
  let withDate = 0;
  for (const [accountId, terms] of subscriptions) {
    const r = inferAccountTerms(terms, asOf, facts?.firstChurn.get(accountId) ?? null);
    leftOut += r.leftOutAfterChurn;
    for (const x of r.renewals) {
      if (x.kind === 'anniversary') anniversaries++;
      outcomes.push({
        accountId,
        day: x.day,
        outcome: 'renewed',
        reason: x.reason,
        avoidable: null,
      });
    }
    const patch: AccountPatch = { id: accountId, arr: r.arr };
    if (r.arr > 0) withArr++;
    totalArr += r.arr;
    if (r.renewalDate !== null) {
      patch.renewalDate = r.renewalDate;
      withDate++;
    }
    patches.push(patch);
  }
  const on = dayToIso(asOf);
  const notes = [
    `Renewals inferred: ${outcomes.length} (${anniversaries} at a contract anniversary — a year after the account's first paid subscription — with paid service running through it; ${outcomes.length - anniversaries} where a subscription ended while another carried on). None after ${on}: later renewal points are not known yet.`,
    `ARR of ${withArr} of ${patches.length} accounts is set from their paid subscriptions in force on ${on} ($${money(totalArr)} in all); ${withDate} get the next contract anniversary as their renewal date.`,
  ];
  if (leftOut > 0) {
    notes.push(
      `${leftOut} renewal point(s) were left out: on or after a churn the book already records for that account.`,
    );
  }
  return { outcomes, patches, notes };
}
