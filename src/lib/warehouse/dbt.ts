// A dbt model file around the score query: tables become ref()s, and the day it scores as of
// is the `canary_as_of` variable (`dbt run --vars '{canary_as_of: 2026-06-30}'`) or, without
// it, the scoring day of the warehouse's current date (today, or the book's newest data day
// when the data ends a model lookback or more before today) — so the nightly run scores today
// and any past date can be replayed.
import { tableName } from './dialect';
import { SCORING_DAY } from './query';
import type { TableSpec } from './tables';

/**
 * The as-of day expression of a dbt model (a day number, as the query counts days); the query
 * is generated with `today: CURRENT_DAY`, so SCORING_DAY is the scoring day of CURRENT_DATE.
 */
export const DBT_AS_OF = `{% if var('canary_as_of', none) is not none %}DATE '{{ var('canary_as_of') }}' - DATE '1970-01-01'{% else %}${SCORING_DAY}{% endif %}`;

/** Wraps a score query written against `tables` as a dbt model file. */
export function dbtModel(sql: string, tables: TableSpec): string {
  let body = sql;
  const names = [tables.accounts, tables.signals, tables.pulses, tables.overrides].filter(
    (t): t is string => t !== null,
  );
  for (const name of names) {
    const ref = `{{ ref('${name.split('.').pop()}') }}`;
    body = body.split(`FROM ${tableName(name)}`).join(`FROM ${ref}`);
  }
  return `{{ config(materialized='table') }}\n${body}`;
}
