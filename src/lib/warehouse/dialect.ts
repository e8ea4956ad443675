// The two SQL dialects the generator writes: DuckDB and PostgreSQL. Everything that differs
// between them (types, literals, "the value on the latest day", NaN tests) lives here, so the
// query builder writes one query for both.

/** A SQL dialect the generator can write. */
export type DialectName = 'duckdb' | 'postgres';

/** The dialect-specific pieces of a query. */
export interface Dialect {
  name: DialectName;
  /** The double-precision type name. */
  double: string;
  /** The text type name. */
  text: string;
  /**
   * An aggregate giving `value` on the latest `day` among the rows passing `filter`
   * (days are unique within one account × metric, so there is never a tie).
   */
  latest(value: string, day: string, filter: string): string;
  /** True when a double expression is NaN. */
  isNaN(expr: string): string;
}

const duckdb: Dialect = {
  name: 'duckdb',
  double: 'DOUBLE',
  text: 'VARCHAR',
  latest: (value, day, filter) => `arg_max(${value}, ${day}) FILTER (WHERE ${filter})`,
  isNaN: (expr) => `isnan(${expr})`,
};

const postgres: Dialect = {
  name: 'postgres',
  double: 'DOUBLE PRECISION',
  text: 'TEXT',
  latest: (value, day, filter) =>
    `(array_agg(${value} ORDER BY ${day} DESC) FILTER (WHERE ${filter}))[1]`,
  isNaN: (expr) => `(${expr} = 'NaN'::DOUBLE PRECISION)`,
};

/** The dialect of a name. */
export function dialectOf(name: DialectName): Dialect {
  return name === 'duckdb' ? duckdb : postgres;
}

/** A double literal that both engines parse to exactly the same double as JavaScript holds. */
export function num(d: Dialect, x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cannot write ${x} as a SQL number`);
  // Both engines parse decimal text correctly rounded; a bare 0.1 would be DECIMAL/NUMERIC.
  return `CAST('${String(x)}' AS ${d.double})`;
}

/** A whole-number literal (day counts, offsets). */
export function int(x: number): string {
  if (!Number.isSafeInteger(x)) throw new Error(`cannot write ${x} as a SQL integer`);
  return String(x);
}

/** A quoted string literal. */
export function str(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A quoted identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A possibly schema-qualified table name (`analytics.accounts`), each part quoted. */
export function tableName(name: string): string {
  return name
    .split('.')
    .map((part) => ident(part))
    .join('.');
}

/** Casts an expression to double precision. */
export function dbl(d: Dialect, expr: string): string {
  return `CAST(${expr} AS ${d.double})`;
}

/** JavaScript's Math.round (halves round up), which neither engine's round() is. */
export function jsRound(expr: string): string {
  return `CASE WHEN ${expr} - floor(${expr}) >= 0.5 THEN ceil(${expr}) ELSE floor(${expr}) END`;
}
