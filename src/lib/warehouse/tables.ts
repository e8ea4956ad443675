// The warehouse tables a query reads, and the first CTEs that normalise them: ids as text,
// dates as day numbers (days since 1970-01-01, as the engine counts), values as doubles.
import { dbl, ident, tableName, type Dialect } from './dialect';
import type { AttributeType } from './plan';
import { attributeColumn } from './sources';

/** Which tables (and optional columns) the query reads. */
export interface TableSpec {
  /** `accounts(account_id, name, segment, arr, seats, contract_start, renewal_date, owner, …attributes)`. */
  accounts: string;
  /** `signals(account_id, date, metric, value)`, one row per account, date and metric. */
  signals: string;
  /** `pulses(account_id, date, value)`; null when there is none. */
  pulses: string | null;
  /** `overrides(account_id, date, band, reason, expires)`; null when there is none. */
  overrides: string | null;
  /** `outcomes(account_id, date, outcome)`, for the backtest. */
  outcomes: string;
  /**
   * Columns holding each row's position in its file: the engine breaks ties (two pulses or
   * overrides of one account on one day) by file order, and lists accounts in file order.
   */
  order?: { accounts?: string; pulses?: string; overrides?: string };
  /** Known accounts columns the table lacks (read as NULL). */
  missingAccountColumns?: readonly string[];
}

/** The default table names. */
export const DEFAULT_TABLES: TableSpec = {
  accounts: 'accounts',
  signals: 'signals',
  pulses: 'pulses',
  overrides: 'overrides',
  outcomes: 'outcomes',
};

/** A day number of a date column: days since 1970-01-01. */
export function dayOf(expr: string): string {
  return `(CAST(${expr} AS DATE) - DATE '1970-01-01')`;
}

/** The `acc` CTE body: one row per account with its normalised columns and attributes. */
export function accountsCte(
  d: Dialect,
  t: TableSpec,
  attributes: ReadonlyMap<string, AttributeType>,
): string {
  const missing = new Set(t.missingAccountColumns ?? []);
  const col = (name: string) => (missing.has(name) ? 'NULL' : ident(name));
  const text = (name: string) => `NULLIF(CAST(${col(name)} AS ${d.text}), '')`;
  const id = `CAST(${ident('account_id')} AS ${d.text})`;
  const lines = [
    `${id} AS account_id`,
    `COALESCE(${text('name')}, ${id}) AS account_name`,
    `${dayOf(col('contract_start'))} AS start_day`,
    `${dayOf(col('renewal_date'))} AS renewal_day`,
    `${text('segment')} AS ${attributeColumn('segment')}`,
    `${text('owner')} AS ${attributeColumn('owner')}`,
    `${dbl(d, col('arr'))} AS ${attributeColumn('arr')}`,
    `${dbl(d, col('seats'))} AS ${attributeColumn('seats')}`,
  ];
  for (const [name, type] of attributes) {
    const c = ident(name);
    const expr =
      type === 'number'
        ? dbl(d, c)
        : type === 'boolean'
          ? `CAST(${c} AS BOOLEAN)`
          : `NULLIF(CAST(${c} AS ${d.text}), '')`;
    lines.push(`${expr} AS ${attributeColumn(name)}`);
  }
  const order = t.order?.accounts;
  lines.push(`${order ? ident(order) : 'NULL'} AS account_order`);
  return `SELECT ${lines.join(',\n    ')}\n  FROM ${tableName(t.accounts)}`;
}

/** The `sig` CTE body: observations with a value (missing values are not observations). */
export function signalsCte(d: Dialect, t: TableSpec): string {
  const value = dbl(d, ident('value'));
  return (
    `SELECT CAST(${ident('account_id')} AS ${d.text}) AS account_id, ` +
    `CAST(${ident('metric')} AS ${d.text}) AS metric, ${dayOf(ident('date'))} AS day, ` +
    `${value} AS value\n  FROM ${tableName(t.signals)}\n  WHERE ${ident('value')} IS NOT NULL AND NOT ${d.isNaN(value)}`
  );
}

/** The `pul` CTE body: pulses with a value, and their file order when known. */
export function pulsesCte(d: Dialect, t: TableSpec): string {
  const value = dbl(d, ident('value'));
  const order = t.order?.pulses;
  if (t.pulses === null) {
    return `SELECT CAST(NULL AS ${d.text}) AS account_id, 0 AS day, ${dbl(d, 'NULL')} AS value, 0 AS seq WHERE 1 = 0`;
  }
  return (
    `SELECT CAST(${ident('account_id')} AS ${d.text}) AS account_id, ${dayOf(ident('date'))} AS day, ` +
    `${value} AS value, ${order ? ident(order) : '0'} AS seq\n  FROM ${tableName(t.pulses)}\n` +
    `  WHERE ${ident('value')} IS NOT NULL AND NOT ${d.isNaN(value)}`
  );
}
