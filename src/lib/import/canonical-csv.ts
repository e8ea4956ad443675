// Low-level CSV handling for the canonical files: parsing decoded text into a header and rows
// with 1-based row numbers (header = row 1) through the Import page's reader, text cells, and a
// CSV writer that neutralises spreadsheet formula injection. Number and date cells are read in
// canonical-cells.ts.
import type { CanonicalReadOptions } from './canonical-cells';
import { readCsvSync, type CsvHeader } from './csv-stream';
import type { DateFormat } from './date-values';
import { normalizeHeader } from './headers';
import type { DecimalSeparator } from './numbers';

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
  /** Normalised header (headers.ts normalizeHeader) → column index. */
  columns: Map<string, number>;
  rows: string[][];
  /** Row number of each data row (header = 1). */
  rowNumbers: number[];
  /** How to read columns whose values cannot say. */
  options: CanonicalReadOptions;
  /** Per-column decisions, made once from the whole column (canonical-cells.ts). */
  decimals: Map<number, { numeric: boolean; decimal: DecimalSeparator }>;
  dateFormats: Map<number, DateFormat>;
}

/** Says where a row is, in words, as every error message must. */
export function rowPhrase(row: number): string {
  return `row ${row}, counting the header as row 1`;
}

/** Throws a CanonicalInputError for a cell. */
export function fail(file: string, row: number, column: string, message: string): never {
  throw new CanonicalInputError({ file, row, column, message: `${message} (${rowPhrase(row)})` });
}

function failHeader(file: string, header: CsvHeader): void {
  // The importer renames duplicate and blank headers; a canonical file must not have them.
  const problems = header.renamed.map((r) =>
    r.original === ''
      ? {
          at: r.columns[0],
          column: `#${r.columns[0] + 1}`,
          message: `column ${r.columns[0] + 1} has an empty header`,
        }
      : {
          at: r.columns[1],
          column: r.original,
          message: `column "${r.original}" appears twice (columns ${r.columns[0] + 1} and ${r.columns[1] + 1})`,
        },
  );
  if (problems.length === 0) return;
  const first = problems.reduce((a, b) => (b.at < a.at ? b : a));
  fail(file, header.rowNumber, first.column, first.message);
}

/**
 * Parses decoded CSV text into a table with the Import page's reader (readCsvSync: delimiter
 * and line ends sniffed, blank lines skipped but counted in row numbers). Stricter than an
 * import: every row must have the header's number of cells, and headers must be unique.
 */
export function parseCsv(file: string, text: string, options: CanonicalReadOptions = {}): CsvTable {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const summary = readCsvSync(
    clean,
    () => {},
    (chunk, numbers) => {
      for (let i = 0; i < chunk.length; i++) {
        rows.push(chunk[i]);
        rowNumbers.push(numbers[i]);
      }
    },
  );
  const quoteError = summary.warnings[0];
  if (quoteError) fail(file, quoteError.row, '', `unbalanced quotes: ${quoteError.message}`);
  if (summary.header === null) fail(file, 1, '', 'the file is empty; it needs a header row');
  const header = summary.header;
  failHeader(file, header);
  const names = header.names;
  const columns = new Map(names.map((h, i) => [normalizeHeader(h), i]));
  for (let r = 0; r < rows.length; r++) {
    if (rows[r].length !== names.length) {
      fail(
        file,
        rowNumbers[r],
        '',
        `has ${rows[r].length} cells but the header has ${names.length} columns`,
      );
    }
  }
  return {
    file,
    header: names,
    columns,
    rows,
    rowNumbers,
    options,
    decimals: new Map(),
    dateFormats: new Map(),
  };
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
