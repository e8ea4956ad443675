// Import & export through the UI: a long-form signals import (and its idempotent re-import),
// bad rows skipped with a report, a zip and a spreadsheet, Cancel and a real quota error that
// leave the database as it was, backups (plain and encrypted) restored, accessibility.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { expect, test, type Page } from './fixture';
import { ImportPage, PortfolioPage, SettingsPage, countStored } from './app';

/** A long-form signals CSV: accounts ACC-0001… × metrics × days from 2023-01-02. */
function bigSignalsCsv(accounts: number, metrics: number, days: number): string {
  const start = Date.UTC(2023, 0, 2);
  const isoDays = Array.from({ length: days }, (_, d) =>
    new Date(start + d * 86_400_000).toISOString().slice(0, 10),
  );
  const parts = ['account_id,date,metric,value\n'];
  for (let a = 1; a <= accounts; a++) {
    const id = `ACC-${String(a).padStart(4, '0')}`;
    const lines: string[] = [];
    for (let m = 0; m < metrics; m++) {
      for (let d = 0; d < days; d++)
        lines.push(`${id},${isoDays[d]},load_m${m},${(a * 7 + d) % 97}\n`);
    }
    parts.push(lines.join(''));
  }
  return parts.join('');
}

async function openImport(page: Page): Promise<ImportPage> {
  await new PortfolioPage(page).open();
  const imports = new ImportPage(page);
  await imports.open();
  return imports;
}

test('a long-form signals file imports through the UI, shows in the portfolio, and re-imports as unchanged', async ({
  page,
}) => {
  const imports = await openImport(page);
  const accounts = [
    'account_id,name,segment,arr',
    'NEW-0001,Imported Example Ltd,Mid-market,"48,000"',
  ].join('\n');
  await imports.pick({ name: 'new-accounts.csv', content: accounts });
  await imports.waitForMapping();
  await expect(page.getByTestId('import-kind')).toHaveValue('accounts');
  // "48,000" alone cannot say whether the comma is a decimal point: the user is asked.
  await page.getByRole('button', { name: /Comma separates thousands/ }).click();
  await imports.checkRows();
  await imports.importRows();
  await expect(imports.result()).toContainText('1 accounts added');

  const before = await countStored(page);
  const signals = [
    'account_id,date,metric,value',
    'NEW-0001,2025-01-06,active_users,40',
    'NEW-0001,2025-01-13,active_users,42',
    'NEW-0001,2025-01-20,active_users,45',
    'ACC-0001,2025-01-20,nps,8',
  ].join('\r\n');
  await imports.pick({ name: 'signals.csv', content: signals });
  await imports.waitForMapping();
  await expect(page.getByTestId('import-kind')).toHaveValue('signals-long');
  await imports.checkRows();
  await expect(page.getByTestId('rows-ok')).toHaveText('4');
  await imports.importRows();
  await expect(imports.result()).toContainText(/4 new points/);
  expect((await countStored(page)).points).toBe(before.points + 4);
  await expect(imports.historyRows().first()).toContainText('signals.csv');
  await expect(imports.historyRows().first()).toContainText('Signals, long form');

  // Importing the same file again changes nothing.
  await imports.pick({ name: 'signals.csv', content: signals });
  await imports.waitForMapping();
  await imports.checkRows();
  await imports.importRows();
  await expect(imports.result()).toContainText('0 new points, 4 unchanged');
  expect((await countStored(page)).points).toBe(before.points + 4);

  await page.getByRole('link', { name: 'Portfolio' }).click();
  await page.getByRole('searchbox').fill('Imported Example');
  await expect(page.getByTestId('portfolio-row')).toHaveCount(1);
  await expect(page.getByTestId('portfolio-row')).toContainText('Imported Example Ltd');
});

