// The walking skeleton as a new user meets it: first visit loads the demo book and shows scored
// accounts; settings erase (with confirmation) and reload the demo; storage figures are shown.
import { expect, test } from './fixture';
import { PortfolioPage, SettingsPage } from './app';

test('first visit loads the demo book and shows every account with a score and band', async ({
  page,
}) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  await expect(page.getByText(/Showing 1\d\d of 1\d\d accounts/)).toBeVisible();
  const first = portfolio.rows().first();
  await expect(first.getByTestId('band-chip')).toHaveText(/(Red|Amber|Green)\s+\d+/);
  // Bands come from scores: every rendered row carries one of the three bands.
  const bands = await portfolio
    .rows()
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-band')));
  expect(bands.length).toBeGreaterThan(5);
  for (const b of bands) expect(['red', 'amber', 'green']).toContain(b);
  // The riskiest account comes first and says why.
  await expect(first.locator('.reason')).not.toBeEmpty();
});

test('on a first visit the worker creates the database, not the page', async ({ page }) => {
  // Creating every table is the longest part of opening the database: on a first visit the
  // page must leave it to the worker (which loads the demo book) and open it only afterwards.
  await page.addInitScript(() => {
    const w = window as unknown as { mainThreadUpgrades: number; mainThreadOpens: number };
    w.mainThreadUpgrades = 0;
    w.mainThreadOpens = 0;
    const open = indexedDB.open.bind(indexedDB);
    indexedDB.open = (name: string, version?: number) => {
      w.mainThreadOpens++;
      const request = open(name, version);
      request.addEventListener('upgradeneeded', () => w.mainThreadUpgrades++);
      return request;
    };
  });
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  await expect(portfolio.rows().first()).toBeVisible();
  const seen = await page.evaluate(() => {
    const w = window as unknown as { mainThreadUpgrades: number; mainThreadOpens: number };
    return { mainThreadUpgrades: w.mainThreadUpgrades, mainThreadOpens: w.mainThreadOpens };
  });
  // The page opened the database (to show the portfolio) but never had to create it.
  expect(seen.mainThreadOpens).toBeGreaterThan(0);
  expect(seen.mainThreadUpgrades).toBe(0);
});

test('settings erase everything after confirmation, then the demo book can be loaded again', async ({
  page,
}) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  const settings = new SettingsPage(page);
  await settings.open();
  await expect(page.getByTestId('storage-used')).toBeVisible();
  await expect(page.getByTestId('storage-quota')).toBeVisible();

  // Cancelling the dialog changes nothing.
  await page.getByRole('button', { name: 'Erase all data…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('link', { name: 'Portfolio' }).click();
  await portfolio.waitForBook();

  await settings.open();
  await settings.eraseAll();
  await expect(page.getByText('All data erased.')).toBeVisible();
  await page.getByRole('link', { name: 'Portfolio' }).click();
  await expect(portfolio.emptyState()).toBeVisible();
  // A reload does not bring the demo back by itself after an erase.
  await page.reload();
  await expect(portfolio.emptyState()).toBeVisible();

  await portfolio.emptyState().getByRole('button', { name: 'Load demo book' }).click();
  await portfolio.waitForBook();
});

test('persistent storage can be requested and its result is shown', async ({ page }) => {
  await new PortfolioPage(page).open();
  await new SettingsPage(page).open();
  await page.getByRole('button', { name: 'Request persistent storage' }).click();
  await expect(page.getByTestId('persist-result')).toHaveText(/Granted|Not granted|cannot/);
});

test('loading the demo book over an existing book asks first, and cancelling keeps it', async ({
  page,
}) => {
  await new PortfolioPage(page).open();
  await new SettingsPage(page).open();
  await page.getByRole('button', { name: 'Load demo book' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace your book with the demo book?' });
  await expect(dialog).toContainText(/holds 1\d\d accounts/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Load demo book' }).click();
  await dialog.getByRole('button', { name: 'Replace with the demo book' }).click();
  await expect(page.getByText(/Demo book loaded: 1\d\d accounts/)).toBeVisible();
});
