// Reads and writes a folder of canonical CSV files for the commands, turning file-system and
// format problems into one InputError message naming the file, row and column.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Book } from '../lib/engine/types';
import {
  CANONICAL_FILES,
  formatCanonicalError,
  readCanonicalBook,
  type CanonicalFile,
} from '../lib/import/canonical';
import { InputError } from './command';

/** Reads a file as UTF-8 text, or fails with a message naming it. */
export function readTextFile(path: string): string {
  if (!existsSync(path) || !statSync(path).isFile()) throw new InputError(`${path}: no such file`);
  return readFileSync(path, 'utf8');
}

/** Reads the canonical CSVs in a folder into a book. */
export function readBookDir(dir: string): Book {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError(`${dir}: no such folder`);
  }
  const wanted = new Set<string>(CANONICAL_FILES);
  const files: CanonicalFile[] = readdirSync(dir)
    .filter((name) => wanted.has(name.toLowerCase()))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  const result = readCanonicalBook(files);
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
