// Small builders for books in tests and examples: accounts with defaults and weekly series
// from plain arrays (one value per Monday, oldest first, ending on a given Monday).
import type { Account, Book, SignalSeries } from '../types';

/** An account with defaults for every field not given. */
export function makeAccount(fields: Partial<Account> & { id: string }): Account {
  return {
    name: fields.id,
    segment: null,
    arr: null,
    seats: null,
    contractStart: null,
    renewalDate: null,
    owner: null,
    attributes: {},
    ...fields,
  };
}

/** A weekly series whose last value falls on `lastDay`; NaN entries are left out (no row that week). */
export function weeklySeries(
  accountId: string,
  metric: string,
  lastDay: number,
  values: readonly number[],
): SignalSeries {
  const days: number[] = [];
  const vals: number[] = [];
  values.forEach((v, i) => {
    if (Number.isNaN(v)) return;
    days.push(lastDay - 7 * (values.length - 1 - i));
    vals.push(v);
  });
  return { accountId, metric, days: Int32Array.from(days), values: Float64Array.from(vals) };
}

/** A book from parts, with empty lists for anything not given. */
export function makeBook(parts: Partial<Book>): Book {
  return { accounts: [], series: [], outcomes: [], pulses: [], overrides: [], ...parts };
}

/** The weekly values of a healthy account on the demo book's metrics (NaN = no row that week). */
export function healthyWeeklyValues(weeks: number): Record<string, number[]> {
  const fill = (f: (i: number) => number) => Array.from({ length: weeks }, (_, i) => f(i));
  return {
    active_users: fill(() => 16),
    licensed_seats: fill(() => 20),
    core_actions: fill(() => 100),
    tickets: fill(() => 1),
    escalations: fill(() => 0),
    csat: fill((i) => ((weeks - 1 - i) % 4 === 0 ? 4.5 : NaN)),
    meetings: fill((i) => ((weeks - 1 - i) % 2 === 0 ? 1 : 0)),
    qbr: fill((i) => ((weeks - 1 - i) % 13 === 4 ? 1 : 0)),
    champion_replies: fill(() => 2),
    nps: fill((i) => ((weeks - 1 - i) % 13 === 6 ? 9 : NaN)),
    days_past_due: fill(() => 0),
  };
}

/**
 * Weekly demo-metric series for one account ending on `lastDay`: a healthy account, with any
 * metric replaced by `changes` (same length as `weeks`).
 */
export function demoWeeklySeries(
  accountId: string,
  lastDay: number,
  weeks: number,
  changes: Record<string, number[]> = {},
): SignalSeries[] {
  const values = { ...healthyWeeklyValues(weeks), ...changes };
  return Object.entries(values).map(([metric, v]) => weeklySeries(accountId, metric, lastDay, v));
}
