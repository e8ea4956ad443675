// Number and date cells of the canonical files, read with the Import page's cell readers
// (numbers.ts, date-values.ts): the decimal separator and the day/month order are decided once
// per column from all its values, as the app decides them. Where no value settles a column the
// CLI cannot ask, so the reader stops at that column and names the option that settles it.
import type { DayNumber } from '../engine/types';
import { fail, type CsvTable } from './canonical-csv';
import { looksLikeDateHeader } from './column-types';
import { DateEvidence, parseDate, type DateFormat } from './date-values';
import { DecimalEvidence, parseNumber, type DecimalSeparator } from './numbers';

/** How columns are read whose values cannot say (the CLI's --decimal and --date-order). */
export interface CanonicalReadOptions {
  /** The decimal separator of number columns whose values do not settle it. */
  decimal?: DecimalSeparator;
  /** The day/month order of numeric date columns whose values do not settle it. */
  dateOrder?: 'dmy' | 'mdy';
}

const DATE_OPTION = 'say which with --date-order dmy (day first) or --date-order mdy (month first)';

/** Cells that are plain integers say nothing about the separator; skipping them keeps big files fast. */
const INTEGER = /^-?\d+$/;

/** The distinct non-empty cells of a column with the row index each first appears on. */
function distinctCells(
  t: CsvTable,
  col: number,
  ignore?: (raw: string) => boolean,
): Map<string, number> {
  const seen = new Map<string, number>();
  for (let r = 0; r < t.rows.length; r++) {
    const raw = t.rows[r][col].trim();
    if (raw === '' || seen.has(raw) || ignore?.(raw)) continue;
    seen.set(raw, r);
  }
  return seen;
}

function rowOf(t: CsvTable, cells: Map<string, number>, raw: string): number {
  return t.rowNumbers[cells.get(raw.trim()) ?? 0];
}

/** What a column's values say: whether all are numbers, and the separator to read them with. */
interface NumberColumn {
  numeric: boolean;
  decimal: DecimalSeparator;
}

function isNumberCell(raw: string): boolean {
  const one = new DecimalEvidence();
  one.add(raw);
  return one.result().status !== 'not-numeric';
}

function decideDecimal(t: CsvTable, col: number, ignore?: (raw: string) => boolean): NumberColumn {
  const cells = distinctCells(t, col, ignore);
  const evidence = new DecimalEvidence();
  let numeric = true;
  for (const raw of cells.keys()) {
    if (INTEGER.test(raw)) continue;
    // Cells that are no number at all fail at their own row (readNumber); the rest decide.
    if (isNumberCell(raw)) evidence.add(raw);
    else numeric = false;
  }
  const d = evidence.result();
  if (d.status === 'decided') return { numeric, decimal: d.decimal };
  if (t.options.decimal || !numeric) return { numeric, decimal: t.options.decimal ?? '.' };
  const column = t.header[col];
  if (d.status === 'ambiguous') {
    fail(
      t.file,
      rowOf(t, cells, d.example),
      column,
      `"${d.example}" reads as ${parseNumber(d.example, '.')} with --decimal point or as ${parseNumber(d.example, ',')} with --decimal comma, and no other value in the column settles which`,
    );
  }
  if (d.status !== 'conflict') throw new Error(`unexpected decimal detection ${d.status}`);
  const pointRow = rowOf(t, cells, d.pointExample);
  const commaRow = rowOf(t, cells, d.commaExample);
  fail(
    t.file,
    Math.max(pointRow, commaRow),
    column,
    `the column has a decimal point ("${d.pointExample}", row ${pointRow}) and a decimal comma ("${d.commaExample}", row ${commaRow}); say which the file uses with --decimal point or --decimal comma`,
  );
}

/** A number column's reading, decided once from all its values (cells `ignore` accepts do not count). */
function numberColumn(t: CsvTable, col: number, ignore?: (raw: string) => boolean): NumberColumn {
  let d = t.decimals.get(col);
  if (d === undefined) t.decimals.set(col, (d = decideDecimal(t, col, ignore)));
  return d;
}

/** True when every filled cell of a column is a number (and one is filled). */
export function isNumberColumn(t: CsvTable, col: number): boolean {
  return t.rows.some((row) => row[col].trim() !== '') && numberColumn(t, col).numeric;
}

/**
 * A number cell as the Import page reads it ("1.234,5", "$1,200", "12.5%", "(300)"): empty =
 * null (missing, never 0); anything else that is not a number is an error at its row.
 */
export function readNumber(
  t: CsvTable,
  r: number,
  col: number,
  ignore?: (raw: string) => boolean,
): number | null {
  const raw = t.rows[r][col].trim();
  if (raw === '') return null;
  const v = parseNumber(raw, numberColumn(t, col, ignore).decimal);
  if (v === undefined || v === null) {
    fail(t.file, t.rowNumbers[r], t.header[col], `"${raw}" is not a number`);
  }
  return v;
}

function decideDateFormat(t: CsvTable, col: number): DateFormat {
  const serialAllowed = looksLikeDateHeader(t.header[col]);
  const cells = distinctCells(t, col);
  const evidence = new DateEvidence(serialAllowed);
  for (const raw of cells.keys()) evidence.add(raw);
  const d = evidence.result();
  const column = t.header[col];
  if (d.status === 'decided') return d.format;
  // A cell that is no date in any order fails at its own row (readDate); mixed serials and
  // written dates fall back to ISO so the serials fail there too.
  if (d.status === 'not-dates') return 'ymd';
  if (t.options.dateOrder) return t.options.dateOrder;
  if (d.status === 'ambiguous') {
    fail(
      t.file,
      rowOf(t, cells, d.examples[0]),
      column,
      `dates such as ${d.examples.map((e) => `"${e}"`).join(', ')} can be day first or month first and no value in the column settles it; ${DATE_OPTION}`,
    );
  }
  const dayRow = rowOf(t, cells, d.dayFirstExample);
  const monthRow = rowOf(t, cells, d.monthFirstExample);
  fail(
    t.file,
    Math.max(dayRow, monthRow),
    column,
    `the column has day-first ("${d.dayFirstExample}", row ${dayRow}) and month-first ("${d.monthFirstExample}", row ${monthRow}) dates; ${DATE_OPTION}`,
  );
}

/**
 * A date cell as the Import page reads it: ISO with or without time and zone (the calendar
 * date as written), month names, day/month orders decided over the column, Excel serials in a
 * date-named column. Empty = null.
 */
export function readDate(t: CsvTable, r: number, col: number): DayNumber | null {
  const raw = t.rows[r][col].trim();
  if (raw === '') return null;
  let format = t.dateFormats.get(col);
  if (format === undefined) t.dateFormats.set(col, (format = decideDateFormat(t, col)));
  const day = parseDate(raw, format);
  if (day === undefined || day === null) {
    fail(
      t.file,
      t.rowNumbers[r],
      t.header[col],
      `"${raw}" is not a date (canonical files write YYYY-MM-DD)`,
    );
  }
  return day;
}
