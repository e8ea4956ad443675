// A dbt model file around the score query: tables become ref()s, and the day it scores as of
// is the `canary_as_of` variable (`dbt run --vars '{canary_as_of: 2026-06-30}'`) or, without
// it, the warehouse's current date — so the nightly run scores today and any past date can be
// replayed.
import { tableName } from './dialect';
import type { TableSpec } from './tables';

/** The as-of day expression of a dbt model (a day number, as the query counts days). */
export const DBT_AS_OF =
  "{% if var('canary_as_of', none) is not none %}DATE '{{ var('canary_as_of') }}'{% else %}CURRENT_DATE{% endif %} - DATE '1970-01-01'";

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
