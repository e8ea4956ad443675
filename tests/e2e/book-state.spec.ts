// The book's state in Chromium, with the clock pinned: a book whose data ends two years before
// today is scored as of its newest data (and an account whose own data stopped long before is
// stale, never green); recording a renewal moves the renewal date out of "renews within 30
// days"; a churn archives the account and deleting it brings it back; "Avoidable?" is asked
// only for churn and contraction.
import { expect, test, type Page } from './fixture';
import { AccountPage, ImportPage, PortfolioPage, SettingsPage } from './app';

/** Today in every test here: Monday 23 November 2026, noon UTC. */
const NOW = new Date('2026-11-23T12:00:00Z');

async function openPinned(page: Page): Promise<PortfolioPage> {
  await page.clock.setFixedTime(NOW);
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  return portfolio;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Weekly long-form signals on the demo book's metric names for `weeks` Mondays ending on
 * `lastIso`; `falling` makes usage and replies drop (an account at risk).
 */
function weeklySignals(id: string, lastIso: string, weeks: number, falling = false): string[] {
  const last = Date.parse(`${lastIso}T00:00:00Z`);
  const lines: string[] = [];
  for (let w = 0; w < weeks; w++) {
    const day = iso(last - (weeks - 1 - w) * 7 * DAY);
    const k = falling ? w / weeks : 0;
    const values: Record<string, number> = {
      active_users: Math.round(16 * (1 - 0.8 * k)),
      licensed_seats: 20,
      core_actions: Math.round(100 * (1 - 0.8 * k)),
      tickets: falling ? 1 + (w % 3) : 1,
      escalations: falling && w > weeks - 6 ? 1 : 0,
      meetings: w % 2,
      champion_replies: falling && w > weeks - 8 ? 0 : 2,
      qbr: w % 13 === 4 ? 1 : 0,
      days_past_due: falling ? 45 : 0,
    };
    if (w % 4 === 0) values.csat = falling ? 3.2 : 4.6;
    if (w % 13 === 6) values.nps = falling ? 5 : 9;
    for (const [metric, value] of Object.entries(values))
      lines.push(`${id},${day},${metric},${value}`);
  }
  return lines;
}

async function importFile(imports: ImportPage, name: string, content: string, result: RegExp) {
  await imports.pick({ name, content });
  await imports.waitForMapping();
  await imports.checkRows();
  await imports.importRows();
  await expect(imports.result()).toContainText(result, { timeout: 60_000 });
}

test('a book whose data ends two years before today is scored as of its newest data, with no green on missing data', async ({
  page,
}) => {
  const portfolio = await openPinned(page);
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.eraseAll();
  await expect(page.getByText('All data erased.')).toBeVisible();

  const imports = new ImportPage(page);
  await imports.open();
  const accounts = [
    'account_id,name,segment,arr,contract_start,renewal_date',
    'OLD-1,Steady Harbour Ltd,SMB,24000,2023-03-01,2025-03-01',
    'OLD-2,Falling Rock Inc,SMB,36000,2023-01-15,2025-01-15',
    'OLD-3,Long Gone Co,SMB,12000,2022-06-01,2023-06-01',
  ].join('\n');
  await importFile(imports, 'accounts.csv', accounts, /3 accounts added/);
  const signals = [
    'account_id,date,metric,value',
    ...weeklySignals('OLD-1', '2024-11-25', 30),
    ...weeklySignals('OLD-2', '2024-11-25', 30, true),
    // OLD-3's data stopped a year and a half before the book's newest data.
    ...weeklySignals('OLD-3', '2023-05-29', 20),
  ].join('\n');
  await importFile(imports, 'signals.csv', signals, /new points/);

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Portfolio' })
    .click();
  await portfolio.waitForBook();
  await expect(page.getByTestId('scored-as-of')).toContainText(
    'Scored as of Nov 25, 2024, the newest data.',
  );
  const stale = page.getByTestId('portfolio-row').filter({ hasText: 'Long Gone Co' });
  await expect(stale).toHaveAttribute('data-group', 'stale');
  await expect(stale).toContainText('Stale');
  await expect(stale).toContainText('no data since May 29, 2023');
  await expect(stale.getByTestId('band-chip')).toHaveCount(0);
  // The two accounts with data in the model's windows are scored from it: the falling one red
  // or amber, the steady one green.
  await expect(
    page.getByTestId('portfolio-row').filter({ hasText: 'Falling Rock Inc' }),
  ).toHaveAttribute('data-group', /^(red|amber)$/);
  await expect(
    page.getByTestId('portfolio-row').filter({ hasText: 'Steady Harbour Ltd' }),
  ).toHaveAttribute('data-group', 'green');

  // The Stale tile counts the account and filters to exactly it.
  const tile = page.getByTestId('tile-stale');
  await expect(tile).toContainText('1');
  await expect(tile).toContainText('$12K ARR');
  await tile.click();
  await expect(page.getByText('Showing 1 of 3 accounts')).toBeVisible();
  await expect(page.getByTestId('portfolio-row')).toHaveCount(1);
  await expect(page.getByTestId('portfolio-row')).toContainText('Long Gone Co');

  // Its page says stale and as of which day.
  const account = new AccountPage(page);
  await stale.getByRole('link', { name: 'Long Gone Co' }).click();
  await account.waitForScore('Long Gone Co');
  await expect(account.standing()).toContainText('Stale');
  await expect(account.explanation()).toContainText('Stale: no data since 2023-05-29');
  await expect(page.getByTestId('account-as-of')).toHaveText('as of Nov 25, 2024, the newest data');
});

test('"Avoidable?" is asked only for a churn or a contraction', async ({ page }) => {
  await openPinned(page);
  const account = new AccountPage(page);
  await account.openFromPortfolio(3);
  await account.openAction('Record a renewal outcome');
  const form = page.getByTestId('outcome-form');
  const outcome = form.getByLabel('Outcome');
  const avoidable = form.getByLabel('Avoidable?');
  await expect(avoidable).toHaveCount(0);
  for (const [label, asked] of [
    ['Churned', true],
    ['Renewed', false],
    ['Contracted', true],
    ['Expanded', false],
  ] as const) {
    await outcome.selectOption({ label });
    await expect(avoidable).toHaveCount(asked ? 1 : 0);
  }
});

test('recording a renewal moves the renewal date a term forward and out of "renews within 30 days"', async ({
  page,
}) => {
  const portfolio = await openPinned(page);
  await page.getByLabel('Renews within').selectOption({ label: '30 days' });
  const first = portfolio.rows().first();
  const name = (await first.getByRole('link').first().innerText()).trim();
  await expect(first).toContainText(/Renews in \d+ days/);
  const account = new AccountPage(page);
  await first.getByRole('link').first().click();
  await account.waitForScore(name);
  const renewal = page.getByTestId('account-renewal');
  const before = (await renewal.innerText()).match(/([A-Z][a-z]{2} \d+), (\d{4})/)!;

  await account.openAction('Record a renewal outcome');
  const form = page.getByTestId('outcome-form');
  await form.getByLabel('Outcome').selectOption({ label: 'Renewed' });
  await form.getByLabel(/Reason/).fill('Signed for another year');
  await form.getByRole('button', { name: 'Record outcome' }).click();
  const next = `${before[1]}, ${Number(before[2]) + 1}`;
  await expect(page.getByText(`Outcome recorded: renewed. Next renewal ${next}.`)).toBeVisible();
  await expect(renewal).toContainText(next);

  await page.getByRole('link', { name: '← Portfolio' }).click();
  await portfolio.waitForBook();
  await page.getByLabel('Renews within').selectOption({ label: '30 days' });
  await expect(portfolio.rows().filter({ hasText: name })).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('searchbox').fill(name);
  await expect(portfolio.rows()).toHaveCount(1);
  await expect(portfolio.rows().first()).not.toContainText(/Renews in/);
});

test('recording a churn archives the account; deleting the outcome brings it back', async ({
  page,
}) => {
  const portfolio = await openPinned(page);
  const archive = page.getByTestId('archive-filter');
  const archivedCount = async () =>
    Number((await archive.locator('option').nth(1).innerText()).match(/\((\d+)\)/)![1]);
  const before = await archivedCount();
  const account = new AccountPage(page);
  const name = await account.openFromPortfolio(1);

  await account.openAction('Record a renewal outcome');
  const form = page.getByTestId('outcome-form');
  await form.getByLabel('Outcome').selectOption({ label: 'Churned' });
  await form.getByLabel('Avoidable?').selectOption({ label: 'Yes, avoidable' });
  await form.getByRole('button', { name: 'Record outcome' }).click();
  await expect(page.getByTestId('account-archived')).toContainText(
    'Churned on Nov 23, 2026 — archived.',
  );

  await page.getByRole('link', { name: '← Portfolio' }).click();
  await portfolio.waitForBook();
  await expect.poll(archivedCount).toBe(before + 1);
  await page.getByRole('searchbox').fill(name);
  await expect(page.getByText('No account matches these filters.')).toBeVisible();
  await archive.selectOption({ index: 1 });
  await expect(portfolio.rows()).toHaveCount(1);
  await expect(portfolio.rows().first()).toContainText('Archived · churned Nov 23, 2026');

  await portfolio.rows().first().getByRole('link').first().click();
  await account.waitForScore(name);
  await page.getByRole('button', { name: /^Delete outcome of Nov 23, 2026/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('The account is back in the live portfolio.')).toBeVisible();
  await expect(page.getByTestId('account-archived')).toHaveCount(0);

  // The portfolio keeps its view (archived, searched) between pages: back to the live list.
  await page.getByRole('link', { name: '← Portfolio' }).click();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await portfolio.waitForBook();
  await expect.poll(archivedCount).toBe(before);
  await page.getByRole('searchbox').fill(name);
  await expect(portfolio.rows()).toHaveCount(1);
  await expect(portfolio.rows().first()).not.toContainText('Archived');
});
