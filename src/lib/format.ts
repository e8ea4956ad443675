// Number, money, date and size formatting for humans (en-US, as the canonical files are).
import { dayToIso } from './engine/dates';

// No Intl here: the first Intl formatter (or localeCompare) a page creates loads ICU's locale
// data, a single 35–50 ms block of the main thread (150–200 ms on a throttled phone) right while
// the portfolio first renders. These helpers produce exactly what Intl's en-US formats give
// (format.test.ts checks them against Intl over thousands of values) with string arithmetic.

/** A finite, non-negative number as digits × 10^exp, from JavaScript's shortest round-trip form. */
interface Decimal {
  digits: string;
  exp: number;
}

function toDecimal(abs: number): Decimal {
  const [mantissa, e = '0'] = String(abs).split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  const digits = (whole + fraction).replace(/^0+(?=\d)/, '');
  return { digits, exp: Number(e) - fraction.length };
}

/** Decimal position of the leading digit (0 for 1–9, 3 for 1,000–9,999); 0 for zero. */
function magnitude(d: Decimal): number {
  return /^0*$/.test(d.digits) ? 0 : d.digits.replace(/^0+/, '').length - 1 + d.exp;
}

/** Rounds half away from zero to at most `fractionDigits` decimals (Intl's "halfExpand"). */
function roundDecimal(d: Decimal, fractionDigits: number): Decimal {
  const drop = -fractionDigits - d.exp;
  if (drop <= 0) return d;
  const padded = d.digits.padStart(drop + 1, '0');
  const kept = padded.slice(0, padded.length - drop);
  const up = padded[padded.length - drop] >= '5';
  return { digits: up ? incrementDigits(kept) : kept, exp: -fractionDigits };
}

function incrementDigits(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === '9') chars[i] = '0';
    else {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
  }
  return `1${chars.join('')}`;
}

/**
 * "1,234.5": grouped integer part, the fraction without trailing zeros. Compact notation
 * groups only from five digits on ("1000T", "10,000T"), as ICU does.
 */
function decimalText(d: Decimal, groupFromDigits = 4): string {
  let { digits, exp } = d;
  while (exp < 0 && digits.length > 1 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    exp++;
  }
  if (exp < 0 && digits === '0') exp = 0;
  const text = exp >= 0 ? digits + '0'.repeat(exp) : digits.padStart(1 - exp, '0');
  const point = exp >= 0 ? text.length : text.length + exp;
  const whole = text.slice(0, point).replace(/^0+(?=\d)/, '');
  const fraction = text.slice(point);
  const grouped =
    whole.length < groupFromDigits ? whole : whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

const isNegative = (value: number) => value < 0 || Object.is(value, -0);

/** "1,234.5" with at most `maxFractionDigits` decimals (as Intl en-US); assumes a finite number. */
function plainNumber(value: number, maxFractionDigits: number): string {
  const text = decimalText(roundDecimal(toDecimal(Math.abs(value)), maxFractionDigits));
  return isNegative(value) ? `-${text}` : text;
}

const COMPACT_SUFFIXES = ['', 'K', 'M', 'B', 'T'];

/** "1.2M", "85K", "999.5" (en-US short compact notation, at most one decimal). */
function compactNumber(abs: number): string {
  const d = toDecimal(abs);
  const groupOf = (mag: number) => Math.min(Math.max(0, Math.floor(mag / 3)), 4);
  let group = groupOf(magnitude(d));
  let rounded = roundDecimal({ digits: d.digits, exp: d.exp - 3 * group }, 1);
  // Rounding can carry into the next unit (999,950 → "1000K"): Intl then uses that unit.
  const carried = groupOf(magnitude(rounded) + 3 * group);
  if (carried > group) {
    group = carried;
    rounded = roundDecimal({ digits: d.digits, exp: d.exp - 3 * group }, 1);
  }
  return decimalText(rounded, 5) + COMPACT_SUFFIXES[group];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dayParts(day: number): { year: number; month: string; date: number } {
  const [y, m, d] = dayToIso(day).split('-').map(Number);
  return { year: y, month: MONTHS[m - 1], date: d };
}

/** "12,345.6" with at most `maxFractionDigits` decimals (0 by default). */
export function formatNumber(value: number | null | undefined, maxFractionDigits = 0): string {
  return value == null || !Number.isFinite(value) ? '—' : plainNumber(value, maxFractionDigits);
}

/** "Mar 4" from a day number. */
export function formatMonthDay(day: number): string {
  const p = dayParts(day);
  return `${p.month} ${p.date}`;
}

/** "Mar 26" (month and two-digit year) from a day number. */
export function formatMonthYear(day: number): string {
  const p = dayParts(day);
  return `${p.month} ${String(p.year % 100).padStart(2, '0')}`;
}

const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "March 2026" from a day number. */
export function formatMonthLong(day: number): string {
  const [y, m] = dayToIso(day).split('-').map(Number);
  return `${LONG_MONTHS[m - 1]} ${y}`;
}

/** "$1.2M", "$85K"; an em dash when unknown. */
export function formatMoneyCompact(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '—';
  return `${isNegative(value) ? '-' : ''}$${compactNumber(Math.abs(value))}`;
}

/** "$1,234,567". */
export function formatMoney(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '—';
  return `${isNegative(value) ? '-' : ''}$${plainNumber(Math.abs(value), 0)}`;
}

/** "12,345". */
export function formatInteger(value: number | null | undefined): string {
  return formatNumber(value, 0);
}

/** "83%" from a 0–1 share. */
export function formatShare(share: number | null | undefined, digits = 0): string {
  if (share == null || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

/** "Mar 4, 2026" from a day number. */
export function formatDay(day: number | null | undefined): string {
  if (day == null) return '—';
  const p = dayParts(day);
  return `${p.month} ${p.date}, ${p.year}`;
}

/** "in 24 days", "today", "3 days ago". */
export function formatDaysFrom(day: number | null | undefined, today: number): string {
  if (day == null) return '—';
  const d = day - today;
  if (d === 0) return 'today';
  if (d === 1) return 'tomorrow';
  if (d === -1) return 'yesterday';
  return d > 0 ? `in ${plainNumber(d, 0)} days` : `${plainNumber(-d, 0)} days ago`;
}

/** "+12", "−7", "0" with a real minus sign. */
export function formatSigned(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '—';
  const r = Math.round(value);
  if (r > 0) return `+${r}`;
  if (r < 0) return `−${Math.abs(r)}`;
  return '0';
}

/** "1.4 MB", "512 KB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return '—';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? plainNumber(v, 0) : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