test('bad rows are listed by row and column, the valid rows import, and the skipped rows download', async ({
  page,
}) => {
  const imports = await openImport(page);
  const before = await countStored(page);
  const csv = [
    'account_id,date,metric,value',
    'ACC-0001,2025-02-03,nps,7',
    'NOPE-1,2025-02-03,nps,9',
    'ACC-0002,2025-02-03,nps,lots',
    'ACC-0003,2999-01-01,nps,5',
    'ACC-0004,2025-02-03,nps,6',
  ].join('\n');
  await imports.pick({ name: 'bad-rows.csv', content: csv });
  await imports.waitForMapping();
  await imports.checkRows();
  await expect(page.getByTestId('rows-ok')).toHaveText('2');
  await expect(page.getByTestId('rows-skipped')).toHaveText('3');
  const skipped = page.getByTestId('skipped-row');
  await expect(skipped).toHaveCount(3);
  await expect(skipped.nth(0).getByRole('cell')).toHaveText([
    '3',
    'account_id',
    'NOPE-1',
    /^unknown account NOPE-1/,
  ]);
  await expect(skipped.nth(1).getByRole('cell')).toHaveText(['4', 'value', 'lots', /not a number/]);
  await expect(skipped.nth(2).getByRole('cell')).toHaveText(['5', 'date', '2999-01-01', /future/]);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download skipped rows (CSV)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('bad-rows-skipped-rows.csv');
  const report = readFileSync(await download.path(), 'utf8');
  expect(report.split('\n')[0]).toBe('row,column,value,reason');
  expect(report).toContain('3,account_id,NOPE-1,');
  expect(report).toContain('4,value,lots,not a number');

  await imports.importRows();
  await expect(imports.result()).toContainText('2 new points, 0 unchanged, 3 rows skipped');
  expect((await countStored(page)).points).toBe(before.points + 2);
});

