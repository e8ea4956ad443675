// Tables already in a database (a DuckDB file, a PostgreSQL schema): find their columns and
// the attribute columns' types, and refuse what the engine could never have been given — an
// account id twice or empty, a signal without its keys or twice on one day, an outcome or band
// that is not one of the canonical words — naming the table, column and offending values.
import type { AttributeType } from '../../lib/warehouse/plan';
import type { TableSpec } from '../../lib/warehouse/tables';
import { InputError } from '../command';
import type { SqlSession } from './session';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const id = (s: string) => `"${s.replace(/"/g, '""')}"`;
const table = (name: string) => name.split('.').map(id).join('.');

const KNOWN_ACCOUNT_COLUMNS = [
  'account_id',
  'name',
  'segment',
  'arr',
  'seats',
  'contract_start',
  'renewal_date',
  'owner',
];

async function columnsOf(session: SqlSession, name: string): Promise<Map<string, string> | null> {
  const parts = name.split('.');
  const tableName = parts[parts.length - 1];
  const schema = parts.length > 1 ? parts[parts.length - 2] : null;
  const schemaTest =
    schema !== null
      ? `table_schema = ${q(schema)}`
      : session.dialect === 'postgres'
        ? 'table_schema = ANY (current_schemas(true))'
        : '1 = 1';
  const rows = await session.query(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ${q(tableName)} AND ${schemaTest} ORDER BY ordinal_position`,
  );
  if (rows.length === 0) return null;
  return new Map(rows.map((r) => [String(r.column_name), String(r.data_type).toUpperCase()]));
}

function typeOf(sqlType: string): AttributeType {
  if (sqlType === 'BOOLEAN') return 'boolean';
  return /INT|DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC/.test(sqlType) ? 'number' : 'text';
}

/** The tables' columns: which known accounts columns are missing, and the attribute types. */
export async function describeTables(
  session: SqlSession,
  names: Pick<TableSpec, 'accounts' | 'signals' | 'pulses' | 'overrides' | 'outcomes'>,
): Promise<{ tables: TableSpec; attributeTypes: Map<string, AttributeType> }> {
  const need = async (name: string, required: string[]) => {
    const cols = await columnsOf(session, name);
    if (!cols) throw new InputError(`table ${name}: not found`);
    const lower = new Set([...cols.keys()].map((c) => c.toLowerCase()));
    for (const c of required) {
      if (!lower.has(c)) throw new InputError(`table ${name}: column "${c}" is missing`);
    }
    return cols;
  };
  const accounts = await need(names.accounts, ['account_id']);
  await need(names.signals, ['account_id', 'date', 'metric', 'value']);
  const optional = async (name: string | null, required: string[]) =>
    name !== null && (await columnsOf(session, name)) ? (await need(name, required), name) : null;
  const pulses = await optional(names.pulses, ['account_id', 'date', 'value']);
  const overrides = await optional(names.overrides, [
    'account_id',
    'date',
    'band',
    'reason',
    'expires',
  ]);
  const attributeTypes = new Map<string, AttributeType>();
  for (const [col, type] of accounts) {
    if (!KNOWN_ACCOUNT_COLUMNS.includes(col.toLowerCase())) attributeTypes.set(col, typeOf(type));
  }
  const present = new Set([...accounts.keys()].map((c) => c.toLowerCase()));
  return {
    tables: {
      ...names,
      pulses,
      overrides,
      missingAccountColumns: KNOWN_ACCOUNT_COLUMNS.filter((c) => !present.has(c)),
    },
    attributeTypes,
  };
}

async function refuse(
  session: SqlSession,
  sql: string,
  message: (row: Record<string, unknown>) => string,
) {
  const [row] = await session.query(`${sql} LIMIT 1`);
  if (row) throw new InputError(message(row));
}

/** Refuses data the engine could not hold (see the file comment). */
export async function checkTables(session: SqlSession, t: TableSpec): Promise<void> {
  const acc = table(t.accounts);
  const sig = table(t.signals);
  await refuse(
    session,
    `SELECT 1 FROM ${acc} WHERE account_id IS NULL`,
    () => `table ${t.accounts}, column "account_id": an account_id is empty`,
  );
  await refuse(
    session,
    `SELECT CAST(account_id AS ${session.dialect === 'postgres' ? 'TEXT' : 'VARCHAR'}) AS id FROM ${acc} GROUP BY account_id HAVING count(*) > 1`,
    (r) => `table ${t.accounts}, column "account_id": account_id "${r.id}" is used more than once`,
  );
  for (const c of ['account_id', 'date', 'metric']) {
    await refuse(
      session,
      `SELECT 1 FROM ${sig} WHERE ${id(c)} IS NULL`,
      () => `table ${t.signals}, column "${c}": a row has no ${c}`,
    );
  }
  await refuse(
    session,
    `SELECT account_id, metric, CAST(CAST(${id('date')} AS DATE) AS ${session.dialect === 'postgres' ? 'TEXT' : 'VARCHAR'}) AS day FROM ${sig} GROUP BY account_id, metric, CAST(${id('date')} AS DATE) HAVING count(*) > 1`,
    (r) =>
      `table ${t.signals}, column "date": duplicate observation: account "${r.account_id}", metric "${r.metric}" on ${r.day} appears more than once`,
  );
  if (t.overrides !== null) {
    await refuse(
      session,
      `SELECT band FROM ${table(t.overrides)} WHERE band IS NULL OR lower(band) NOT IN ('red', 'amber', 'green')`,
      (r) => `table ${t.overrides}, column "band": "${r.band}" is not one of red, amber, green`,
    );
  }
}

/** Refuses outcomes the backtest cannot read (run before `warehouse backtest`). */
export async function checkOutcomes(session: SqlSession, t: TableSpec): Promise<void> {
  const cols = await columnsOf(session, t.outcomes);
  if (!cols) throw new InputError(`table ${t.outcomes}: not found (the backtest needs outcomes)`);
  for (const c of ['account_id', 'date', 'outcome']) {
    if (![...cols.keys()].some((k) => k.toLowerCase() === c)) {
      throw new InputError(`table ${t.outcomes}: column "${c}" is missing`);
    }
  }
  await refuse(
    session,
    `SELECT outcome FROM ${table(t.outcomes)} WHERE account_id IS NULL OR ${id('date')} IS NULL OR outcome IS NULL OR lower(outcome) NOT IN ('renewed', 'churned', 'expanded', 'contracted')`,
    (r) =>
      `table ${t.outcomes}, column "outcome": "${r.outcome}" is not one of renewed, churned, expanded, contracted (or a key is empty)`,
  );
}
