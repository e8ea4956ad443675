// Calendar months as day ranges, and renewals bucketed into the next twelve of them.
import { addMonths, dayToIso, ymdToDay } from '../dates';
import type { DayNumber } from '../types';

/** One calendar month: `[start, end)` in day numbers, `key` as `YYYY-MM`. */
export interface MonthRange {
  key: string;
  start: DayNumber;
  end: DayNumber;
}

/** The first day of the month holding `day`. */
export function monthStart(day: DayNumber): DayNumber {
  const iso = dayToIso(day);
  return ymdToDay(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), 1);
}

/** `count` calendar months starting with the month of `from`. */
export function monthsFrom(from: DayNumber, count: number): MonthRange[] {
  const first = monthStart(from);
  const out: MonthRange[] = [];
  for (let k = 0; k < count; k++) {
    const start = addMonths(first, k);
    out.push({ key: dayToIso(start).slice(0, 7), start, end: addMonths(first, k + 1) });
  }
  return out;
}

/** Items bucketed by month: each month's items, plus those before today and after the window. */
export interface MonthBuckets<T> {
  months: { month: MonthRange; items: T[] }[];
  /** Renewal day before `today` (passed without a recorded outcome). */
  overdue: T[];
  /** Renewal day after the last month. */
  later: T[];
}

/**
 * Buckets items by their day into `count` calendar months starting with today's month; days
 * before `today` go to `overdue`, days after the window to `later`. Order within a bucket is kept.
 */
export function bucketByMonth<T>(
  items: readonly T[],
  dayOf: (item: T) => DayNumber,
  today: DayNumber,
  count = 12,
): MonthBuckets<T> {
  const months = monthsFrom(today, count).map((month) => ({ month, items: [] as T[] }));
  const overdue: T[] = [];
  const later: T[] = [];
  const windowEnd = months[months.length - 1].month.end;
  for (const item of items) {
    const day = dayOf(item);
    if (day < today) overdue.push(item);
    else if (day >= windowEnd) later.push(item);
    else months.find((m) => day < m.month.end)!.items.push(item);
  }
  return { months, overdue, later };
}
