// Options shared by `sql` and `warehouse`: table names, the dialect or engine, attribute types.
import type { DialectName } from '../../lib/warehouse/dialect';
import type { AttributeType } from '../../lib/warehouse/plan';
import { DEFAULT_TABLES, type TableSpec } from '../../lib/warehouse/tables';
import type { OptionSpec } from '../args';
import { UsageError } from '../command';

/** The table-name options. */
export const TABLE_OPTIONS: OptionSpec = {
  accounts: { type: 'string' },
  signals: { type: 'string' },
  pulses: { type: 'string' },
  overrides: { type: 'string' },
  outcomes: { type: 'string' },
};

/** Usage lines of the table options. */
export const TABLE_USAGE = `  --accounts T --signals T --outcomes T
                 table names (default accounts, signals, outcomes; schema.table is fine)
  --pulses T|none --overrides T|none
                 pulse and override tables (default pulses, overrides; none = there are none)`;

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/;

function tableOption(value: string | boolean | undefined, name: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !TABLE_NAME.test(value)) {
    throw new UsageError(
      `--${name} must be a table name (letters, digits, _; schema.table allowed), got "${value}"`,
    );
  }
  return value;
}

/** The tables the options name. */
export function tablesOption(
  options: Record<string, string | boolean | undefined>,
): Pick<TableSpec, 'accounts' | 'signals' | 'pulses' | 'overrides' | 'outcomes'> {
  const optional = (name: 'pulses' | 'overrides') =>
    options[name] === 'none' ? null : tableOption(options[name], name, DEFAULT_TABLES[name]!);
  return {
    accounts: tableOption(options.accounts, 'accounts', DEFAULT_TABLES.accounts),
    signals: tableOption(options.signals, 'signals', DEFAULT_TABLES.signals),
    pulses: optional('pulses'),
    overrides: optional('overrides'),
    outcomes: tableOption(options.outcomes, 'outcomes', DEFAULT_TABLES.outcomes),
  };
}

/** `--dialect duckdb|postgres` (or `--engine`). */
export function dialectOption(value: string | boolean | undefined, name: string): DialectName {
  if (value === undefined) return 'duckdb';
  if (value !== 'duckdb' && value !== 'postgres') {
    throw new UsageError(`--${name} must be duckdb or postgres, got "${value}"`);
  }
  return value;
}

/** `--attributes name=number,plan=text,…`: the types of custom attribute columns. */
export function attributeTypesOption(
  value: string | boolean | undefined,
): Map<string, AttributeType> {
  const out = new Map<string, AttributeType>();
  if (value === undefined) return out;
  for (const part of String(value).split(',')) {
    const m = /^\s*([^=]+?)\s*=\s*(number|text|boolean)\s*$/.exec(part);
    if (!m) {
      throw new UsageError(`--attributes must be NAME=number|text|boolean[,…], got "${part}"`);
    }
    out.set(m[1], m[2] as AttributeType);
  }
  return out;
}
