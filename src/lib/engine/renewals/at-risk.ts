// ARR at risk over time, point in time: on each day, the ARR of accounts whose score on that
// day (a snapshot of the model's score history, computed then from data dated up to that day)
// was red — and, apart, amber. Each account counts at its ARR today; only where that is missing or
// 0 (a customer since cancelled in billing) at the latest dated ARR recorded on or before the day.
// A dated series is not read first because it need not be a level: RavenStack's `arr` series is
// the ARR booked by each new subscription, far below the ARR in force.
import { addMonths } from '../dates';
import type { Band, DayNumber, OutcomeKind } from '../types';

/** One account's inputs: its score snapshots, ARR and outcomes. */
export interface AtRiskAccount {
  accountId: string;
  /** Snapshot days ascending, with band codes 0 red / 1 amber / 2 green. */
  historyDays: ArrayLike<number>;
  historyBands: ArrayLike<number>;
  /** A dated ARR series (already annual), days ascending; null when the book has none for it. Read only when today's ARR is missing or 0. */
  arrDays: ArrayLike<number> | null;
  arrValues: ArrayLike<number> | null;
  /** The account's ARR today. */
  arrToday: number | null;
  outcomes: readonly { day: DayNumber; outcome: OutcomeKind }[];
}

/** Count and ARR of the accounts in one group on one day. */
export interface ArrCount {
  accounts: number;
  arr: number;
}

/** ARR at risk on one day. */
export interface AtRiskPoint {
  day: DayNumber;
  red: ArrCount;
  amber: ArrCount;
  /** Every account with a score that day (red, amber and green). */
  scored: ArrCount;
  /** Scored accounts counted at a dated series' value (no ARR today); the rest at today's ARR. */
  arrFromSeries: number;
  /** Scored accounts with no ARR at all (counted with ARR 0). */
  withoutArr: number;
}

/** A snapshot older than this many days before a day does not count as the score on that day. */
export const SNAPSHOT_MAX_AGE_DAYS = 14;

const BANDS: readonly Band[] = ['red', 'amber', 'green'];

/** The last index i with days[i] ≤ day, or −1. */
function lastAtOrBefore(days: ArrayLike<number>, day: number): number {
  let lo = 0;
  let hi = days.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** True when the account's latest outcome on or before `day` is a churn (it had left by then). */
export function churnedBy(
  outcomes: readonly { day: DayNumber; outcome: OutcomeKind }[],
  day: DayNumber,
): boolean {
  let latest: { day: DayNumber; outcome: OutcomeKind } | null = null;
  for (const o of outcomes) {
    if (o.day > day) continue;
    // A churn wins a same-day tie, as in the book state.
    if (!latest || o.day > latest.day || (o.day === latest.day && o.outcome === 'churned'))
      latest = o;
  }
  return latest?.outcome === 'churned';
}

/** The band of the account's score on `day` (latest snapshot within the max age), or null. */
export function bandOnDay(a: AtRiskAccount, day: DayNumber): Band | null {
  const i = lastAtOrBefore(a.historyDays, day);
  if (i < 0 || day - a.historyDays[i] > SNAPSHOT_MAX_AGE_DAYS) return null;
  return BANDS[a.historyBands[i]] ?? null;
}

/** The account's ARR counted on `day`: today's ARR, else (missing or 0) the latest dated value on or before it. */
export function arrOnDay(
  a: AtRiskAccount,
  day: DayNumber,
): { arr: number | null; fromSeries: boolean } {
  if (a.arrToday !== null && Number.isFinite(a.arrToday) && a.arrToday > 0)
    return { arr: a.arrToday, fromSeries: false };
  if (a.arrDays && a.arrValues) {
    const i = lastAtOrBefore(a.arrDays, day);
    if (i >= 0 && Number.isFinite(a.arrValues[i])) return { arr: a.arrValues[i], fromSeries: true };
  }
  return { arr: a.arrToday, fromSeries: false };
}

/** Monthly days ending on `end`: `end` and the same day of each of the `months` months before, oldest first. */
export function monthlyDays(end: DayNumber, months = 12): DayNumber[] {
  const out: DayNumber[] = [];
  for (let k = months; k >= 0; k--) out.push(addMonths(end, -k));
  return out;
}

/** ARR at risk on each day (see the file comment for the definition). */
export function arrAtRisk(
  accounts: readonly AtRiskAccount[],
  days: readonly DayNumber[],
): AtRiskPoint[] {
  return days.map((day) => {
    const point: AtRiskPoint = {
      day,
      red: { accounts: 0, arr: 0 },
      amber: { accounts: 0, arr: 0 },
      scored: { accounts: 0, arr: 0 },
      arrFromSeries: 0,
      withoutArr: 0,
    };
    for (const a of accounts) {
      const band = bandOnDay(a, day);
      if (band === null || churnedBy(a.outcomes, day)) continue;
      const { arr, fromSeries } = arrOnDay(a, day);
      const value = arr !== null && Number.isFinite(arr) ? arr : 0;
      if (arr === null) point.withoutArr++;
      if (fromSeries) point.arrFromSeries++;
      point.scored.accounts++;
      point.scored.arr += value;
      if (band === 'red' || band === 'amber') {
        point[band].accounts++;
        point[band].arr += value;
      }
    }
    return point;
  });
}
