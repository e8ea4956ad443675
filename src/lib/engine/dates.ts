// Day-number arithmetic. Everything is UTC so a day number means the same date everywhere.
import type { DayNumber } from './types';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict ISO `YYYY-MM-DD` date into a day number; null when it is not a real date. */
export function isoToDay(iso: string): DayNumber | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    return null;
  }
  return Math.round(ms / MS_PER_DAY);
}

/** Formats a day number as ISO `YYYY-MM-DD`. */
export function dayToIso(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The day number of a Date (its UTC calendar day). */
export function dateToDay(date: Date): DayNumber {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

/** The day number of a year, month (1–12) and day. */
export function ymdToDay(y: number, m: number, d: number): DayNumber {
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** Today's day number in UTC. */
export function todayDay(): DayNumber {
  return dateToDay(new Date());
}

/** Adds whole months to a day, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: DayNumber, months: number): DayNumber {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const target = new Date(Date.UTC(y, m, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  return ymdToDay(
    target.getUTCFullYear(),
    target.getUTCMonth() + 1,
    Math.min(d.getUTCDate(), lastDay),
  );
}

/** Day of week, 0 = Monday … 6 = Sunday. */
export function weekday(day: DayNumber): number {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  return (((day + 3) % 7) + 7) % 7;
}