test('a zip shows its CSV files to pick from; a spreadsheet gets a message saying how to save it as CSV', async ({
  page,
}) => {
  const imports = await openImport(page);
  await imports.pick({
    name: 'Book1.xlsx',
    content: Buffer.from('PK\u0003\u0004 not really a workbook'),
  });
  await expect(imports.problem()).toContainText('Save As');
  await expect(imports.problem()).toContainText('CSV UTF-8');

  const zip = zipSync({
    'export/tickets.csv': strToU8('account_id,date,metric,value\nACC-0001,2025-03-03,tickets,2\n'),
    'export/readme.md': strToU8('not a csv'),
  });
  await imports.pick({ name: 'zendesk-export.zip', content: Buffer.from(zip) });
  await expect(
    page.getByRole('heading', { name: 'Files inside zendesk-export.zip' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'export/tickets.csv' }).click();
  await imports.waitForMapping();
  await expect(
    page.getByRole('heading', { name: /Map zendesk-export\.zip › export\/tickets\.csv/ }),
  ).toBeVisible();
});

test(
  'cancelling a large import mid-way leaves the database exactly as it was',
  {
    tag: '@alone',
  },
  async ({ page }) => {
    test.setTimeout(180_000);
    const imports = await openImport(page);
    const before = await countStored(page);
    await imports.pick({ name: 'big.csv', content: bigSignalsCsv(100, 10, 300) });
    await imports.waitForMapping();
    await imports.checkRows();
    await expect(page.getByTestId('rows-ok')).toHaveText('300,000');
    await imports.importRows();
    // Mid-way: before its one write has committed (a Cancel that comes after it cancels only
    // the rescore that follows, and the import stays).
    await expect(page.locator('.book-progress')).toContainText(
      /Checking every row|Saving \(one transaction\)/,
    );
    await imports.cancelRunning();
    await expect(imports.problem()).toHaveText('Cancelled. Nothing was changed.');
    expect(await countStored(page)).toEqual(before);
    await expect(imports.historyRows()).toHaveCount(0);
  },
);

test.describe('storage quota', () => {
  // The worker script is fetched by the page: no service worker may answer it from its cache.
  test.use({ serviceWorkers: 'block' });

  test('a quota error during an import is explained and changes nothing', async ({ page }) => {
    test.setTimeout(180_000);
    // Chromium 156 accepts CDP Storage.overrideQuotaForOrigin but no longer enforces it, so the
    // quota error is simulated where IndexedDB raises it: the worker script the browser loads is
    // served with a prelude that makes the import's last write (its undo record, written after
    // the accounts and series of the same transaction) fail with a QuotaExceededError.
    await page.route('**/_app/immutable/workers/engine.worker-*.js', async (route) => {
      const response = await route.fetch();
      const prelude = `{
        const add = IDBObjectStore.prototype.add;
        IDBObjectStore.prototype.add = function (...args) {
          if (this.name === 'importUndo') {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          }
          return add.apply(this, args);
        };
      }\n`;
      await route.fulfill({ response, body: prelude + (await response.text()) });
    });
    const imports = await openImport(page);
    const before = await countStored(page);
    await imports.pick({ name: 'too-big.csv', content: bigSignalsCsv(100, 10, 100) });
    await imports.waitForMapping();
    await imports.checkRows();
    await imports.importRows();
    await expect(imports.problem()).toContainText('ran out of storage space', { timeout: 60_000 });
    await expect(imports.problem()).toContainText('Nothing was changed');
    expect(await countStored(page)).toEqual(before);
    await expect(imports.historyRows()).toHaveCount(0);
  });
});

async function downloadBackup(page: Page, passphrase?: string): Promise<Buffer> {
  if (passphrase) {
    await page.getByLabel('Passphrase (optional, encrypts the file)').fill(passphrase);
    await page.getByLabel('Repeat the passphrase').fill(passphrase);
  }
  const downloading = page.waitForEvent('download');
  await page
    .getByRole('button', { name: passphrase ? 'Download encrypted backup' : 'Download backup' })
    .click();
  const download = await downloading;
  return readFileSync(await download.path());
}

async function restore(page: Page, bytes: Buffer, passphrase?: string): Promise<void> {
  await page.getByTestId('restore-file-input').setInputFiles({
    name: 'backup.json',
    mimeType: 'application/octet-stream',
    buffer: bytes,
  });
  if (passphrase) await page.getByLabel('Passphrase (encrypted backups only)').fill(passphrase);
  // By keyboard: the "ready to work offline" notice may appear over the button at any time.
  await page.getByRole('button', { name: 'Restore…' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('REPLACES all data');
  await dialog.getByRole('textbox').fill('RESTORE');
  await dialog.getByRole('button', { name: 'Replace everything' }).click();
}

test('a backup restores the same accounts after everything is erased', async ({ page }) => {
  test.setTimeout(120_000);
  const imports = await openImport(page);
  const before = await countStored(page);
  const backup = await downloadBackup(page);
  expect(JSON.parse(backup.toString('utf8')).format).toBe('canary-backup');

  await new SettingsPage(page).open();
  await new SettingsPage(page).eraseAll();
  await expect(page.getByText('All data erased.')).toBeVisible();
  expect((await countStored(page)).accounts).toBe(0);

  await imports.open();
  await restore(page, backup);
  await expect(page.getByTestId('restore-message')).toContainText(
    `Restored ${before.accounts} accounts`,
    { timeout: 60_000 },
  );
  expect(await countStored(page)).toEqual(before);
  await page.getByRole('link', { name: 'Portfolio' }).click();
  await expect(page.getByTestId('portfolio-row').first()).toBeVisible({ timeout: 30_000 });
});

test('an encrypted backup with a wrong passphrase, or a corrupt file, changes nothing', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openImport(page);
  const before = await countStored(page);
  const encrypted = await downloadBackup(page, 'correct horse battery');
  expect(encrypted.subarray(0, 20).toString('utf8')).not.toContain('canary-backup');

  await restore(page, encrypted, 'wrong passphrase!');
  await expect(page.getByTestId('restore-message')).toContainText(/passphrase/i, {
    timeout: 60_000,
  });
  await expect(page.getByTestId('restore-message')).toContainText('Nothing was changed');
  expect(await countStored(page)).toEqual(before);

  await restore(page, Buffer.from('{"format":"canary-backup","schemaVersion":1,"tables":{}}'));
  await expect(page.getByTestId('restore-message')).toContainText('Nothing was changed', {
    timeout: 30_000,
  });
  expect(await countStored(page)).toEqual(before);

  await restore(page, encrypted, 'correct horse battery');
  await expect(page.getByTestId('restore-message')).toContainText(
    `Restored ${before.accounts} accounts`,
    {
      timeout: 60_000,
    },
  );
});

test('a second tab sees an import at once (live queries)', async ({ page, context }) => {
  const imports = await openImport(page);
  const other = await context.newPage();
  await other.goto('/import');
  const otherImports = new ImportPage(other);
  await expect(otherImports.historyRows()).toHaveCount(0);
  await imports.pick({
    name: 'from-tab-one.csv',
    content: 'account_id,date,metric,value\nACC-0001,2025-04-07,nps,9\n',
  });
  await imports.waitForMapping();
  await imports.checkRows();
  await imports.importRows();
  await expect(imports.result()).toContainText('1 new points');
  await expect(otherImports.historyRows().first()).toContainText('from-tab-one.csv');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the import page has no axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const imports = await openImport(page);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await imports.pick({
      name: 'mixed.csv',
      content: 'account_id,date,metric,value\nACC-0001,03/04/2025,nps,7\nNOPE,03/04/2025,nps,1\n',
    });
    await imports.waitForMapping();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.getByRole('button', { name: /Day first/ }).click();
    await imports.checkRows();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });
}

test('the import page fits a 375 px wide screen, mapping step included', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const imports = await openImport(page);
  const width = () => page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(await width()).toBeLessThanOrEqual(375);
  await imports.pick({
    name: 'wide-file-with-a-long-name.csv',
    content:
      'account_id,date,active_users,core_actions,tickets,escalations,meetings\nACC-0001,2025-01-06,10,200,1,0,2\n',
  });
  await imports.waitForMapping();
  expect(await width()).toBeLessThanOrEqual(375);
});
