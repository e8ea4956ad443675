// The other ways in: signals.parquet, a DuckDB database file, tables already in PostgreSQL;
// bad input refused with the message `score` gives; `sql` and its dbt model run as printed;
// a model feature SQL cannot hold refused by name.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresForTests, type TestPostgres } from '../../../tests/postgres';
import { DEFAULT_MODEL, type ModelDocument } from '../../lib/engine';
import { isoToDay } from '../../lib/engine/dates';
import { parseCsv } from '../../lib/import/csv-table';
import { prepareImport } from '../../lib/import/prepare';
import { matchPreset } from '../../lib/import/presets';
import { BUILTIN_PRESETS } from '../../lib/import/presets-builtin';
import { planModel, SqlUnsupportedError } from '../../lib/warehouse/plan';
import { COMMANDS } from '../main';
import { runCli } from '../run';
import { openDuckDb, openPostgres } from './session';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, COMMANDS, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  return { code, out, err };
}

let work: string;
let demo: string;
let expected: string;
let pg: TestPostgres | null = null;
const AS_OF = ['--as-of', '2026-11-23'];
const TABLES = ['accounts', 'signals', 'pulses', 'overrides', 'outcomes'];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'canary-wh-inputs-'));
  demo = join(work, 'demo');
  expect((await cli('demo', demo)).code).toBe(0);
  expected = (await cli('score', demo, ...AS_OF)).out;
  pg = await postgresForTests();
}, 120_000);

