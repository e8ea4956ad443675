// Numbers as exports write them: thousands separators, decimal commas, currency symbols,
// percentages, negatives in parentheses, scientific notation. The decimal separator is decided
// per column (detectDecimalSeparator) and never guessed from a lone "1,234".

/** The decimal separator of a column. */
export type DecimalSeparator = '.' | ',';

const CODES = 'USD|EUR|GBP|JPY|CHF|CAD|AUD|NZD|INR|CNY|SEK|NOK|DKK|PLN|BRL|MXN|ZAR|SGD|HKD';
const SYMBOLS = '[$€£¥₹₩₽₺₪¢]|(?:US|CA|AU|NZ|HK|S|R)\\$|kr|zł|CHF';
const CURRENCY = new RegExp(
  `^(?:${SYMBOLS}|(?:${CODES})\\s?)|(?:\\s?(?:${SYMBOLS})|\\s(?:${CODES}))$`,
  'i',
);
const GROUP_SPACES = /[\s\u00a0\u202f']/g;
const SCIENTIFIC = /^\d+(?:\.\d+)?e[+-]?\d+$/i;

const PLAIN = /^-?\d+(?:\.\d+)?$/;

/** Strips sign, parentheses, currency and percent; returns the bare digits part and flags. */
function unwrap(raw: string): { body: string; negative: boolean; percent: boolean } | null {
  let s = raw.trim().replace(/\u2212/g, '-');
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-')) {
    if (negative) return null;
    negative = true;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  for (let k = 0; k < 2; k++) s = s.replace(CURRENCY, '').trim();
  // A sign after the currency symbol: "$-5", "€ -5".
  if (!negative && s.startsWith('-')) {
    negative = true;
    s = s.slice(1).trim();
  }
  if (s === '') return null;
  return { body: s, negative, percent };
}

function groupedInteger(part: string, group: string): string | null {
  if (/^\d+$/.test(part)) return part;
  const re = group === '.' ? /^\d{1,3}(?:\.\d{3})+$/ : /^\d{1,3}(?:,\d{3})+$/;
  return re.test(part) ? part.split(group).join('') : null;
}

/**
 * Reads a number cell with a known decimal separator: the value, null when empty, undefined
 * when it is not a number. Percentages stay in percent units ("12.5%" → 12.5) so a column
 * reads as it looks; "(1,234.50)" → -1234.5.
 */
export function parseNumber(
  raw: string,
  decimal: DecimalSeparator = '.',
): number | null | undefined {
  // Fast path for the plain numbers that fill large files.
  if (decimal === '.' && PLAIN.test(raw)) return Number(raw);
  if (raw.trim() === '') return null;
  const u = unwrap(raw);
  if (!u) return undefined;
  const body = u.body.replace(GROUP_SPACES, '');
  let value: number;
  if (SCIENTIFIC.test(body) && decimal === '.') {
    value = Number(body);
  } else {
    const group = decimal === '.' ? ',' : '.';
    const at = body.lastIndexOf(decimal);
    const intPart = at < 0 ? body : body.slice(0, at);
    const fracPart = at < 0 ? '' : body.slice(at + 1);
    if (at >= 0 && !/^\d+$/.test(fracPart)) return undefined;
    const digits = intPart === '' && at >= 0 ? '0' : groupedInteger(intPart, group);
    if (digits === null) return undefined;
    value = Number(fracPart ? `${digits}.${fracPart}` : digits);
  }
  if (!Number.isFinite(value)) return undefined;
  return u.negative ? -value : value;
}

/** What one cell says about the decimal separator. */
type SeparatorEvidence = 'point' | 'comma' | 'ambiguous' | 'none' | 'invalid';

function evidence(raw: string): SeparatorEvidence {
  const u = unwrap(raw);
  if (!u) return 'invalid';
  const s = u.body.replace(GROUP_SPACES, '');
  if (SCIENTIFIC.test(s)) return 'point';
  const hasComma = s.includes(',');
  const hasPoint = s.includes('.');
  if (!hasComma && !hasPoint) return /^\d+$/.test(s) ? 'none' : 'invalid';
  if (hasComma && hasPoint) return s.lastIndexOf('.') > s.lastIndexOf(',') ? 'point' : 'comma';
  const sep = hasComma ? ',' : '.';
  const parts = s.split(sep);
  if (parts.some((p) => !/^\d*$/.test(p))) return 'invalid';
  if (parts.length > 2) return sep === ',' ? 'point' : 'comma'; // 1,234,567 / 1.234.567
  const [int, frac] = parts;
  // "1,234" is a thousands group or a decimal: only the rest of the column can tell.
  if (frac.length === 3 && int.length >= 1 && int.length <= 3 && int !== '0') return 'ambiguous';
  return sep === '.' ? 'point' : 'comma';
}

/** The decimal separator of a whole column, or why it cannot be decided. */
export type DecimalDetection =
  | { status: 'decided'; decimal: DecimalSeparator }
  | { status: 'ambiguous'; example: string }
  | { status: 'conflict'; pointExample: string; commaExample: string }
  | { status: 'not-numeric'; invalidCount: number; example: string };

/** Gathers decimal-separator evidence value by value, so a column can stream past. */
export class DecimalEvidence {
  #point = '';
  #comma = '';
  #ambiguous = '';
  #invalid = 0;
  #invalidExample = '';

  /** Takes one cell (empty cells say nothing). */
  add(v: string): void {
    if (v.trim() === '') return;
    const e = evidence(v);
    if (e === 'point') this.#point ||= v;
    else if (e === 'comma') this.#comma ||= v;
    else if (e === 'ambiguous') this.#ambiguous ||= v;
    else if (e === 'invalid') {
      this.#invalid++;
      this.#invalidExample ||= v;
    }
  }

  /** The decision over every value added. */
  result(): DecimalDetection {
    if (this.#invalid > 0) {
      return { status: 'not-numeric', invalidCount: this.#invalid, example: this.#invalidExample };
    }
    if (this.#point && this.#comma) {
      return { status: 'conflict', pointExample: this.#point, commaExample: this.#comma };
    }
    if (this.#comma) return { status: 'decided', decimal: ',' };
    if (this.#point) return { status: 'decided', decimal: '.' };
    if (this.#ambiguous) return { status: 'ambiguous', example: this.#ambiguous };
    return { status: 'decided', decimal: '.' };
  }
}

/** Decides a column's decimal separator from all its values (empty cells ignored). */
export function detectDecimalSeparator(values: readonly string[]): DecimalDetection {
  const e = new DecimalEvidence();
  for (const v of values) e.add(v);
  return e.result();
}
