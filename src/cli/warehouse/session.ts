// One connection to a SQL engine, DuckDB embedded or a PostgreSQL server, behind the same small
// interface: run a statement, read rows as plain values (numbers, text, booleans, ISO dates,
// null), bulk-insert rows, close. The warehouse commands never see a driver type.
import { DuckDBDateValue, DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DialectName } from '../../lib/warehouse/dialect';

/** A value read back from SQL: dates come back as ISO `YYYY-MM-DD` text. */
export type SqlValue = number | string | boolean | null;

/** A column of a table to create and fill. */
export interface ColumnDef {
  name: string;
  type: 'text' | 'double' | 'integer' | 'date' | 'boolean';
}

/** An open connection. */
export interface SqlSession {
  dialect: DialectName;
  /** Runs SQL and returns its rows (for statements without rows, an empty list). */
  query(sql: string): Promise<Record<string, SqlValue>[]>;
  /**
   * Creates a temporary table and fills it. Date cells are day numbers; every other cell is
   * its JavaScript value (null = NULL).
   */
  createTable(name: string, columns: ColumnDef[], rows: SqlValue[][]): Promise<void>;
  close(): Promise<void>;
}

const MS_PER_DAY = 86_400_000;
const isoOf = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

function plainDuck(v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof DuckDBDateValue) return isoOf(v.days);
  // DECIMAL and other exotic values: their text, parsed when numeric.
  const text = String(v);
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

const DUCK_TYPES: Record<ColumnDef['type'], string> = {
  text: 'VARCHAR',
  double: 'DOUBLE',
  integer: 'INTEGER',
  date: 'DATE',
  boolean: 'BOOLEAN',
};

/** Opens DuckDB in memory, or a database file (read-only unless `writable`). */
export async function openDuckDb(path = ':memory:', writable = false): Promise<SqlSession> {
  // A temporary folder lets DuckDB spill joins and sorts to disk instead of failing when a
  // query outgrows memory (an in-memory database has none by default).
  const options: Record<string, string> = {
    temp_directory: join(tmpdir(), 'canary-duckdb'),
    ...(path !== ':memory:' && !writable ? { access_mode: 'READ_ONLY' } : {}),
  };
  const instance = await DuckDBInstance.create(path, options);
  const conn: DuckDBConnection = await instance.connect();
  return {
    dialect: 'duckdb',
    async query(sql) {
      const reader = await conn.runAndReadAll(sql);
      const names = reader.columnNames();
      return reader.getRows().map((row) => {
        const out: Record<string, SqlValue> = {};
        row.forEach((v, i) => (out[names[i]] = plainDuck(v)));
        return out;
      });
    },
    async createTable(name, columns, rows) {
      const defs = columns.map((c) => `"${c.name.replace(/"/g, '""')}" ${DUCK_TYPES[c.type]}`);
      await conn.run(`CREATE OR REPLACE TEMP TABLE "${name}" (${defs.join(', ')})`);
      const appender = await conn.createAppender(name, 'main', 'temp');
      for (const row of rows) {
        row.forEach((v, i) => {
          if (v === null) return appender.appendNull();
          switch (columns[i].type) {
            case 'text':
              return appender.appendVarchar(String(v));
            case 'double':
              return appender.appendDouble(v as number);
            case 'integer':
              return appender.appendInteger(v as number);
            case 'date':
              return appender.appendDate(new DuckDBDateValue(v as number));
            case 'boolean':
              return appender.appendBoolean(v as boolean);
          }
        });
        appender.endRow();
      }
      appender.closeSync();
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

const PG_TYPES: Record<ColumnDef['type'], string> = {
  text: 'TEXT',
  double: 'DOUBLE PRECISION',
  integer: 'INTEGER',
  date: 'DATE',
  boolean: 'BOOLEAN',
};

const PG_DATE = 1082;
const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/** Connects to a PostgreSQL server. */
export async function openPostgres(url: string): Promise<SqlSession> {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === PG_DATE) return (v: string) => v;
      if (oid === PG_INT8 || oid === PG_NUMERIC) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format);
    },
  };
  const client = new pg.Client({ connectionString: url, types: types as pg.CustomTypesConfig });
  await client.connect();
  // Shortest round-trip text for doubles (the default since PostgreSQL 12, set for older servers).
  await client.query('SET extra_float_digits = 3');
  return {
    dialect: 'postgres',
    async query(sql) {
      const result = await client.query(sql);
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return (last.rows ?? []) as Record<string, SqlValue>[];
    },
    async createTable(name, columns, rows) {
      const defs = columns.map((c) => `"${c.name.replace(/"/g, '""')}" ${PG_TYPES[c.type]}`);
      await client.query(`DROP TABLE IF EXISTS pg_temp."${name}"`);
      await client.query(`CREATE TEMP TABLE "${name}" (${defs.join(', ')})`);
      const arrays = columns.map((c, i) =>
        rows.map((r) => (r[i] === null ? null : c.type === 'date' ? isoOf(r[i] as number) : r[i])),
      );
      const params = columns.map((c, i) => `$${i + 1}::${PG_TYPES[c.type]}[]`).join(', ');
      const batch = 50_000;
      for (let start = 0; start < rows.length; start += batch) {
        await client.query(
          `INSERT INTO "${name}" SELECT * FROM unnest(${params})`,
          arrays.map((a) => a.slice(start, start + batch)),
        );
      }
    },
    async close() {
      await client.end();
    },
  };
}