afterAll(() => {
  pg?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** A DuckDB database file holding the demo book's tables, read from its CSVs by DuckDB. */
async function demoDatabase(): Promise<string> {
  const file = join(work, `demo-${Math.random().toString(36).slice(2)}.duckdb`);
  const db = await openDuckDb(file, true);
  for (const t of TABLES) {
    await db.query(
      `CREATE TABLE ${t} AS SELECT * FROM read_csv('${join(demo, `${t}.csv`)}', header=true)`,
    );
  }
  await db.close();
  return file;
}

describe('DuckDB inputs', () => {
  it('reads signals.parquet directly and scores as score does', async () => {
    const dir = join(work, 'parquet');
    mkdirSync(dir);
    for (const t of ['accounts', 'pulses', 'overrides', 'outcomes'])
      copyFileSync(join(demo, `${t}.csv`), join(dir, `${t}.csv`));
    const db = await openDuckDb();
    await db.query(
      `COPY (SELECT account_id, CAST("date" AS DATE) AS "date", metric, CAST(value AS DOUBLE) AS value FROM read_csv('${join(demo, 'signals.csv')}', header=true, all_varchar=true)) TO '${join(dir, 'signals.parquet')}' (FORMAT parquet)`,
    );
    await db.close();
    const r = await cli('warehouse', 'score', dir, ...AS_OF);
    expect(r.err).toBe('');
    expect(r.out).toBe(expected);
  });

  it('reads the files as score does: Excel "Unicode text" and semicolons with decimal commas', async () => {
    // Excel's Unicode text: UTF-16 LE with a BOM, tabs, CRLF, saved as .txt.
    const unicode = join(work, 'unicode-text');
    mkdirSync(unicode);
    for (const t of ['accounts', 'signals', 'pulses', 'overrides', 'outcomes']) {
      const rows = Papa.parse<string[]>(readFileSync(join(demo, `${t}.csv`), 'utf8'), {
        skipEmptyLines: true,
      }).data;
      const text = Papa.unparse(rows, { delimiter: '\t', newline: '\r\n' }) + '\r\n';
      writeFileSync(
        join(unicode, `${t}.txt`),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      );
    }
    const r = await cli('warehouse', 'score', unicode, ...AS_OF);
    expect(r.err).toBe('');
    expect(r.out).toBe(expected);
    // Plain UTF-8 signals are still read by DuckDB itself, beside accounts in semicolons with
    // decimal commas (read by the Import page's reader).
    const mixed = join(work, 'mixed-dialects');
    mkdirSync(mixed);
    for (const t of ['signals', 'pulses', 'overrides', 'outcomes'])
      copyFileSync(join(demo, `${t}.csv`), join(mixed, `${t}.csv`));
    const accounts = Papa.parse<string[]>(readFileSync(join(demo, 'accounts.csv'), 'utf8'), {
      skipEmptyLines: true,
    }).data;
    const arr = accounts[0].indexOf('arr');
    const european = accounts.map((row, i) =>
      i === 0 ? row : row.map((v, c) => (c === arr && v !== '' ? `${v},5` : v)),
    );
    writeFileSync(
      join(mixed, 'accounts.csv'),
      Papa.unparse(european, { delimiter: ';', newline: '\n' }) + '\n',
    );
    const halves = await cli('warehouse', 'score', mixed, ...AS_OF);
    expect(halves.err).toBe('');
    expect(halves.out).toBe((await cli('score', mixed, ...AS_OF)).out);
  });

  it('names the records of a repeated observation in signals.parquet', async () => {
    const dir = join(work, 'parquet-dup');
    mkdirSync(dir);
    copyFileSync(join(demo, 'accounts.csv'), join(dir, 'accounts.csv'));
    const db = await openDuckDb();
    await db.query(
      `COPY (SELECT * FROM (VALUES ('ACC-0001', DATE '2026-01-05', 'tickets', 1.0), ('ACC-0002', DATE '2026-01-05', 'tickets', 2.0), ('ACC-0001', DATE '2026-01-05', 'tickets', 3.0)) AS t(account_id, "date", metric, value)) TO '${join(dir, 'signals.parquet')}' (FORMAT parquet)`,
    );
    await db.close();
    const r = await cli('warehouse', 'score', dir, ...AS_OF);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `error: ${join(dir, 'signals.parquet')}, column "date": duplicate observation: account "ACC-0001", metric "tickets" on 2026-01-05 (records 1 and 3 of the file)\n`,
    );
  });

  it('reads the tables of a DuckDB database file, and runs the query sql prints', async () => {
    const file = await demoDatabase();
    const r = await cli('warehouse', 'score', file, ...AS_OF);
    expect(r.err).toBe('');
    expect(r.out).toBe(expected);
    const sql = await cli('sql', '--dialect', 'duckdb', ...AS_OF);
    const db = await openDuckDb(file);
    const rows = await db.query(sql.out);
    await db.close();
    const lines = expected.trim().split('\n').slice(1);
    // An empty CSV cell is the query's NULL (a stale or not-scored account has no score or band).
    const cell = (v: unknown) => (v === null ? '' : String(v));
    expect(rows.map((row) => `${row.account_id},${cell(row.score)},${cell(row.band)}`)).toEqual(
      lines.map((l) => l.split(',').slice(0, 3).join(',')),
    );
  });

  it("prints a dbt model that, rendered for a day, gives that day's scores", async () => {
    const file = await demoDatabase();
    const dbt = await cli('sql', '--dbt');
    expect(dbt.code).toBe(0);
    expect(dbt.out.startsWith("{{ config(materialized='table') }}\n")).toBe(true);
    for (const t of ['accounts', 'signals', 'pulses', 'overrides'])
      expect(dbt.out).toContain(`FROM {{ ref('${t}') }}`);
    const asOf =
      /\{% if var\('canary_as_of', none\) is not none %\}(DATE '\{\{ var\('canary_as_of'\) \}\}' - DATE '1970-01-01')\{% else %\}(\(SELECT day FROM scoring_day\))\{% endif %\}/g;
    const body = dbt.out
      .replace("{{ config(materialized='table') }}\n", '')
      .replace(/\{\{ ref\('(\w+)'\) \}\}/g, '"$1"');
    expect(body).toMatch(asOf);
    // Render it as dbt would with --vars '{canary_as_of: 2026-11-23}'.
    const rendered = body.replace(asOf, (_, given: string) =>
      given.replace("{{ var('canary_as_of') }}", '2026-11-23'),
    );
    expect(rendered).not.toMatch(/\{[{%]/);
    // Without the variable it scores the scoring day of CURRENT_DATE, here pinned to a day
    // 404 days after the demo's data ends (the default model's lookback is 365): the book's
    // newest data day, 2026-11-23, as the app would choose it.
    const today = body
      .replace(asOf, (_, _given: string, fallback: string) => fallback)
      .replace(/CURRENT_DATE/g, "DATE '2028-01-01'");
    expect(today).not.toMatch(/\{[{%]/);
    const db = await openDuckDb(file);
    const fromDbt = await db.query(rendered);
    const fromToday = await db.query(today);
    const plain = await db.query((await cli('sql', ...AS_OF)).out);
    await db.close();
    expect(fromDbt).toEqual(plain);
    expect(fromToday).toEqual(plain);
  });
});

describe('bad input is refused as score refuses it (exit 2, file, row and column)', () => {
  const cases: [string, (text: string) => string][] = [
    [
      'a value that is not a number',
      (t) => t.replace(/\n(ACC-0001,[^,]+,active_users,)\d+\n/, '\n$1"1,5"\n'),
    ],
    ['an account not in accounts.csv', (t) => t.replace(/\nACC-0002,/, '\nACC-9999,')],
    [
      'a repeated observation',
      (t) => t.replace(/\n(ACC-0001,2024-12-09,active_users,)\d+\n/, '\n$1150\n$1151\n'),
    ],
    [
      'a date that does not exist',
      (t) => t.replace(/\nACC-0003,\d{4}-\d{2}-\d{2},/, '\nACC-0003,2024-02-30,'),
    ],
  ];
  for (const [what, edit] of cases) {
    it(what, async () => {
      const dir = join(work, `bad-${what.replace(/\W+/g, '-')}`);
      mkdirSync(dir);
      for (const t of ['accounts', 'pulses', 'overrides', 'outcomes'])
        copyFileSync(join(demo, `${t}.csv`), join(dir, `${t}.csv`));
      const text = readFileSync(join(demo, 'signals.csv'), 'utf8');
      const bad = edit(text);
      expect(bad).not.toBe(text);
      writeFileSync(join(dir, 'signals.csv'), bad);
      const score = await cli('score', dir);
      expect(score.code).toBe(2);
      const warehouse = await cli('warehouse', 'score', dir);
      expect(warehouse.code).toBe(2);
      expect(warehouse.err).toBe(score.err);
      expect(warehouse.out).toBe('');
    });
  }
});

describe('PostgreSQL tables', () => {
  it('scores the tables already in a schema of the server', async (ctx) => {
    if (!pg) return ctx.skip();
    const db = await openPostgres(pg.url);
    await db.query('DROP SCHEMA IF EXISTS crm CASCADE; CREATE SCHEMA crm');
    // Columns as a warehouse would type them; the attribute columns as text.
    await db.query(
      `CREATE TABLE crm.accounts (account_id TEXT, name TEXT, segment TEXT, arr NUMERIC(12,2), seats INTEGER, contract_start DATE, renewal_date DATE, owner TEXT, industry TEXT, plan TEXT, region TEXT);
       CREATE TABLE crm.signals (account_id TEXT, "date" DATE, metric TEXT, value DOUBLE PRECISION);
       CREATE TABLE crm.pulses (account_id TEXT, "date" DATE, value INTEGER, reason TEXT);
       CREATE TABLE crm.overrides (account_id TEXT, "date" DATE, band TEXT, reason TEXT, expires DATE);
       CREATE TABLE crm.outcomes (account_id TEXT, "date" DATE, outcome TEXT, reason TEXT, avoidable BOOLEAN)`,
    );
    const local = await openDuckDb();
    for (const t of TABLES) {
      const rows = await local.query(
        `SELECT * FROM read_csv('${join(demo, `${t}.csv`)}', header=true, all_varchar=true)`,
      );
      const cols = Object.keys(rows[0] ?? {});
      if (rows.length === 0) continue;
      const values = rows.map(
        (r) =>
          `(${cols.map((c) => (r[c] === null ? 'NULL' : `'${String(r[c]).replace(/'/g, "''")}'`)).join(', ')})`,
      );
      await db.query(
        `INSERT INTO crm.${t} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')}`,
      );
    }
    await local.close();
    await db.close();
    const names = TABLES.flatMap((t) => [`--${t}`, `crm.${t}`]);
    const r = await cli(
      'warehouse',
      'score',
      '--engine',
      'postgres',
      '--url',
      pg.url,
      ...AS_OF,
      ...names,
    );
    expect(r.err).toBe('');
    expect(r.out).toBe(expected);
    const bt = await cli(
      'warehouse',
      'backtest',
      '--engine',
      'postgres',
      '--url',
      pg.url,
      '--json',
      ...names,
    );
    expect(bt.err).toBe('');
    expect(bt.out).toBe((await cli('backtest', demo, '--json')).out);
  });
});

describe('scores come back into Canary', () => {
  it('the canary-scores preset imports warehouse score output as signals on the scored day', async () => {
    const csv = (await cli('warehouse', 'score', demo, ...AS_OF)).out;
    const table = await parseCsv(csv);
    const preset = matchPreset(table.headers, BUILTIN_PRESETS);
    expect(preset?.id).toBe('canary-scores');
    const day = isoToDay('2026-11-23')!;
    const ids = table.rows.map((r) => r[0]);
    const plan = await prepareImport(
      csv,
      { ...preset!.mapping, snapshotDate: '2026-11-23' },
      { fileName: 'scores.csv', today: day, knownAccountIds: new Set(ids) },
    );
    expect(plan.errors).toEqual([]);
    expect(plan.status).toBe('ready');
    const scores = plan.series.filter((s) => s.metric === 'warehouse_score');
    // One score per scored account; a stale or not-scored row's empty score is no observation.
    const scored = table.rows.filter((r) => r[1] !== '');
    const stale = table.rows.filter((r) => r[1] === '');
    expect(scored.length + stale.length).toBe(150);
    expect(stale.length).toBeGreaterThan(0);
    expect(scores.map((s) => s.accountId).sort()).toEqual(scored.map((r) => r[0]).sort());
    const byId = new Map(table.rows.map((r) => [r[0], Number(r[1])]));
    for (const s of scores) {
      expect([...s.days]).toEqual([day]);
      expect(s.values[0]).toBe(byId.get(s.accountId));
    }
    const first = plan.accounts.find((a) => a.id === ids[0])!;
    expect(first.attributes.warehouse_band).toBe(table.rows[0][2]);
    expect(String(first.attributes.warehouse_explanation)).toBe(table.rows[0][5]);
    const silent = plan.accounts.find((a) => a.id === stale[0][0])!;
    expect(String(silent.attributes.warehouse_explanation)).toMatch(/^Stale: no data since /);
  });
});

describe('what SQL cannot hold is refused by name', () => {
  it('a source kind without a translation', () => {
    const model = structuredClone(DEFAULT_MODEL) as ModelDocument;
    (model.groups[0].measures[0].source as { kind: string }).kind = 'forecast';
    expect(() => planModel(model, new Map())).toThrow(SqlUnsupportedError);
    expect(() => planModel(model, new Map())).toThrow(
      `measure "${model.groups[0].measures[0].id}": source kind "forecast" has no SQL translation`,
    );
  });

  it('a measure id too long for a PostgreSQL column name', async () => {
    const model = structuredClone(DEFAULT_MODEL) as ModelDocument;
    const id = 'a_measure_whose_id_is_far_too_long_for_postgres_column_names';
    // A measure no context or pattern refers to, so the renamed model stays valid.
    const text = JSON.stringify(model);
    const free = model.groups
      .flatMap((g) => g.measures)
      .find((m) => text.split(`"${m.id}"`).length === 2)!;
    free.id = id;
    const file = join(work, 'long-id.json');
    writeFileSync(file, JSON.stringify(model));
    const r = await cli('sql', '--model', file, '--dialect', 'postgres');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `measure "${id}": the column name "m_${id}_value" is longer than PostgreSQL's 63 bytes`,
    );
    expect((await cli('sql', '--model', file, '--dialect', 'duckdb')).code).toBe(0);
  });
});
