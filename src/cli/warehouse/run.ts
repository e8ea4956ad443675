// The bodies of `warehouse score` and `warehouse backtest`: generate the query for the input's
// tables, run it, and turn the rows into what `score` and `backtest` print.
import { join } from 'node:path';
import type { HorizonReport, Prediction } from '../../lib/engine/backtest';
import type { ModelDocument } from '../../lib/engine/model/schema';
import { isoToDay } from '../../lib/engine/dates';
import type { Book, DayNumber, Outcome, OutcomeKind } from '../../lib/engine/types';
import { backtestFromScores, pointKey } from '../../lib/warehouse/backtest';
import { dialectOf, ident, tableName } from '../../lib/warehouse/dialect';
import { SqlUnsupportedError } from '../../lib/warehouse/plan';
import { backtestQuery, scoreQuery, type GeneratedQuery } from '../../lib/warehouse/query';
import { scoreCsvRows, type ResultRow } from '../../lib/warehouse/results';
import { dayOf } from '../../lib/warehouse/tables';
import { InputError } from '../command';
import { checkOutcomes } from './checks';
import type { WarehouseInput } from './input';

async function run(input: WarehouseInput, sql: string): Promise<ResultRow[]> {
  try {
    return await input.session.query(sql);
  } catch (e) {
    throw new InputError(
      `${input.label}: the SQL engine refused the query: ${(e as Error).message.split('\n')[0]}`,
    );
  }
}

function generate<T>(make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (e instanceof SqlUnsupportedError) throw new InputError(e.message);
    throw e;
  }
}

/** The latest signal, pulse or override day in the tables (what `score` defaults --as-of to). */
async function latestDataDay(input: WarehouseInput): Promise<DayNumber | null> {
  const d = dialectOf(input.session.dialect);
  const t = input.tables;
  const value = `CAST(${ident('value')} AS ${d.double})`;
  const parts = [
    `SELECT max(${dayOf(ident('date'))}) AS day FROM ${tableName(t.signals)} WHERE ${ident('value')} IS NOT NULL AND NOT ${d.isNaN(value)}`,
    ...(t.pulses ? [`SELECT max(${dayOf(ident('date'))}) AS day FROM ${tableName(t.pulses)}`] : []),
    ...(t.overrides
      ? [`SELECT max(${dayOf(ident('date'))}) AS day FROM ${tableName(t.overrides)}`]
      : []),
  ];
  const [row] = await run(input, `SELECT max(day) AS day FROM (${parts.join(' UNION ALL ')}) x`);
  return row?.day === null || row?.day === undefined ? null : Number(row.day);
}

/** `warehouse score`: the score CSV rows (header first) and the day scored. */
export async function warehouseScore(
  input: WarehouseInput,
  model: ModelDocument,
  asOfOption: DayNumber | null,
  orderedSums = true,
): Promise<{ rows: (string | number | null)[][]; asOf: DayNumber; query: GeneratedQuery }> {
  const asOf = asOfOption ?? (await latestDataDay(input));
  if (asOf === null)
    throw new InputError(`${input.label}: no dated signals, pulses or overrides; pass --as-of`);
  const o = {
    dialect: input.session.dialect,
    tables: input.tables,
    attributeTypes: input.attributeTypes,
    orderedSums,
  };
  const query = generate(() => scoreQuery(model, o, asOf));
  const rows = await run(input, query.sql);
  return { rows: scoreCsvRows(model, query, rows), asOf, query };
}

async function outcomesBook(input: WarehouseInput): Promise<Pick<Book, 'accounts' | 'outcomes'>> {
  if (input.book) return input.book;
  await checkOutcomes(input.session, input.tables);
  const d = dialectOf(input.session.dialect);
  const t = input.tables;
  const missing = new Set(t.missingAccountColumns ?? []);
  const accounts = await run(
    input,
    // contract_start: lead-time samples taken in onboarding are skipped, as the engine skips them.
    `SELECT CAST(account_id AS ${d.text}) AS id, ${missing.has('arr') ? 'NULL' : `CAST(arr AS ${d.double})`} AS arr, ${missing.has('contract_start') ? 'NULL' : dayOf(ident('contract_start'))} AS start_day FROM ${tableName(t.accounts)}`,
  );
  const outcomes = await run(
    input,
    `SELECT CAST(account_id AS ${d.text}) AS account_id, CAST(CAST(${ident('date')} AS DATE) AS ${d.text}) AS day, lower(CAST(outcome AS ${d.text})) AS outcome FROM ${tableName(t.outcomes)} ORDER BY 2, 1`,
  );
  return {
    accounts: accounts.map((a) => ({
      id: String(a.id),
      name: String(a.id),
      segment: null,
      arr: a.arr === null ? null : Number(a.arr),
      seats: null,
      contractStart: a.start_day === null ? null : Number(a.start_day),
      renewalDate: null,
      owner: null,
      attributes: {},
    })),
    outcomes: outcomes.map((o): Outcome => ({
      accountId: String(o.account_id),
      day: isoToDay(String(o.day))!,
      outcome: String(o.outcome) as OutcomeKind,
      reason: null,
      avoidable: null,
    })),
  };
}

/** `warehouse backtest`: one horizon's report and predictions, scored in SQL. */
export async function warehouseBacktest(
  input: WarehouseInput,
  model: ModelDocument,
  horizon: number,
  orderedSums = true,
): Promise<{ report: HorizonReport; predictions: Prediction[] }> {
  const book = await outcomesBook(input);
  if (book.outcomes.length === 0) {
    const where = input.book ? join(input.label, 'outcomes.csv') : input.tables.outcomes;
    throw new InputError(`${where}: no outcomes to backtest against`);
  }
  const o = {
    dialect: input.session.dialect,
    tables: input.tables,
    attributeTypes: input.attributeTypes,
    orderedSums,
  };
  const query = generate(() => backtestQuery(model, o, horizon));
  const rows = await run(input, query.sql);
  const scores = new Map<string, number | null>();
  const firstData = new Map<string, DayNumber>();
  for (const r of rows) {
    const id = String(r.account_id);
    scores.set(pointKey(id, isoToDay(String(r.day))!), r.score === null ? null : Number(r.score));
    if (r.first_data_day !== null) firstData.set(id, isoToDay(String(r.first_data_day))!);
  }
  return backtestFromScores(book, model, horizon, scores, firstData);
}
