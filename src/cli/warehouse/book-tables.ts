// Copies the parts of a book read by the canonical readers (accounts, pulses, overrides,
// outcomes, and signals when they came through Node) into temporary tables, typed as the
// canonical reader typed them, with each row's file position for the engine's tie-breaks.
import type { Book } from '../../lib/engine/types';
import type { AttributeType } from '../../lib/warehouse/plan';
import type { TableSpec } from '../../lib/warehouse/tables';
import type { ColumnDef, SqlSession, SqlValue } from './session';

/** The column holding a row's position in its file (a name no canonical column can take). */
export const ORDER_COLUMN = '_canary_order';

/** The type of each account attribute column as the canonical reader typed its cells. */
export function attributeTypes(book: Book): Map<string, AttributeType> {
  const types = new Map<string, AttributeType>();
  for (const a of book.accounts) {
    for (const [name, v] of Object.entries(a.attributes)) {
      const seen = types.get(name);
      const t: AttributeType | undefined =
        typeof v === 'string'
          ? 'text'
          : typeof v === 'boolean'
            ? 'boolean'
            : typeof v === 'number'
              ? 'number'
              : undefined;
      if (t === undefined) {
        if (!seen) types.set(name, 'number');
      } else if (!seen || seen === 'number') types.set(name, t);
    }
  }
  return types;
}

/** Creates the temporary accounts, pulses, overrides and outcomes tables of a book. */
export async function loadBookTables(
  session: SqlSession,
  book: Book,
  withSignals: boolean,
): Promise<{ tables: TableSpec; attributeTypes: Map<string, AttributeType> }> {
  const types = attributeTypes(book);
  const attrs = [...types];
  const accountCols: ColumnDef[] = [
    { name: 'account_id', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'segment', type: 'text' },
    { name: 'arr', type: 'double' },
    { name: 'seats', type: 'double' },
    { name: 'contract_start', type: 'date' },
    { name: 'renewal_date', type: 'date' },
    { name: 'owner', type: 'text' },
    ...attrs.map(([name, t]) => ({
      name,
      type: (t === 'number' ? 'double' : t) as ColumnDef['type'],
    })),
    { name: ORDER_COLUMN, type: 'integer' },
  ];
  await session.createTable(
    'accounts',
    accountCols,
    book.accounts.map((a, i) => [
      a.id,
      a.name,
      a.segment,
      a.arr,
      a.seats,
      a.contractStart,
      a.renewalDate,
      a.owner,
      ...attrs.map(([name]) => (a.attributes[name] ?? null) as SqlValue),
      i,
    ]),
  );
  await session.createTable(
    'pulses',
    [
      { name: 'account_id', type: 'text' },
      { name: 'date', type: 'date' },
      { name: 'value', type: 'double' },
      { name: ORDER_COLUMN, type: 'integer' },
    ],
    book.pulses.map((p, i) => [p.accountId, p.day, p.value, i]),
  );
  await session.createTable(
    'overrides',
    [
      { name: 'account_id', type: 'text' },
      { name: 'date', type: 'date' },
      { name: 'band', type: 'text' },
      { name: 'reason', type: 'text' },
      { name: 'expires', type: 'date' },
      { name: ORDER_COLUMN, type: 'integer' },
    ],
    book.overrides.map((o, i) => [o.accountId, o.day, o.band, o.reason, o.expiresDay, i]),
  );
  await session.createTable(
    'outcomes',
    [
      { name: 'account_id', type: 'text' },
      { name: 'date', type: 'date' },
      { name: 'outcome', type: 'text' },
      { name: 'avoidable', type: 'boolean' },
      { name: ORDER_COLUMN, type: 'integer' },
    ],
    book.outcomes.map((o, i) => [o.accountId, o.day, o.outcome, o.avoidable, i]),
  );
  if (withSignals) {
    const rows: SqlValue[][] = [];
    for (const s of book.series) {
      for (let i = 0; i < s.days.length; i++)
        rows.push([s.accountId, s.days[i], s.metric, s.values[i]]);
    }
    await session.createTable(
      'signals',
      [
        { name: 'account_id', type: 'text' },
        { name: 'date', type: 'date' },
        { name: 'metric', type: 'text' },
        { name: 'value', type: 'double' },
      ],
      rows,
    );
  }
  return {
    tables: {
      accounts: 'accounts',
      signals: 'signals',
      pulses: 'pulses',
      overrides: 'overrides',
      outcomes: 'outcomes',
      order: { accounts: ORDER_COLUMN, pulses: ORDER_COLUMN, overrides: ORDER_COLUMN },
    },
    attributeTypes: types,
  };
}
