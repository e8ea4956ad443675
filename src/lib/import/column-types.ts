// Column type detection over whole columns (id, date, number, category, boolean), with the
// questions a column raises (day/month order, decimal separator) instead of silent guesses.
import { parseBoolean } from './booleans';
import { DateEvidence, type DateFormat } from './date-values';
import { DecimalEvidence, type DecimalSeparator } from './numbers';

/** The detected kind of a column's values. */
export type ColumnType = 'id' | 'date' | 'number' | 'category' | 'boolean' | 'empty';

/** Something only the user can answer about a column. */
export type ColumnQuestion =
  | { kind: 'date-order'; column: string; examples: string[]; message: string }
  | { kind: 'decimal-separator'; column: string; example: string; message: string };

/** What a column holds. */
export interface ColumnProfile {
  name: string;
  index: number;
  type: ColumnType;
  nonEmpty: number;
  distinct: number;
  /** Set for date columns whose format was decided. */
  dateFormat?: DateFormat;
  /** Set for number columns whose decimal separator was decided. */
  decimal?: DecimalSeparator;
  question?: ColumnQuestion;
  /** Up to five distinct non-empty values, for the preview. */
  samples: string[];
}

/** Splits a header into lower-case word tokens (snake, kebab, spaces and camelCase). */
export function headerTokens(header: string): string[] {
  return header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const ID_TOKENS = new Set(['id', 'uuid', 'guid', 'key', 'ids']);
const DATE_TOKENS = new Set([
  'date',
  'time',
  'day',
  'at',
  'created',
  'updated',
  'closed',
  'submitted',
  'timestamp',
  'month',
  'start',
  'end',
  'renewal',
  'fecha',
  'datum',
]);

/** True when a header names an identifier (its last word is id/uuid/guid/key). */
export function looksLikeIdHeader(header: string): boolean {
  const t = headerTokens(header);
  return t.length > 0 && ID_TOKENS.has(t[t.length - 1]);
}

/** True when a header names a date or time. */
export function looksLikeDateHeader(header: string): boolean {
  return headerTokens(header).some((t) => DATE_TOKENS.has(t));
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

// Distinct values are tracked up to this many; beyond it a column is treated as not unique.
const MAX_DISTINCT = 100_000;

/** Profiles one column value by value, so whole columns can be profiled while streaming. */
export class ColumnProfiler {
  #seen = new Set<string>();
  #overflow = false;
  #nonEmpty = 0;
  #allBoolean = true;
  #allCodes = true;
  #dates: DateEvidence;
  #numbers = new DecimalEvidence();

  constructor(
    readonly name: string,
    readonly index: number,
  ) {
    this.#dates = new DateEvidence(looksLikeDateHeader(name));
  }

  /** Takes one cell. */
  add(v: string): void {
    const s = v.trim();
    if (s === '') return;
    this.#nonEmpty++;
    if (!this.#overflow) {
      this.#seen.add(s);
      if (this.#seen.size > MAX_DISTINCT) this.#overflow = true;
    }
    if (this.#allBoolean && parseBoolean(s) === undefined) this.#allBoolean = false;
    if (this.#allCodes && !(CODE.test(s) && /\d/.test(s))) this.#allCodes = false;
    this.#dates.add(s);
    this.#numbers.add(s);
  }

  /** The profile over every value added. */
  profile(): ColumnProfile {
    const { name, index } = this;
    const nonEmpty = this.#nonEmpty;
    const samples = [...this.#seen].slice(0, 5);
    const base = { name, index, nonEmpty, distinct: this.#seen.size, samples };
    if (nonEmpty === 0) return { ...base, type: 'empty' };
    const unique = !this.#overflow && this.#seen.size === nonEmpty;
    const idHeader = looksLikeIdHeader(name);
    if (idHeader && unique) return { ...base, type: 'id' };
    if (this.#allBoolean && !idHeader) return { ...base, type: 'boolean' };
    const date = this.#dates.result();
    if (date.status === 'decided') return { ...base, type: 'date', dateFormat: date.format };
    if (date.status === 'ambiguous') {
      const message =
        `Dates in "${name}" such as ${date.examples.join(', ')} can be read day-first ` +
        '(31/12) or month-first (12/31). Which order does this file use?';
      const question = {
        kind: 'date-order' as const,
        column: name,
        examples: date.examples,
        message,
      };
      return { ...base, type: 'date', question };
    }
    const num = this.#numbers.result();
    if (num.status === 'decided') {
      return { ...base, type: idHeader ? 'id' : 'number', decimal: num.decimal };
    }
    if (num.status === 'ambiguous') {
      const message =
        `Numbers in "${name}" such as ${num.example} can be read with a thousands separator ` +
        `(${num.example.replace(/[.,]/, '')}) or a decimal one. Which is it?`;
      const question = {
        kind: 'decimal-separator' as const,
        column: name,
        example: num.example,
        message,
      };
      return { ...base, type: 'number', question };
    }
    if (idHeader || (unique && this.#allCodes && nonEmpty > 1)) return { ...base, type: 'id' };
    return { ...base, type: 'category' };
  }
}

/** Profiles one column from all its values. */
export function profileColumn(
  name: string,
  index: number,
  values: readonly string[],
): ColumnProfile {
  const p = new ColumnProfiler(name, index);
  for (const v of values) p.add(v);
  return p.profile();
}

/** Profiles every column of a table of rows (whole columns, not a sample). */
export function detectColumnTypes(
  headers: readonly string[],
  rows: readonly string[][],
): ColumnProfile[] {
  const profilers = headers.map((h, c) => new ColumnProfiler(h, c));
  for (const row of rows) for (const p of profilers) p.add(row[p.index] ?? '');
  return profilers.map((p) => p.profile());
}
