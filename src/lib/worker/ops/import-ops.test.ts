// The import worker ops end to end on fake-indexeddb: open → validate → apply (twice: the second
// changes nothing) → undo, with a blocked undo naming the later import, and a zip's entries.
import { strToU8, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { eraseAllData, getDb } from '../../db';
import { makeAccount } from '../../db/testing/factories';
import type { ImportMapping } from '../../import';
import importApply from './import-apply';
import importOpen, { type OpenedCsv } from './import-open';
import importUndo from './import-undo';
import importValidate from './import-validate';
import type { ImportSource } from './import-source';

const CSV = [
  'account_id,date,metric,value',
  'A1,2024-03-04,logins,10',
  'A1,2024-03-11,logins,12',
  'A2,2024-03-04,logins,7',
  'NOPE,2024-03-04,logins,1',
  'A2,2024-03-11,logins,=cmd()',
].join('\n');

function source(text: string, fileName = 'signals.csv', lastModified = 1): ImportSource {
  return { file: new File([text], fileName, { lastModified }), fileName };
}

async function openCsv(s: ImportSource): Promise<OpenedCsv> {
  const opened = await importOpen(s);
  if (opened.kind !== 'csv') throw new Error('expected a CSV');
  return opened;
}

beforeEach(async () => {
  await eraseAllData(getDb());
  await getDb().accounts.bulkPut([makeAccount('A1'), makeAccount('A2')]);
});

describe('import ops', () => {
  it('suggests a long-form mapping, lists bad rows with a CSV report, and imports idempotently', async () => {
    const s = source(CSV);
    const opened = await openCsv(s);
    expect(opened.mapping.kind).toBe('signals-long');
    expect(opened.dataRows).toBe(5);
    expect(opened.rowNumbers[0]).toBe(2);
    const request = { source: s, mapping: opened.mapping, unknownAccounts: 'error' as const };

    const checked = await importValidate(request);
    expect(checked.status).toBe('ready');
    expect(checked.skippedRows).toBe(2);
    expect(checked.errors.map((e) => [e.row, e.column])).toEqual([
      [5, 'account_id'],
      [6, 'value'],
    ]);
    const report = new TextDecoder().decode(checked.skippedCsv!);
    expect(report.split('\n')[0]).toBe('row,column,value,reason');
    // The formula in the bad cell is neutralised in the downloadable report.
    expect(report).toContain("6,value,'=cmd(),");
    expect(await getDb().series.count()).toBe(0);

    const first = await importApply({ ...request, mappingName: null });
    expect(first.summary.pointsAdded).toBe(3);
    expect(first.skippedRows).toBe(2);
    expect(first.mapping).toMatchObject({ name: null, document: { kind: 'signals-long' } });
    const again = await importApply({ ...request, mappingName: 'Mine' });
    expect(again.summary).toMatchObject({ pointsAdded: 0, pointsChanged: 0, pointsUnchanged: 3 });
    expect(await getDb().imports.count()).toBe(2);
  });

  it('refuses a mapping that is not complete, writing nothing', async () => {
    const s = source(CSV);
    const opened = await openCsv(s);
    const broken: ImportMapping = {
      ...opened.mapping,
      columns: { account_id: { role: 'account-id' } },
    };
    await expect(
      importApply({ source: s, mapping: broken, unknownAccounts: 'error', mappingName: null }),
    ).rejects.toMatchObject({ name: 'InputError', message: /a date column is required/ });
    expect(await getDb().imports.count()).toBe(0);
  });

  it('names the later import that blocks an undo, and undoes in order', async () => {
    const s1 = source('account_id,date,metric,value\nA1,2024-03-04,logins,10\n', 'one.csv');
    const s2 = source('account_id,date,metric,value\nA1,2024-03-04,logins,11\n', 'two.csv', 2);
    const m = (await openCsv(s1)).mapping;
    const one = await importApply({
      source: s1,
      mapping: m,
      unknownAccounts: 'error',
      mappingName: null,
    });
    const two = await importApply({
      source: s2,
      mapping: m,
      unknownAccounts: 'error',
      mappingName: null,
    });
    await expect(importUndo({ importId: one.id })).rejects.toMatchObject({
      name: 'InputError',
      message: new RegExp(`Undo #${two.id} two\\.csv`),
    });
    await importUndo({ importId: two.id });
    await importUndo({ importId: one.id });
    expect(await getDb().series.count()).toBe(0);
  });

  it('lists the CSV files of a zip, then opens the one picked', async () => {
    const zip = zipSync({ 'a/logins.csv': strToU8(CSV), 'notes.md': strToU8('#') });
    const file = new File([zip], 'export.zip', { lastModified: 3 });
    const listed = await importOpen({ file, fileName: 'export.zip' });
    expect(listed).toEqual({ kind: 'zip', entries: [{ name: 'a/logins.csv', size: CSV.length }] });
    const opened = await openCsv({ file, fileName: 'export.zip', entry: 'a/logins.csv' });
    expect(opened.displayName).toBe('export.zip › a/logins.csv');
  });

  it('explains a spreadsheet instead of reading it', async () => {
    const xlsx = new File(
      [zipSync({ '[Content_Types].xml': strToU8('<x/>'), 'xl/workbook.xml': strToU8('<w/>') })],
      'Book1.xlsx',
    );
    await expect(importOpen({ file: xlsx, fileName: 'Book1.xlsx' })).rejects.toMatchObject({
      name: 'InputError',
      message: /CSV UTF-8/,
    });
  });
});
