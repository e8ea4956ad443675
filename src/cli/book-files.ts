// Reads and writes a folder of canonical CSV files for the commands, turning file-system and
// format problems into one InputError message naming the file, row and column. Files are read
// as the Import page reads them: bytes decoded (UTF-8 ± BOM, UTF-16 LE/BE ± BOM, Windows-1252),
// spreadsheets, zips and binary files refused, then delimiter and line ends sniffed.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Book } from '../lib/engine/types';
import {
  CANONICAL_FILES,
  canonicalName,
  formatCanonicalError,
  readCanonicalBook,
  type CanonicalFile,
  type CanonicalReadOptions,
} from '../lib/import/canonical';
import { ImportFileError } from '../lib/import/errors';
import { openImportFile } from '../lib/import/open-file';
import type { OptionSpec, ParsedArgs } from './args';
import { InputError, UsageError } from './command';

/** The options of every command that reads CSV files: how to read what the values cannot say. */
export const READ_OPTIONS: OptionSpec = {
  decimal: { type: 'string' },
  'date-order': { type: 'string' },
};

/** The usage line of --decimal. */
export const DECIMAL_USAGE = `  --decimal comma|point   the decimal separator of number columns whose values do not
                          settle it (e.g. only "1,250"); other columns are decided from
                          their own values`;

/** The usage lines of READ_OPTIONS. */
export const READ_OPTIONS_USAGE = `${DECIMAL_USAGE}
  --date-order dmy|mdy    the day/month order of date columns whose values do not settle
                          it (e.g. only "01/02/2026")`;

/** The parsed READ_OPTIONS. */
export function readOptions(options: ParsedArgs['options']): CanonicalReadOptions {
  const read: CanonicalReadOptions = {};
  const decimal = options.decimal;
  if (decimal !== undefined) {
    if (decimal !== 'comma' && decimal !== 'point') {
      throw new UsageError(`--decimal must be comma or point, got "${String(decimal)}"`);
    }
    read.decimal = decimal === 'comma' ? ',' : '.';
  }
  const order = options['date-order'];
  if (order !== undefined) {
    if (order !== 'dmy' && order !== 'mdy') {
      throw new UsageError(`--date-order must be dmy or mdy, got "${String(order)}"`);
    }
    read.dateOrder = order;
  }
  return read;
}

/** Reads a file as text the way the Import page does, or fails with a message naming it. */
export function readTextFile(path: string): string {
  if (!existsSync(path) || !statSync(path).isFile()) throw new InputError(`${path}: no such file`);
  const bytes = new Uint8Array(readFileSync(path));
  try {
    const opened = openImportFile(bytes, path);
    if (opened.kind === 'zip') {
      throw new InputError(
        `${path} is a zip file, not CSV text; extract it and use the CSV files inside (${opened.entries.map((e) => e.name).join(', ')})`,
      );
    }
    return opened.decoded.text;
  } catch (e) {
    if (e instanceof ImportFileError) throw new InputError(e.message);
    throw e;
  }
}

/** Reads the canonical CSVs in a folder (accounts.csv, or .tsv/.txt, …) into a book. */
export function readBookDir(dir: string, options: CanonicalReadOptions = {}): Book {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError(`${dir}: no such folder`);
  }
  const wanted = new Set<string>(CANONICAL_FILES);
  const files: CanonicalFile[] = readdirSync(dir)
    .filter((name) => wanted.has(canonicalName(name)))
    .map((name) => ({ name, text: readTextFile(join(dir, name)) }));
  const result = readCanonicalBook(files, options);
  if (!result.ok) {
    const error = { ...result.error, file: join(dir, result.error.file) };
    throw new InputError(formatCanonicalError(error));
  }
  return result.book;
}

/** Writes files into a folder (created when missing) and returns their paths. */
export function writeFiles(dir: string, files: readonly CanonicalFile[]): string[] {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new InputError(`${dir}: exists and is not a folder`);
  }
  mkdirSync(dir, { recursive: true });
  return files.map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, f.text, 'utf8');
    return path;
  });
}
