// Backups refused through the UI: a file changed after it was made (one bit flipped inside a
// series payload) and an older, checksum-less file holding a series of an account that does
// not exist. Each shows the reason, and the book is exactly as it was: every table of a backup
// downloaded afterwards is byte for byte that of the one downloaded before.
import { expect, test } from './fixture';
import { BackupPanel, ImportPage, PortfolioPage } from './app';

type Doc = {
  checksum?: unknown;
  tables: Record<string, Record<string, unknown>[]>;
};

test('a changed or inconsistent backup is refused with its reason, and nothing changes', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  const rows = await portfolio.rows().count();
  await new ImportPage(page).open();
  const backups = new BackupPanel(page);
  const original = await backups.download();

  // One bit of one value of one series: still a valid number, so only the checksum can tell.
  const flipped = JSON.parse(original.toString('utf8')) as Doc;
  const series = flipped.tables.series[10];
  const bytes = Buffer.from(series.values as string, 'base64');
  bytes[bytes.length - 3] ^= 0x04;
  series.values = bytes.toString('base64');
  await backups.restore(Buffer.from(JSON.stringify(flipped)));
  await expect(backups.message()).toContainText(
    'This backup was changed after it was made: the series table no longer matches the checksum stored in it.',
    { timeout: 60_000 },
  );
  await expect(backups.message()).toContainText('Nothing was changed.');
  await expect(backups.message()).toHaveAttribute('role', 'alert');

  // A file without a checksum (as earlier Canary versions wrote) is checked record by record.
  const foreign = JSON.parse(original.toString('utf8')) as Doc;
  delete foreign.checksum;
  const metric = String(foreign.tables.series[0].metric);
  foreign.tables.series.push({ ...foreign.tables.series[0], accountId: 'ACC-9999' });
  const record = foreign.tables.series.length;
  await backups.restore(Buffer.from(JSON.stringify(foreign)));
  await expect(backups.message()).toContainText(
    `Invalid backup: series record ${record} (account 'ACC-9999', metric '${metric}'): account ACC-9999 is not in the backup.`,
    { timeout: 60_000 },
  );
  await expect(backups.message()).toContainText('Nothing was changed.');

  // The book is exactly as it was: every table of a new backup is byte for byte the same (only
  // its export time, taken in the worker, differs).
  const before = JSON.parse(original.toString('utf8')) as Doc;
  const after = JSON.parse((await backups.download()).toString('utf8')) as Doc;
  expect(JSON.stringify(after.tables)).toBe(JSON.stringify(before.tables));
  expect(after.checksum).toMatchObject({ tables: (before.checksum as Doc).tables });
  await page.getByRole('link', { name: 'Portfolio' }).click();
  await expect(portfolio.rows()).toHaveCount(rows);
});
