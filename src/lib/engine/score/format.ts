// Locale-independent number and phrase formatting, so explanations are identical everywhere.
import type { ValueFormat } from '../model/schema';
import type { Band } from '../types';

const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

/** A number with at most `digits` decimals, trailing zeros dropped, thousands separated by commas. */
export function formatNumber(v: number, digits = 1): string {
  const raw = Math.abs(v).toFixed(digits);
  const fixed = raw.includes('.') ? raw.replace(/\.?0+$/, '') : raw;
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = v < 0 && fixed !== '0' ? '-' : '';
  return `${sign}${grouped}${frac ? `.${frac}` : ''}`;
}

/** "1 day" / "21 days". */
export function formatDays(days: number): string {
  const n = Math.round(days);
  return `${formatNumber(n, 0)} ${n === 1 ? 'day' : 'days'}`;
}

/** A window length in words: "a week", "four weeks", "13 weeks", "30 days". */
export function formatWindow(days: number): string {
  if (days % 7 === 0) {
    const weeks = days / 7;
    if (weeks === 1) return 'a week';
    return `${weeks <= 12 ? WORDS[weeks] : String(weeks)} weeks`;
  }
  return formatDays(days);
}

/** Formats a raw measure value for people. */
export function formatValue(v: number, format: ValueFormat): string {
  switch (format) {
    case 'percent':
      return `${formatNumber(v, 0)}%`;
    case 'ratioPercent':
      return `${formatNumber(v * 100, 0)}%`;
    case 'days':
      return formatDays(v);
    case 'currency':
      return formatNumber(v, 0);
    default:
      return formatNumber(v, 1);
  }
}

/** "fell 38%" / "rose 12%" / "held steady" for a signed change. */
export function formatChange(v: number, format: ValueFormat): string {
  const abs = formatValue(Math.abs(v), format);
  if (abs === formatValue(0, format)) return 'held steady';
  return `${v < 0 ? 'fell' : 'rose'} ${format === 'percent' || format === 'ratioPercent' ? '' : 'by '}${abs}`;
}

/** "Red" / "Amber" / "Green". */
export function bandWord(band: Band): string {
  return band[0].toUpperCase() + band.slice(1);
}

/** Upper-cases the first letter. */
export function capitalise(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
