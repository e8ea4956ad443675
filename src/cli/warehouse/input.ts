// Where `warehouse score|backtest` finds the data: a folder of canonical files read by DuckDB,
// a DuckDB database file, a folder copied into a PostgreSQL server's temporary tables, or
// tables already in the server. Each way ends in a session, the tables' names and the types
// of the account attribute columns.
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Book } from '../../lib/engine/types';
import {
  canonicalName,
  readCanonicalBook,
  formatCanonicalError,
  CANONICAL_FILES,
  type CanonicalReadOptions,
} from '../../lib/import/canonical';
import { sniffDelimiter } from '../../lib/import/sniff';
import type { AttributeType } from '../../lib/warehouse/plan';
import type { TableSpec } from '../../lib/warehouse/tables';
import { readBookDir, readTextFile } from '../book-files';
import { InputError, UsageError } from '../command';
import { loadBookTables } from './book-tables';
import { describeTables, checkTables } from './checks';
import { openDuckDb, openPostgres, type SqlSession } from './session';
import { loadSignalsCsv, loadSignalsParquet } from './signals-file';

/** The SQL engine to run in. */
export type EngineName = 'duckdb' | 'postgres';

/** Where the data is and how to reach it. */
export interface InputOptions {
  engine: EngineName;
  /** A folder of canonical files, or (DuckDB) a database file; none = tables in the server. */
  path: string | undefined;
  url: string | undefined;
  /** Table names for data already in a database. */
  tableNames: Pick<TableSpec, 'accounts' | 'signals' | 'pulses' | 'overrides' | 'outcomes'>;
  /** How to read number and date columns whose values do not settle it (as `score`). */
  read?: CanonicalReadOptions;
}

/** An opened input, ready for the queries. */
export interface WarehouseInput {
  session: SqlSession;
  tables: TableSpec;
  attributeTypes: Map<string, AttributeType>;
  /** The book's accounts and outcomes when they were read by the canonical readers. */
  book: Book | null;
  /** Where the data came from, for messages. */
  label: string;
}

/** The folder's files by canonical name (`Accounts.TXT` → `accounts.csv`; Parquet kept). */
function filesIn(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const key = name.toLowerCase().endsWith('.parquet') ? name.toLowerCase() : canonicalName(name);
    out.set(key, join(dir, name));
  }
  return out;
}

/**
 * Whether DuckDB's own CSV reader reads the file as `score` would: a `.csv` in UTF-8 (a BOM is
 * fine), comma separated, with LF or CRLF line ends. Anything else — UTF-16 or Windows-1252, tabs
 * or semicolons, lone CRs — is read by the Import page's reader instead (in Node).
 */
function duckDbReadsAsIs(path: string): boolean {
  if (!path.toLowerCase().endsWith('.csv')) return false;
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n);
    if (head.includes(0)) return false;
    // Cut at the last line end so a character split by the buffer's end is not judged.
    const cut = head.lastIndexOf(0x0a);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(
        cut > 0 ? head.subarray(0, cut) : head,
      );
    } catch {
      return false;
    }
    if (/\r(?!\n)/.test(text)) return false;
    return sniffDelimiter(text) === ',';
  } finally {
    closeSync(fd);
  }
}

async function duckDbFolder(dir: string, read: CanonicalReadOptions): Promise<WarehouseInput> {
  const files = filesIn(dir);
  for (const name of ['accounts', 'outcomes', 'pulses', 'overrides']) {
    if (files.has(`${name}.parquet`)) {
      throw new InputError(
        `${files.get(`${name}.parquet`)}: only signals may be a Parquet file; write ${name}.csv (it is read and checked as \`score\` reads it)`,
      );
    }
  }
  const csv = files.get('signals.csv');
  const parquet = files.get('signals.parquet');
  if (csv && parquet)
    throw new InputError(`${dir}: holds both signals.csv and signals.parquet; keep one`);
  if (csv && !duckDbReadsAsIs(csv)) {
    // Not what DuckDB's reader reads as it is: read the whole folder as `score` reads it.
    const book = readBookDir(dir, read);
    const session = await openDuckDb();
    try {
      const { tables, attributeTypes } = await loadBookTables(session, book, true);
      return { session, tables, attributeTypes, book, label: dir };
    } catch (e) {
      await session.close();
      throw e;
    }
  }
  // The small files go through the canonical readers (exactly what `score` accepts and how it
  // types them), decoded and sniffed as the Import page does.
  const small: { name: string; path: string; text: string }[] = [];
  for (const name of CANONICAL_FILES) {
    const path = files.get(name);
    if (name !== 'signals.csv' && path !== undefined)
      small.push({ name, path, text: readTextFile(path) });
  }
  const result = readCanonicalBook(small, read);
  if (!result.ok) {
    const file = small.find((f) => f.name === result.error.file)?.path ?? result.error.file;
    throw new InputError(formatCanonicalError({ ...result.error, file }));
  }
  const session = await openDuckDb();
  try {
    const { tables, attributeTypes } = await loadBookTables(session, result.book, !csv && !parquet);
    if (csv) {
      const accountsText = small.find((f) => f.name === 'accounts.csv')!.text;
      await loadSignalsCsv(session, csv, accountsText);
    } else if (parquet) {
      await loadSignalsParquet(session, parquet);
    }
    return { session, tables, attributeTypes, book: result.book, label: dir };
  } catch (e) {
    await session.close();
    throw e;
  }
}

async function databaseTables(
  session: SqlSession,
  names: InputOptions['tableNames'],
  label: string,
): Promise<WarehouseInput> {
  try {
    const described = await describeTables(session, names);
    await checkTables(session, described.tables);
    return { session, ...described, book: null, label };
  } catch (e) {
    await session.close();
    throw e;
  }
}

/** Opens the input the options name; the caller closes `session`. */
export async function openInput(o: InputOptions): Promise<WarehouseInput> {
  const isDir = o.path !== undefined && existsSync(o.path) && statSync(o.path).isDirectory();
  if (o.path !== undefined && !existsSync(o.path))
    throw new InputError(`${o.path}: no such file or folder`);
  if (o.engine === 'duckdb') {
    if (o.url !== undefined) throw new UsageError('--url is for --engine postgres');
    if (o.path === undefined) throw new UsageError('missing DIR or DBFILE');
    if (isDir) return duckDbFolder(o.path, o.read ?? {});
    let db: SqlSession;
    try {
      db = await openDuckDb(o.path);
    } catch (e) {
      throw new InputError(
        `${o.path}: not a DuckDB database file, nor a folder of canonical files`,
        { cause: e },
      );
    }
    return databaseTables(db, o.tableNames, o.path);
  }
  const url = o.url ?? process.env.CANARY_PG_URL;
  if (!url) throw new UsageError('--engine postgres needs --url postgres://… (or CANARY_PG_URL)');
  if (o.path !== undefined && !isDir) {
    throw new UsageError(
      `${o.path}: with --engine postgres, give a folder of canonical CSVs or none`,
    );
  }
  let session: SqlSession;
  try {
    session = await openPostgres(url);
  } catch (e) {
    throw new InputError(
      `cannot connect to ${url.replace(/:[^:@/]*@/, ':…@')}: ${(e as Error).message}`,
    );
  }
  if (o.path === undefined)
    return databaseTables(session, o.tableNames, url.replace(/:[^:@/]*@/, ':…@'));
  try {
    const book = readBookDir(o.path, o.read ?? {});
    const { tables, attributeTypes } = await loadBookTables(session, book, true);
    return { session, tables, attributeTypes, book, label: o.path };
  } catch (e) {
    await session.close();
    throw e;
  }
}
