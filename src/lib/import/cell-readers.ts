// Reading typed cells out of a row, recording a RowIssue for each value that does not read.
import type { DayNumber, AttributeValue } from '../engine/types';
import { parseBoolean } from './booleans';
import { parseDate, type DateFormat } from './date-values';
import { parseNumber, type DecimalSeparator } from './numbers';
import type { RowIssue } from './prepared-import';

/** Collects the issues of one row; the row is skipped when any were recorded. */
export class RowIssues {
  readonly list: RowIssue[] = [];
  row = 0;

  /** Records one issue for the current row. */
  add(column: string, value: string, reason: string, code: RowIssue['code']): void {
    this.list.push({ row: this.row, column, value, reason, code });
  }
}

const DATE_HINT: Record<DateFormat, string> = {
  ymd: 'expected a date such as 2024-03-31',
  dmy: 'expected a day-first date such as 31/03/2024',
  mdy: 'expected a month-first date such as 03/31/2024',
  excel: 'expected an Excel date number or an ISO date',
};

// Exports repeat the same few dates on every row (a million rows may hold a hundred dates), so
// parsed dates are memoised; the cache is small and cleared when it grows.
const dateCache = new Map<string, DayNumber | null | undefined>();

function parseDateCached(raw: string, format: DateFormat): DayNumber | null | undefined {
  const key = format + raw;
  const hit = dateCache.get(key);
  if (hit !== undefined || dateCache.has(key)) return hit;
  const day = parseDate(raw, format);
  if (dateCache.size >= 4096) dateCache.clear();
  dateCache.set(key, day);
  return day;
}

/** A required date: the day, or undefined after recording why not. */
export function readDate(
  raw: string,
  format: DateFormat,
  column: string,
  today: DayNumber | null,
  issues: RowIssues,
): DayNumber | undefined {
  const day = parseDateCached(raw, format);
  if (day === null) {
    issues.add(column, raw, 'the date is empty', 'missing-value');
    return undefined;
  }
  if (day === undefined) {
    issues.add(column, raw, `not a date: ${DATE_HINT[format]}`, 'not-a-date');
    return undefined;
  }
  if (today !== null && day > today) {
    issues.add(column, raw, 'the date is in the future', 'future-date');
    return undefined;
  }
  return day;
}

/** An optional date (empty → null). */
export function readOptionalDate(
  raw: string,
  format: DateFormat,
  column: string,
  issues: RowIssues,
): DayNumber | null | undefined {
  if (raw.trim() === '') return null;
  return readDate(raw, format, column, null, issues);
}

/** An optional number (empty → null); booleans read as 1/0 when `booleans` is set. */
export function readNumber(
  raw: string,
  decimal: DecimalSeparator,
  column: string,
  issues: RowIssues,
  booleans = false,
): number | null | undefined {
  const v = parseNumber(raw, decimal);
  if (v !== undefined) return v;
  if (booleans) {
    const b = parseBoolean(raw);
    if (b !== undefined && b !== null) return b ? 1 : 0;
  }
  const hint = decimal === ',' ? ' (decimal comma expected)' : '';
  issues.add(column, raw, `not a number${hint}`, 'not-a-number');
  return undefined;
}

/** An optional boolean (empty → null). */
export function readBoolean(
  raw: string,
  column: string,
  issues: RowIssues,
): boolean | null | undefined {
  const b = parseBoolean(raw);
  if (b === undefined)
    issues.add(column, raw, 'expected true/false, yes/no, y/n or 1/0', 'not-a-boolean');
  return b;
}

/** An optional text (trimmed; empty → null). */
export function readText(raw: string): string | null {
  const s = raw.trim();
  return s === '' ? null : s;
}

/** An attribute value of the declared type. */
export function readAttribute(
  raw: string,
  type: 'text' | 'number' | 'boolean',
  decimal: DecimalSeparator,
  column: string,
  issues: RowIssues,
): AttributeValue | undefined {
  if (type === 'number') return readNumber(raw, decimal, column, issues);
  if (type === 'boolean') return readBoolean(raw, column, issues);
  return readText(raw);
}
