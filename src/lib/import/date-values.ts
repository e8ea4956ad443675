// Dates as exports write them: ISO with or without time and zone, US (M/D/Y) and European
// (D/M/Y) orders, month names, Excel serial numbers. The day/month order is decided over a
// whole column; when no value settles it, it is a question for the user, never a guess.
import { ymdToDay, dayToIso } from '../engine/dates';
import type { DayNumber } from '../engine/types';

/** How a date column is read. 'ymd' also covers ISO with time/zone; month names always work. */
export type DateFormat = 'ymd' | 'dmy' | 'mdy' | 'excel';

// Time and zone are accepted and dropped: the calendar date as written is the date.
const TIME = String.raw`(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s?[AP]M)?(?:\s?(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?)?`;
const YMD = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`, 'i');
const NUMERIC_DM = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`, 'i');
const DAY_MONTH_NAME = new RegExp(
  String.raw`^(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s,-]+(\d{4})${TIME}$`,
  'i',
);
const MONTH_NAME_DAY = new RegExp(
  String.raw`^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`,
  'i',
);
const SERIAL = /^\d{1,7}(?:\.\d+)?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Serial 25569 is 1970-01-01 in Excel's 1900 date system. */
const EXCEL_EPOCH = 25_569;
const EXCEL_MAX = 2_958_465;

function monthIndex(name: string): number {
  const key = name.slice(0, 3).toLowerCase();
  const i = MONTHS.indexOf(key);
  // Full names must be real month names, not any word starting with the abbreviation.
  if (
    i < 0 ||
    (name.length > 3 && !MONTH_FULL[i].startsWith(name.toLowerCase().replace(/\.$/, '')))
  ) {
    return -1;
  }
  return i + 1;
}
const MONTH_FULL = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** A real calendar date's day number, or undefined. */
export function calendarDay(y: number, m: number, d: number): DayNumber | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const day = ymdToDay(y, m, d);
  return dayToIso(day) ===
    `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
    ? day
    : undefined;
}

// Two-digit years use the POSIX pivot: 69–99 → 19xx, 00–68 → 20xx.
function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n >= 69 ? 1900 + n : 2000 + n) : n;
}

/** Converts an Excel serial date number (1900 system) to a day number. */
export function excelSerialToDay(serial: number): DayNumber | undefined {
  if (!(serial >= 1 && serial <= EXCEL_MAX)) return undefined;
  const whole = Math.floor(serial);
  if (whole === 60) return undefined; // 1900-02-29, a date that never existed (Lotus bug).
  return whole < 60 ? whole - EXCEL_EPOCH + 1 : whole - EXCEL_EPOCH;
}

function parseUnordered(s: string): DayNumber | null | undefined {
  let m = YMD.exec(s);
  if (m) return calendarDay(Number(m[1]), Number(m[3]), Number(m[4]));
  m = DAY_MONTH_NAME.exec(s);
  if (m) return calendarDay(Number(m[3]), monthIndex(m[2]), Number(m[1]));
  m = MONTH_NAME_DAY.exec(s);
  if (m) return calendarDay(Number(m[3]), monthIndex(m[1]), Number(m[2]));
  return null;
}

/** Reads a date cell: a day number, null when empty, undefined when not a date in `format`. */
export function parseDate(raw: string, format: DateFormat): DayNumber | null | undefined {
  const s = raw.trim();
  if (s === '') return null;
  const plain = parseUnordered(s);
  if (plain !== null) return plain;
  if (format === 'excel') return SERIAL.test(s) ? excelSerialToDay(Number(s)) : undefined;
  const m = NUMERIC_DM.exec(s);
  if (!m || format === 'ymd') return undefined;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const y = fullYear(m[4]);
  return format === 'dmy' ? calendarDay(y, b, a) : calendarDay(y, a, b);
}

/** The date format of a whole column, or why it cannot be decided. */
export type DateDetection =
  | { status: 'decided'; format: DateFormat }
  | { status: 'ambiguous'; examples: string[] }
  | { status: 'conflict'; dayFirstExample: string; monthFirstExample: string }
  | { status: 'not-dates'; invalidCount: number; example: string };

/** Gathers date-format evidence value by value, so a column can stream past. */
export class DateEvidence {
  #dayFirst = '';
  #monthFirst = '';
  #unsettled: string[] = [];
  #invalid = 0;
  #invalidExample = '';
  #numericDm = 0;
  #serials = 0;
  #nonEmpty = 0;

  /** `serialAllowed`: plausible Excel serial numbers count as dates (a date-like header). */
  constructor(readonly serialAllowed = false) {}

  #bad(s: string): void {
    this.#invalid++;
    this.#invalidExample ||= s;
  }

  /** Takes one cell (empty cells say nothing). */
  add(v: string): void {
    const s = v.trim();
    if (s === '') return;
    this.#nonEmpty++;
    const plain = parseUnordered(s);
    if (plain !== null) {
      if (plain === undefined) this.#bad(s);
      return;
    }
    const m = NUMERIC_DM.exec(s);
    if (m) {
      this.#numericDm++;
      const a = Number(m[1]);
      const b = Number(m[3]);
      const y = fullYear(m[4]);
      const asDmy = calendarDay(y, b, a);
      const asMdy = calendarDay(y, a, b);
      if (asDmy !== undefined && asMdy === undefined) this.#dayFirst ||= s;
      else if (asMdy !== undefined && asDmy === undefined) this.#monthFirst ||= s;
      else if (asDmy === undefined) this.#bad(s);
      else if (a !== b && this.#unsettled.length < 3) this.#unsettled.push(s);
      return;
    }
    // Only serials between 1954 and 2119 count as dates: small counts in a "days" column do not.
    const n = Number(s);
    if (this.serialAllowed && SERIAL.test(s) && n >= 20_000 && n <= 80_000) this.#serials++;
    else this.#bad(s);
  }

  /** The decision over every value added. */
  result(): DateDetection {
    if (this.#invalid > 0) {
      return { status: 'not-dates', invalidCount: this.#invalid, example: this.#invalidExample };
    }
    if (this.#serials > 0) {
      return this.#serials === this.#nonEmpty
        ? { status: 'decided', format: 'excel' }
        : { status: 'not-dates', invalidCount: this.#nonEmpty - this.#serials, example: '' };
    }
    if (this.#dayFirst && this.#monthFirst) {
      return {
        status: 'conflict',
        dayFirstExample: this.#dayFirst,
        monthFirstExample: this.#monthFirst,
      };
    }
    if (this.#dayFirst) return { status: 'decided', format: 'dmy' };
    if (this.#monthFirst) return { status: 'decided', format: 'mdy' };
    if (this.#unsettled.length > 0) return { status: 'ambiguous', examples: this.#unsettled };
    // Only ISO/month-name dates, or numeric dates whose day equals their month.
    return { status: 'decided', format: this.#numericDm > 0 ? 'dmy' : 'ymd' };
  }
}

/**
 * Decides a column's date format from all its values: ISO and month-name dates fit any order;
 * "13/02/2024" proves day-first, "02/13/2024" month-first; when every numeric date could be
 * either (and some differ by order), the result is 'ambiguous' with examples to ask about.
 */
export function detectDateFormat(values: readonly string[], serialAllowed = false): DateDetection {
  const e = new DateEvidence(serialAllowed);
  for (const v of values) e.add(v);
  return e.result();
}
