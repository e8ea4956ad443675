import { describe, expect, it } from 'vitest';
import { detectColumnTypes } from './column-types';
import { parseCsv } from './csv-table';
import { ImportFileError } from './errors';
import { openImportFile } from './open-file';
import { previewCsv } from './preview';

describe('previewCsv', () => {
  it('keeps only the first rows but profiles whole columns', async () => {
    // The only value that settles the date order is on the last row.
    const lines = ['account_id,date,amount'];
    for (let i = 1; i <= 500; i++)
      lines.push(`A${i},0${(i % 9) + 1}/0${(i % 7) + 1}/2024,"${i},000"`);
    lines.push('A501,25/12/2024,"7,5"');
    const text = lines.join('\n');
    const preview = await previewCsv(text, { previewRows: 3, chunkSize: 512 });
    expect(preview.rows).toHaveLength(3);
    expect(preview.rowNumbers).toEqual([2, 3, 4]);
    const [id, date, amount] = preview.profiles;
    expect(id.type).toBe('id');
    expect(date).toMatchObject({ type: 'date', dateFormat: 'dmy' });
    expect(amount).toMatchObject({ type: 'number', decimal: ',' });
    const table = await parseCsv(text);
    expect(preview.profiles).toEqual(detectColumnTypes(table.headers, table.rows));
  });
});

describe('openImportFile', () => {
  it('decodes CSV bytes and refuses spreadsheets with instructions', () => {
    const opened = openImportFile(new TextEncoder().encode('a,b\n1,2\n'), 'x.csv');
    expect(opened).toMatchObject({
      kind: 'csv',
      decoded: { text: 'a,b\n1,2\n', encoding: 'utf-8' },
    });
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(() => openImportFile(xls, 'book.xls')).toThrow(ImportFileError);
    expect(() => openImportFile(xls, 'book.xls')).toThrow(/File → Save As.*CSV UTF-8/);
  });
});
