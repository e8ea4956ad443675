// Reads signals.csv or signals.parquet with DuckDB itself (the file that grows to hundreds of
// millions of rows never passes through Node) into the `signals` table, checking every rule
// the canonical reader checks. When a check fails, the canonical reader is run on the file to
// name the row and column exactly as `score` would.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import Papa from 'papaparse';
import { formatCanonicalError, readCanonicalBook } from '../../lib/import/canonical';
import { InputError } from '../command';
import type { SqlSession } from './session';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const id = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** JavaScript's String.prototype.trim: its whitespace and line terminators. */
const JS_SPACE = String.raw`[\t\n\x{0b}\f\r\x{feff}\x{2028}\x{2029}\p{Zs}]`;
const trim = (x: string) =>
  `NULLIF(regexp_replace(${x}, '^${JS_SPACE}+|${JS_SPACE}+$', '', 'g'), '')`;
/** The canonical writer's formula guard: a leading apostrophe before = + - @ tab or CR is dropped. */
const unguard = (x: string) =>
  `CASE WHEN length(${x}) > 1 AND substr(${x}, 1, 1) = '''' AND regexp_matches(substr(${x}, 2, 1), '^[=+\\-@\\t\\r]') THEN substr(${x}, 2) ELSE ${x} END`;
const NUMBER = String.raw`[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?`;
const ISO = String.raw`\d{4}-\d{2}-\d{2}`;

/** The header cells of a CSV file (its first record), trimmed and NFC-normalised. */
function csvHeader(path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    const n = readSync(fd, buf, 0, buf.length, 0);
    let text = buf.subarray(0, n).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const parsed = Papa.parse<string[]>(text, { delimiter: ',', preview: 1 });
    return (parsed.data[0] ?? []).map((h) => h.normalize('NFC').trim());
  } finally {
    closeSync(fd);
  }
}

/** The canonical reader's verdict on a signals.csv (with the accounts it must name). */
function canonicalError(path: string, accountsText: string): string | null {
  const result = readCanonicalBook([
    { name: 'accounts.csv', text: accountsText },
    { name: path, text: readFileSync(path, 'utf8') },
  ]);
  return result.ok ? null : formatCanonicalError({ ...result.error, file: path });
}

/**
 * Loads signals.csv into `signals(account_id, date, metric, value)`: long or wide form,
 * cells trimmed, empty values kept as NULL until the duplicate check has seen them.
 */
export async function loadSignalsCsv(
  session: SqlSession,
  path: string,
  accountsText: string,
): Promise<void> {
  const header = csvHeader(path);
  const lower = header.map((h) => h.toLowerCase());
  const fail = (why: string): never => {
    throw new InputError(canonicalError(path, accountsText) ?? `${path}: ${why}`);
  };
  if (header.length === 0 || new Set(lower).size !== lower.length || lower.includes('')) {
    fail('the header has empty or repeated column names');
  }
  const col = (name: string) => header[lower.indexOf(name)];
  if (!lower.includes('account_id') || !lower.includes('date'))
    fail('account_id or date is missing');
  const long = lower.includes('metric') || lower.includes('value');
  if (long && (!lower.includes('metric') || !lower.includes('value')))
    fail('metric or value is missing');
  const columns = header.map((h, i) => `${q(`c${i}`)}: 'VARCHAR'`).join(', ');
  const c = (name: string) => `c${header.indexOf(name)}`;
  const raw = `read_csv(${q(path)}, delim=',', quote='"', escape='"', header=true, auto_detect=false, columns={${columns}})`;
  const base = `${unguard(trim(c(col('account_id'))))} AS account_id, ${trim(c(col('date')))} AS date_text`;
  const parts = long
    ? [
        `SELECT ${base}, ${unguard(trim(c(col('metric'))))} AS metric, ${trim(c(col('value')))} AS value_text FROM raw`,
      ]
    : header
        .filter((h) => !['account_id', 'date'].includes(h.toLowerCase()))
        .map((h) => `SELECT ${base}, ${q(h)} AS metric, ${trim(c(h))} AS value_text FROM raw`);
  if (parts.length === 0)
    fail('needs metric and value columns (long form) or metric columns (wide form)');
  try {
    await session.query(
      `CREATE OR REPLACE TEMP TABLE signals_text AS WITH raw AS (SELECT * FROM ${raw}) ${parts.join(' UNION ALL ')}`,
    );
  } catch (e) {
    fail(`DuckDB could not read it: ${(e as Error).message.split('\n')[0]}`);
  }
  const [check] = await session.query(`SELECT
    bool_or(account_id IS NULL) AS empty_id,
    bool_or(account_id IS NOT NULL AND account_id NOT IN (SELECT account_id FROM accounts)) AS unknown_id,
    bool_or(date_text IS NULL OR NOT regexp_full_match(date_text, ${q(ISO)}) OR try_cast(date_text AS DATE) IS NULL OR substr(date_text, 1, 2) = '00') AS bad_date,
    bool_or(metric IS NULL) AS empty_metric,
    bool_or(value_text IS NOT NULL AND NOT regexp_full_match(value_text, ${q(NUMBER)})) AS bad_value
    FROM signals_text`);
  const problem = Object.entries(check ?? {}).find(([, v]) => v === true)?.[0];
  if (problem) fail(`a row fails the check "${problem}"`);
  const dupByDay = await session.query(
    `SELECT 1 FROM signals_text GROUP BY account_id, metric, CAST(date_text AS DATE) HAVING count(*) > 1 LIMIT 1`,
  );
  if (dupByDay.length > 0) fail('an account, date and metric appear twice');
  await session.query(
    `CREATE OR REPLACE TEMP TABLE signals AS SELECT account_id, CAST(date_text AS DATE) AS date, metric, CAST(value_text AS DOUBLE) AS value FROM signals_text WHERE value_text IS NOT NULL`,
  );
  await session.query('DROP TABLE signals_text');
}

