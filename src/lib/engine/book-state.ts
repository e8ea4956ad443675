// What outcomes do to the book: a churned account is archived (out of the live portfolio), and a
// renewal rolls the account's renewal date forward by its contract term. Pure, so the worker,
// the services and the tests decide these the same way from the same outcomes.
import { addMonths, dayToIso } from './dates';
import type { Account, DayNumber, Outcome, OutcomeKind, RenewalRoll } from './types';

/** Outcomes that continue the contract (and so roll the renewal date forward). */
export const RENEWAL_KINDS: readonly OutcomeKind[] = ['renewed', 'expanded', 'contracted'];

/** Contract term assumed when contract start or renewal date is unknown. */
export const DEFAULT_TERM_MONTHS = 12;

/**
 * The day each archived account churned. An account is archived when its latest outcome is
 * `churned`: nothing dated after it (a renewal, an expansion, a contraction) brought it back. A
 * churn and another outcome on the same day: the churn stands (it is the end of the contract).
 * Imported and recorded outcomes count alike; deleting the churn brings the account back.
 */
export function archivedAccounts(outcomes: readonly Outcome[]): Map<string, DayNumber> {
  const latest = new Map<string, Outcome>();
  for (const o of outcomes) {
    const seen = latest.get(o.accountId);
    if (
      !seen ||
      o.day > seen.day ||
      (o.day === seen.day && o.outcome === 'churned' && seen.outcome !== 'churned')
    )
      latest.set(o.accountId, o);
  }
  const archived = new Map<string, DayNumber>();
  for (const [id, o] of latest) if (o.outcome === 'churned') archived.set(id, o.day);
  return archived;
}

/** Whole months from one day to a later one, rounded (a month counted as 1/12 of 365.25 days). */
export function wholeMonthsBetween(from: DayNumber, to: DayNumber): number {
  const [y1, m1, d1] = dayToIso(from).split('-').map(Number);
  const [y2, m2, d2] = dayToIso(to).split('-').map(Number);
  return Math.round((y2 - y1) * 12 + (m2 - m1) + (d2 - d1) / (365.25 / 12));
}

/**
 * The contract term of the account's current contract, in whole months: from the latest
 * earlier renewal outcome (or the contract start when there is none) to the renewal date,
 * rounded; 12 when either end is unknown. The latest earlier renewal marks where the current
 * term began, so an annual contract renewed three times is still a 12-month term (its contract
 * start is years before its renewal date).
 */
export function contractTermMonths(
  account: Pick<Account, 'contractStart' | 'renewalDate'>,
  earlier: readonly Pick<Outcome, 'day' | 'outcome'>[],
  before: DayNumber,
): number {
  const renewal = account.renewalDate;
  let start = account.contractStart;
  for (const o of earlier) {
    if (!RENEWAL_KINDS.includes(o.outcome) || o.day >= before) continue;
    if (renewal !== null && o.day >= renewal) continue;
    if (start === null || o.day > start) start = o.day;
  }
  if (start === null || renewal === null || renewal <= start) return DEFAULT_TERM_MONTHS;
  return Math.max(1, wholeMonthsBetween(start, renewal));
}

/**
 * Where recording `outcome` moves the account's renewal date, or null when it does not: only a
 * renewal (renewed, expanded, contracted) rolls it, and only when it is about the current
 * renewal — dated no more than half a term before the renewal date (or after it). The new date
 * is the renewal date plus whole terms, the first one after the outcome's day; an account
 * without a renewal date gets the outcome's day plus the term.
 */
export function renewalRollFor(
  account: Pick<Account, 'contractStart' | 'renewalDate'>,
  outcome: Pick<Outcome, 'day' | 'outcome'>,
  earlier: readonly Pick<Outcome, 'day' | 'outcome'>[],
): RenewalRoll | null {
  if (!RENEWAL_KINDS.includes(outcome.outcome)) return null;
  const termMonths = contractTermMonths(account, earlier, outcome.day);
  const from = account.renewalDate;
  if (from === null) return { from: null, to: addMonths(outcome.day, termMonths), termMonths };
  const halfTermDays = Math.round((termMonths * 365.25) / 24);
  if (outcome.day < from - halfTermDays) return null;
  let to = addMonths(from, termMonths);
  for (let k = 2; to <= outcome.day; k++) to = addMonths(from, termMonths * k);
  return { from, to, termMonths };
}
