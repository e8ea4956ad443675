// Vendor files through the UI: a Stripe subscriptions export is recognised, its customers are
// matched to demo accounts by the account id in its metadata, the one customer no account
// matches is skipped by choice, and the import lands in the history (undoable). A half-matched
// export asks for the column it could not find. The review step is axe-clean.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixture';
import { VendorImportPage, ImportPage, PortfolioPage, countStored } from './app';

const HEADER =
  'id,Customer ID,Customer Name,Customer Email,Status,Cancellation Reason,Created (UTC),Start (UTC),Current Period Start (UTC),Current Period End (UTC),Canceled At (UTC),Ended At (UTC),Quantity,Amount,Interval,account_id (metadata)';

/** Ids of the first demo accounts, read from the portfolio's account links. */
async function demoAccountIds(page: Page, n: number): Promise<string[]> {
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  const hrefs = await portfolio
    .rows()
    .locator('a[href*="/account?id="]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const ids = hrefs.map((h) => decodeURIComponent(h.split('id=')[1] ?? '')).filter(Boolean);
  expect(ids.length).toBeGreaterThanOrEqual(n);
  return ids.slice(0, n);
}

/** Two customers tagged with demo account ids (one cancelled) and one free-mail stranger. */
function subscriptionsCsv(header: string, [a, b]: string[]): string {
  return [
    header,
    `sub_e1,cus_E2E1,Lumen Widgets,billing@lumen-widgets.test,active,,2024-01-15 10:02,2024-01-15 10:02,2025-06-15 10:02,2025-07-15 10:02,,,10,50.00,month,${a}`,
    `sub_e2,cus_E2E2,Orbit Parts,ap@orbit-parts.test,canceled,too_expensive,2024-02-01 09:30,2024-02-01 09:30,2025-02-01 09:30,2025-03-01 09:30,2025-03-10 11:00,2025-03-10 11:00,2,99.00,month,${b}`,
    `sub_e3,cus_E2E3,Qzxv Nonesuch,qzxv.nonesuch@gmail.com,active,,2024-03-01 08:00,2024-03-01 08:00,2025-03-01 08:00,2026-03-01 08:00,,,1,1200.00,year,`,
  ].join('\n');
}

test('a Stripe subscriptions export is recognised, matched to accounts, reviewed and imported', async ({
  page,
}) => {
  const ids = await demoAccountIds(page, 2);
  const imports = new ImportPage(page);
  await imports.open();
  const before = await countStored(page);
  const exp = new VendorImportPage(page);

  await imports.pick({ name: 'subscriptions.csv', content: subscriptionsCsv(HEADER, ids) });
  await expect(exp.recognised()).toHaveText('Recognised: Stripe subscriptions export', {
    timeout: 60_000,
  });
  await exp.waitForReview();
  await expect(exp.matchCounts()).toContainText('2 by an account id in the file');
  const stranger = exp.decisionRow('cus_E2E3');
  await expect(stranger).toBeVisible();
  await expect(stranger.getByRole('radio')).toHaveCount(3);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  const next = page.getByRole('button', { name: 'Continue with these matches' });
  await expect(next).toBeDisabled();
  await exp.skip('cus_E2E3');
  await expect(page.getByTestId('crosswalk-progress')).toContainText('1 of 1 decided');
  await exp.continueToCheck();
  await expect(page.getByTestId('rows-skipped')).toHaveText('1');
  await expect(page.getByTestId('rows-ok')).toHaveText('2');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await exp.importRows();
  const toast = page.locator('.toast').filter({ hasText: 'Imported subscriptions.csv' });
  await expect(toast).toBeVisible({ timeout: 60_000 });
  await expect(toast.getByRole('button', { name: 'Undo' })).toBeVisible();
  await expect(imports.result()).toContainText('Imported subscriptions.csv');
  await expect(imports.historyRows().first()).toContainText('subscriptions.csv');
  await expect(imports.historyRows().first()).toContainText('Stripe subscriptions');

  const after = await countStored(page);
  expect(after.imports).toBe(before.imports + 1);
  // No account was created for the skipped stranger; the cancellation became an outcome.
  expect(after.accounts).toBe(before.accounts);
  expect(after.outcomes).toBeGreaterThan(before.outcomes);
  expect(after.points).toBeGreaterThan(before.points);

  // The toast's Undo takes the whole import back through the ordinary import log.
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.toast').filter({ hasText: 'undone' })).toBeVisible({
    timeout: 60_000,
  });
  await expect.poll(async () => (await countStored(page)).points).toBe(before.points);
});

test('a half-matched export asks for the column it could not find', async ({ page }) => {
  const ids = await demoAccountIds(page, 2);
  const imports = new ImportPage(page);
  await imports.open();
  const exp = new VendorImportPage(page);

  const header = HEADER.replace(',Interval,', ',Billing period,');
  await imports.pick({ name: 'subs-renamed.csv', content: subscriptionsCsv(header, ids) });
  await expect(exp.recognised()).toHaveText('Recognised: Stripe subscriptions export', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('vendor-columns')).toContainText('Interval');
  await expect(page.getByRole('button', { name: 'Use these columns' })).toBeDisabled();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await exp.assignColumn('Interval', 'Billing period');
  await exp.waitForReview();
  await expect(exp.matchCounts()).toContainText('2 by an account id in the file');

  // The generic mapping is still one click away.
  await page.getByRole('button', { name: 'Map the columns myself instead' }).click();
  await imports.waitForMapping();
});
