// The canonical CSV files of PRODUCT.md ("Data"): read a set of files into a Book, or write a
// Book out. Pure functions over file text, so the app, the worker and the CLI share them.
import type { Book } from '../engine/types';
import { readAccounts } from './canonical-accounts';
import type { CanonicalReadOptions } from './canonical-cells';
import { CanonicalInputError, parseCsv, type CanonicalError } from './canonical-csv';
import { readOutcomes, readOverrides, readPulses } from './canonical-events';
import { readSignals } from './canonical-signals';
import type { CanonicalFile } from './canonical-write';

export { formatCsv, rowPhrase } from './canonical-csv';
export type { CanonicalError, CsvCell } from './canonical-csv';
export type { CanonicalReadOptions } from './canonical-cells';
export { writeCanonicalBook } from './canonical-write';
export type { CanonicalFile } from './canonical-write';

/** The canonical file names (.tsv and .txt are read as .csv); only accounts.csv is required. */
export const CANONICAL_FILES = [
  'accounts.csv',
  'signals.csv',
  'outcomes.csv',
  'pulses.csv',
  'overrides.csv',
] as const;

/** The result of reading canonical files: a book, or the first problem found. */
export type ReadCanonicalResult = { ok: true; book: Book } | { ok: false; error: CanonicalError };

/**
 * The canonical name a file stands for: its base name, case-insensitive, with .tsv and .txt
 * read as .csv (Excel saves "Unicode text" as .txt).
 */
export function canonicalName(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1]
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/\.(tsv|txt)$/, '.csv');
}

/**
 * Reads canonical CSV files (matched by file name, case-insensitively) into a book; never
 * throws on bad input. `text` is decoded text: the CLI decodes bytes with the Import page's
 * decodeTextFile, and every file is parsed with its reader (any delimiter and line end).
 */
export function readCanonicalBook(
  files: readonly CanonicalFile[],
  options: CanonicalReadOptions = {},
): ReadCanonicalResult {
  const byName = new Map<string, CanonicalFile>();
  for (const f of files) {
    const key = canonicalName(f.name);
    if (!(CANONICAL_FILES as readonly string[]).includes(key)) continue;
    const other = byName.get(key);
    if (other) {
      const message =
        other.name === f.name
          ? `two files are named ${key}`
          : `${other.name} and ${f.name} are both ${key}; keep one`;
      return { ok: false, error: { file: f.name, row: 0, column: '', message } };
    }
    byName.set(key, f);
  }
  const accountsFile = byName.get('accounts.csv');
  if (!accountsFile) {
    return {
      ok: false,
      error: {
        file: 'accounts.csv',
        row: 0,
        column: '',
        message: 'accounts.csv is missing; it is the one required file',
      },
    };
  }
  try {
    const table = (name: string) => {
      const f = byName.get(name);
      return f ? parseCsv(f.name, f.text, options) : null;
    };
    const accounts = readAccounts(table('accounts.csv')!);
    const ids = new Set(accounts.map((a) => a.id));
    const signals = table('signals.csv');
    const outcomes = table('outcomes.csv');
    const pulses = table('pulses.csv');
    const overrides = table('overrides.csv');
    return {
      ok: true,
      book: {
        accounts,
        series: signals ? readSignals(signals, ids) : [],
        outcomes: outcomes ? readOutcomes(outcomes, ids) : [],
        pulses: pulses ? readPulses(pulses, ids) : [],
        overrides: overrides ? readOverrides(overrides, ids) : [],
      },
    };
  } catch (e) {
    if (e instanceof CanonicalInputError) return { ok: false, error: e.detail };
    throw e;
  }
}

/** One line naming the file, column and (inside the message) row of a canonical-file problem. */
export function formatCanonicalError(e: CanonicalError): string {
  return `${e.file}${e.column ? `, column "${e.column}"` : ''}: ${e.message}`;
}
