// Nothing damaged or foreign gets in through the Import page: a gzip file renamed .csv is
// refused as "not a text file" before any mapping (it once imported as 15 accounts of garbage),
// and a file mixing CRLF, LF and lone CR line ends has every row previewed, checked and stored
// (it once stored 1 of its 4 rows).
import { readFileSync } from 'node:fs';
import { expect, test } from './fixture';
import { ImportPage, PortfolioPage, countStored } from './app';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url));

test.beforeEach(async ({ page }) => {
  await new PortfolioPage(page).open();
});

test('a gzip file renamed .csv is refused as not a text file and changes nothing', async ({
  page,
}) => {
  const imports = new ImportPage(page);
  await imports.open();
  const before = await countStored(page);
  await imports.pick({ name: 'accounts.csv', content: fixture('bin-gzip-renamed.csv') });
  await expect(imports.problem()).toContainText(
    'accounts.csv is not a text file: it looks like a gzip-compressed file, not CSV.',
  );
  await expect(imports.problem()).toContainText('Decompress it first');
  await expect(page.getByTestId('column-mapping')).toHaveCount(0);
  expect(await countStored(page)).toEqual(before);

  // Binary data without known magic bytes is refused too, by its content.
  await imports.pick({ name: 'export.csv', content: fixture('bin-unknown.csv') });
  await expect(imports.problem()).toContainText(
    'export.csv is not a text file: it holds binary data, not CSV text.',
  );
  expect(await countStored(page)).toEqual(before);
});

test('a file mixing CRLF, LF and lone CR line ends imports every row', async ({ page }) => {
  const imports = new ImportPage(page);
  await imports.open();
  const before = await countStored(page);
  const mixed =
    'account_id,name,segment\r\nMIX-0001,Alpha Mixed,SMB\nMIX-0002,Beta Mixed,SMB\rMIX-0003,Gamma Mixed,SMB\r\nMIX-0004,Delta Mixed,SMB\n';
  await imports.pick({ name: 'mixed-line-ends.csv', content: mixed });
  await imports.waitForMapping();
  await expect(page.getByText(/^4 data rows · 3 columns · UTF-8$/)).toBeVisible();
  await expect(page.getByTestId('import-kind')).toHaveValue('accounts');
  await imports.checkRows();
  await expect(page.getByTestId('rows-ok')).toHaveText('4');
  await imports.importRows();
  await expect(imports.result()).toContainText('4 accounts added');
  expect((await countStored(page)).accounts).toBe(before.accounts + 4);

  await page.getByRole('link', { name: 'Portfolio' }).click();
  await page.getByRole('searchbox').fill('Mixed');
  await expect(page.getByTestId('portfolio-row')).toHaveCount(4);
});
