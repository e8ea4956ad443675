// Low-level CSV handling for the canonical files: parsing text into a header and rows with
// 1-based row numbers (header = row 1), strict cell readers that never coerce silently, and a
// CSV writer that neutralises spreadsheet formula injection.
import Papa from 'papaparse';
import { isoToDay } from '../engine/dates';
import type { DayNumber } from '../engine/types';

/** One problem in a canonical file, pointing at a cell. Row 1 is the header row; row 0 means the file as a whole (missing or duplicated). */
export interface CanonicalError {
  file: string;
  row: number;
  column: string;
  message: string;
}

/** Thrown inside the readers and caught at the top, so each reader stays linear. */
export class CanonicalInputError extends Error {
  constructor(readonly detail: CanonicalError) {
    super(detail.message);
  }
}

/** A parsed CSV: normalised header names and data rows with their 1-based row numbers. */
export interface CsvTable {
  file: string;
  /** Header cells as written (trimmed, NFC). */
  header: string[];
  /** Lower-case normalised header → column index. */
  columns: Map<string, number>;
  rows: string[][];
  /** Row number of each data row (header = 1). */
  rowNumbers: number[];
}

/** Says where a row is, in words, as every error message must. */
export function rowPhrase(row: number): string {
  return `row ${row}, counting the header as row 1`;
}

/** Throws a CanonicalInputError for a cell. */
export function fail(file: string, row: number, column: string, message: string): never {
  throw new CanonicalInputError({ file, row, column, message: `${message} (${rowPhrase(row)})` });
}

/** Header matching: trimmed, Unicode NFC, case-insensitive. */
export function normaliseHeader(h: string): string {
  return h.normalize('NFC').trim().toLowerCase();
}

/** Parses CSV text into a table; blank lines are skipped but still counted in row numbers. */
export function parseCsv(file: string, text: string): CsvTable {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(clean, { delimiter: ',', skipEmptyLines: false });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const row = (quoteError.row ?? 0) + 1;
    fail(file, row, '', `unbalanced quotes: ${quoteError.message}`);
  }
  const data = parsed.data;
  if (data.length === 0 || (data[0].length === 1 && data[0][0].trim() === '')) {
    fail(file, 1, '', 'the file is empty; it needs a header row');
  }
  const header = data[0].map((h) => h.normalize('NFC').trim());
  const columns = new Map<string, number>();
  header.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (key === '') fail(file, 1, `#${i + 1}`, `column ${i + 1} has an empty header`);
    const seen = columns.get(key);
    if (seen !== undefined) {
      fail(file, 1, h, `column "${h}" appears twice (columns ${seen + 1} and ${i + 1})`);
    }
    columns.set(key, i);
  });
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let r = 1; r < data.length; r++) {
    const cells = data[r];
    if (cells.length === 1 && cells[0].trim() === '') continue;
    if (cells.length !== header.length) {
      fail(
        file,
        r + 1,
        '',
        `has ${cells.length} cells but the header has ${header.length} columns`,
      );
    }
    rows.push(cells);
    rowNumbers.push(r + 1);
  }
  return { file, header, columns, rows, rowNumbers };
}

/** The index of a required column; a clear error when the header lacks it. */
export function requireColumn(table: CsvTable, name: string): number {
  const i = table.columns.get(name);
  if (i === undefined) {
    fail(table.file, 1, name, `required column "${name}" is missing from the header`);
  }
  return i;
}

/** A neutralised cell back to its text: our writer's leading apostrophe is removed again. */
export function cellText(raw: string): string {
  return raw.length > 1 && raw[0] === "'" && FORMULA_START.test(raw.slice(1)) ? raw.slice(1) : raw;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** True when a raw cell is a plain decimal number (no thousands separators, units or spaces). */
export function isNumberText(raw: string): boolean {
  return NUMBER.test(raw.trim());
}

/** A number cell: empty = null (missing, never 0); anything not a plain number is an error. */
export function readNumber(t: CsvTable, r: number, col: number): number | null {
  const raw = t.rows[r][col].trim();
  if (raw === '') return null;
  if (!NUMBER.test(raw)) {
    fail(t.file, t.rowNumbers[r], t.header[col], `"${raw}" is not a number`);
  }
  return Number(raw);
}

/** A strict ISO date cell (YYYY-MM-DD); empty = null. */
export function readDate(t: CsvTable, r: number, col: number): DayNumber | null {
  const raw = t.rows[r][col].trim();
  if (raw === '') return null;
  const day = isoToDay(raw);
  if (day === null) {
    fail(t.file, t.rowNumbers[r], t.header[col], `"${raw}" is not an ISO date (YYYY-MM-DD)`);
  }
  return day;
}

/** A text cell, trimmed and unescaped; empty = null. */
export function readText(t: CsvTable, r: number, col: number | undefined): string | null {
  if (col === undefined) return null;
  const raw = cellText(t.rows[r][col].trim());
  return raw === '' ? null : raw;
}

/** A cell that must not be empty. */
export function readRequired(t: CsvTable, r: number, col: number): string {
  const v = readText(t, r, col);
  if (v === null) fail(t.file, t.rowNumbers[r], t.header[col], 'is empty but required');
  return v;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A value our writer can put in a cell. */
export type CsvCell = string | number | boolean | null | undefined;

/** One CSV cell as written by formatCsv (quoted and formula-neutralised as needed). */
export function formatCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // Only text is neutralised: numbers we write (including negative ones) stay numbers.
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Formats rows as CSV (LF line ends); text cells starting with = + - @ tab or CR get a leading apostrophe. */
export function formatCsv(rows: readonly (readonly CsvCell[])[]): string {
  let out = '';
  for (const row of rows) out += row.map(formatCell).join(',') + '\n';
  return out;
}