/**
 * Puts signals.parquet behind the `signals` view: columns account_id, date, metric, value
 * (any names' case; date a DATE, a timestamp or ISO text; value numeric). Rows with a missing
 * key, an account not in accounts.csv or a repeated (account, date, metric) are refused with
 * the record's position in the file.
 */
export async function loadSignalsParquet(session: SqlSession, path: string): Promise<void> {
  const src = `read_parquet(${q(path)}, file_row_number = true)`;
  const cols = (await session.query(`DESCRIBE SELECT * FROM ${src}`)).map((r) =>
    String(r.column_name),
  );
  const find = (name: string) => {
    const c = cols.find((x) => x.toLowerCase() === name);
    if (!c)
      throw new InputError(`${path}: column "${name}" is missing (it has ${cols.join(', ')})`);
    return id(c);
  };
  const [a, d, m, v] = ['account_id', 'date', 'metric', 'value'].map(find);
  await session.query(
    `CREATE OR REPLACE TEMP VIEW signals_src AS SELECT file_row_number + 1 AS record, CAST(${a} AS VARCHAR) AS account_id, ${d} AS date_raw, CAST(${m} AS VARCHAR) AS metric, ${v} AS value_raw FROM ${src}`,
  );
  const checks: [string, string, string][] = [
    ['account_id', 'account_id IS NULL', 'account_id is empty'],
    ['date', 'date_raw IS NULL', 'date is empty'],
    ['date', 'date_raw IS NOT NULL AND try_cast(date_raw AS DATE) IS NULL', 'date is not a date'],
    ['metric', 'metric IS NULL', 'metric is empty'],
    [
      'value',
      'value_raw IS NOT NULL AND try_cast(value_raw AS DOUBLE) IS NULL',
      'value is not a number',
    ],
    [
      'account_id',
      'account_id NOT IN (SELECT account_id FROM accounts)',
      'the account is not in accounts.csv',
    ],
  ];
  const [found] = await session.query(
    `SELECT ${checks.map(([, cond], i) => `min(record) FILTER (WHERE ${cond}) AS c${i}`).join(', ')} FROM signals_src`,
  );
  checks.forEach(([column, , message], i) => {
    const record = found?.[`c${i}`];
    if (record !== null && record !== undefined) {
      throw new InputError(
        `${path}, column "${column}": ${message} (record ${record} of the file)`,
      );
    }
  });
  const [dup] = await session.query(
    `SELECT account_id, metric, CAST(CAST(date_raw AS DATE) AS VARCHAR) AS day, min(record) AS first, max(record) AS last FROM signals_src GROUP BY account_id, metric, CAST(date_raw AS DATE) HAVING count(*) > 1 ORDER BY last LIMIT 1`,
  );
  if (dup) {
    throw new InputError(
      `${path}, column "date": duplicate observation: account "${dup.account_id}", metric "${dup.metric}" on ${dup.day} (records ${dup.first} and ${dup.last} of the file)`,
    );
  }
  await session.query(
    `CREATE OR REPLACE TEMP VIEW signals AS SELECT account_id, CAST(date_raw AS DATE) AS date, metric, CAST(value_raw AS DOUBLE) AS value FROM signals_src`,
  );
}
