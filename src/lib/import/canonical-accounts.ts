// Reads accounts.csv: the known columns of PRODUCT.md into Account fields, every other column
// into typed attributes (a column is numeric or boolean only when every filled cell is; numbers
// as the Import page reads them).
import type { Account, AttributeValue } from '../engine/types';
import { isNumberColumn, readDate, readNumber } from './canonical-cells';
import { cellText, fail, readText, requireColumn, type CsvTable } from './canonical-csv';

/** The known accounts.csv columns, in the order the writer uses. */
export const ACCOUNT_COLUMNS = [
  'account_id',
  'name',
  'segment',
  'arr',
  'seats',
  'contract_start',
  'renewal_date',
  'owner',
] as const;

type AttributeKind = 'number' | 'boolean' | 'text';

function attributeKind(t: CsvTable, col: number): AttributeKind {
  if (isNumberColumn(t, col)) return 'number';
  const booleans = t.rows.every((row) => /^(true|false|)$/i.test(row[col].trim()));
  return booleans && t.rows.some((row) => row[col].trim() !== '') ? 'boolean' : 'text';
}

function attributeValue(t: CsvTable, r: number, col: number, kind: AttributeKind): AttributeValue {
  const v = t.rows[r][col].trim();
  if (v === '') return null;
  if (kind === 'number') return readNumber(t, r, col);
  if (kind === 'boolean') return v.toLowerCase() === 'true';
  return cellText(v);
}

/** Reads the accounts table; ids must be present and unique. */
export function readAccounts(t: CsvTable): Account[] {
  const idCol = requireColumn(t, 'account_id');
  const col = (name: string) => t.columns.get(name);
  const known = new Set<string>(ACCOUNT_COLUMNS);
  const extras = t.header
    .map((h, i) => ({ name: h, index: i }))
    .filter((c) => !known.has(t.header[c.index].toLowerCase()))
    .map((c) => ({ ...c, kind: attributeKind(t, c.index) }));
  const seen = new Map<string, number>();
  const accounts: Account[] = [];
  for (let r = 0; r < t.rows.length; r++) {
    const row = t.rowNumbers[r];
    const id = readText(t, r, idCol);
    if (id === null) fail(t.file, row, t.header[idCol], 'account_id is empty');
    const first = seen.get(id);
    if (first !== undefined) {
      fail(t.file, row, t.header[idCol], `account_id "${id}" is already used on row ${first}`);
    }
    seen.set(id, row);
    const num = (name: string) => {
      const c = col(name);
      return c === undefined ? null : readNumber(t, r, c);
    };
    const date = (name: string) => {
      const c = col(name);
      return c === undefined ? null : readDate(t, r, c);
    };
    const attributes: Record<string, AttributeValue> = {};
    for (const e of extras) attributes[e.name] = attributeValue(t, r, e.index, e.kind);
    accounts.push({
      id,
      name: readText(t, r, col('name')) ?? id,
      segment: readText(t, r, col('segment')),
      arr: num('arr'),
      seats: num('seats'),
      contractStart: date('contract_start'),
      renewalDate: date('renewal_date'),
      owner: readText(t, r, col('owner')),
      attributes,
    });
  }
  return accounts;
}
