// The model builder's "Export as SQL": the score query for a dialect as a file, scoring as of
// the scoring day of the warehouse's CURRENT_DATE (for a nightly job: today, or the book's
// newest data day when the data ends a model lookback or more before today, as the app
// chooses it) from the default table names, with the
// attribute column types guessed from the model, as `cli sql` does without --attributes.
import type { ModelDocument } from '../engine/model/schema';
import type { DialectName } from './dialect';
import { inferAttributeType, referencedAttributes, type AttributeType } from './plan';
import { scoreQuery } from './query';
import { DEFAULT_TABLES } from './tables';

/** A downloadable SQL file of a model. */
export function modelSqlFile(
  model: ModelDocument,
  dialect: DialectName,
): { name: string; text: string } {
  const types = new Map<string, AttributeType>();
  for (const name of referencedAttributes(model)) types.set(name, inferAttributeType(model, name));
  const notes = [
    `-- Dialect: ${dialect === 'duckdb' ? 'DuckDB' : 'PostgreSQL'}. As of: CURRENT_DATE (or the newest data day when the data ends a model lookback or more before it). Tables: accounts, signals, pulses, overrides.`,
    ...(types.size
      ? [
          `-- Attribute column types assumed: ${[...types].map(([n, t]) => `${n}=${t}`).join(', ')}.`,
        ]
      : []),
  ];
  const { sql } = scoreQuery(
    model,
    { dialect, tables: DEFAULT_TABLES, attributeTypes: types },
    'current_date',
  );
  return {
    name: `${model.id}-v${model.version}.${dialect}.sql`,
    text: `${notes.join('\n')}\n${sql}`,
  };
}
