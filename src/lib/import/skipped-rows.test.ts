import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-table';
import { skippedRowsCsv } from './skipped-rows';

describe('skippedRowsCsv', () => {
  it('lists every problem in row order and neutralises formulas in cell text', async () => {
    const csv = skippedRowsCsv([
      {
        row: 9,
        column: 'value',
        value: '=HYPERLINK("x")',
        reason: 'not a number',
        code: 'not-a-number',
      },
      {
        row: 3,
        column: 'account_id',
        value: 'ZZ, Inc',
        reason: 'unknown account ZZ, Inc',
        code: 'unknown-account',
      },
    ]);
    const table = await parseCsv(csv);
    expect(table.headers).toEqual(['row', 'column', 'value', 'reason']);
    expect(table.rows).toEqual([
      ['3', 'account_id', 'ZZ, Inc', 'unknown account ZZ, Inc'],
      ['9', 'value', `'=HYPERLINK("x")`, 'not a number'],
    ]);
  });
});
