// The renewals page on the demo book: twelve months listed from today's; without a backtest no
// probability is claimed and the page links to one; a CSM call set on a renewal shows beside the
// model's, goes to the top as a disagreement, and persists on reload; with a backtest every
// scored renewal has a probability and each month an expected churned ARR with its interval.
import { expect, test, type Page } from './fixture';
import { BacktestPage, PortfolioPage, SettingsPage } from './app';
import { readmeShot } from './readme-shots';

async function openRenewals(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Renewals' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Renewals' })).toBeVisible();
  await expect(page.getByTestId('renewals-basis')).toBeVisible({ timeout: 30_000 });
}

test('without a backtest: months listed, no probability claimed, a CSM call set beside the model’s', async ({
  page,
}) => {
  await new PortfolioPage(page).open();
  await openRenewals(page);
  const noBacktest = page.getByTestId('no-backtest');
  await expect(noBacktest).toContainText('No backtest yet');
  await expect(noBacktest.getByRole('link', { name: 'Run a backtest' })).toHaveAttribute(
    'href',
    '/backtest',
  );
  const months = page.getByTestId('renewal-month');
  await expect(months).toHaveCount(12);
  await expect(months.first().getByRole('heading')).toHaveText('November 2026');
  await expect(months.last().getByRole('heading')).toHaveText('October 2027');
  await expect(page.getByTestId('expected-total')).toHaveCount(0);
  await expect(page.getByTestId('method')).toHaveCount(0);
  const rows = page.getByTestId('month-table').getByTestId('renewal-row');
  expect(await rows.count()).toBeGreaterThan(10);
  await expect(rows.first().getByTestId('churn-p')).toHaveText('—');
  await expect(page.getByTestId('disagreements')).toContainText('you have made no calls yet');

  // Call "will churn" on a renewal the model calls commit, in a month with several renewals.
  const target = rows.filter({ has: page.getByTestId('model-call').getByText('Commit') }).last();
  const accountId = (await target.getAttribute('data-account'))!;
  const month = months.filter({ has: page.locator(`[data-account="${accountId}"]`) });
  await target.getByTestId('csm-call').selectOption('will-churn');
  await expect(
    page.getByRole('status').filter({ hasText: 'Your call on' }).filter({ hasText: 'will churn' }),
  ).toBeVisible();
  const disagreement = page.getByTestId('disagreement-table').getByTestId('renewal-row');
  await expect(disagreement).toHaveCount(1);
  await expect(disagreement).toHaveAttribute('data-account', accountId);
  await expect(disagreement.getByTestId('model-call')).toHaveText('Commit');
  await expect(disagreement.getByTestId('csm-call')).toHaveValue('will-churn');
  await expect(disagreement.getByTestId('disagree')).toHaveText('Disagrees');
  // Within its month it is listed first.
  const first = month.getByTestId('renewal-row').first();
  await expect(first).toHaveAttribute('data-account', accountId);
  // A note, by keyboard.
  const note = first.getByTestId('csm-note');
  await note.focus();
  await page.keyboard.type('Champion left in October');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('status').filter({ hasText: 'will churn' }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/renewals-no-backtest.png', fullPage: true });

  await page.reload();
  await expect(page.getByTestId('renewals-basis')).toBeVisible({ timeout: 30_000 });
  const after = page.getByTestId('disagreement-table').getByTestId('renewal-row');
  await expect(after).toHaveAttribute('data-account', accountId);
  await expect(after.getByTestId('csm-call')).toHaveValue('will-churn');
  await expect(after.getByTestId('csm-note')).toHaveValue('Champion left in October');

  // Agreeing with the model clears the disagreement.
  await after.getByTestId('csm-call').selectOption('commit');
  await expect(page.getByTestId('disagreement-table')).toHaveCount(0);

  // By keyboard: the call moves its row to the top of the month, and focus stays on it.
  const row = month.locator(`[data-account="${accountId}"]`);
  const select = row.getByTestId('csm-call');
  await select.focus();
  await page.keyboard.press('ArrowDown');
  await expect(select).toHaveValue('at-risk');
  await expect(month.getByTestId('renewal-row').first()).toHaveAttribute('data-account', accountId);
  await expect(select).toBeFocused();
  await expect(page.getByTestId('disagreement-table').getByTestId('renewal-row')).toHaveCount(1);
  await select.selectOption('commit');
  await expect(page.getByTestId('disagreement-table')).toHaveCount(0);
  await expect(page.getByTestId('disagreements')).toContainText('None.');
});

test('with a backtest: calibrated probabilities and expected churned ARR with its interval', async ({
  page,
}) => {
  await new PortfolioPage(page).open();
  const backtest = new BacktestPage(page);
  await backtest.open();
  await backtest.run();
  await openRenewals(page);
  const basis = page.getByTestId('backtest-basis');
  await expect(basis).toContainText('From the backtest of');
  await expect(basis).toContainText('From the backtest of');
  await expect(page.getByTestId('calibration-horizons').getByRole('listitem')).toHaveCount(3);
  await expect(page.getByTestId('calibration-horizons')).toContainText('60 days ahead: fitted on');
  await expect(page.getByTestId('no-backtest')).toHaveCount(0);
  await expect(page.getByTestId('expected-total')).toHaveText(/^\$[\d,]+$/);
  await expect(page.getByTestId('renewals-total')).toContainText('90% interval $');
  await expect(page.getByTestId('method')).toContainText('Poisson-binomial');
  const summaries = page.getByTestId('month-summary');
  await expect(summaries.first()).toContainText('expected churned ARR $');
  // Every scored renewal has a probability; red ones are likelier to churn than green ones.
  const rows = page.getByTestId('month-table').getByTestId('renewal-row');
  const read = await rows.evaluateAll((els) =>
    els.map((el) => ({
      p: el.querySelector('[data-testid="churn-p"]')?.textContent?.trim() ?? '',
      call: el.querySelector('[data-testid="model-call"]')?.textContent?.trim() ?? '',
    })),
  );
  const scored = read.filter((r) => r.call !== '—');
  expect(scored.length).toBeGreaterThan(10);
  for (const r of scored) expect(r.p).toMatch(/^\d+(\.\d)?%$/);
  const mean = (call: string) => {
    const ps = scored.filter((r) => r.call === call).map((r) => parseFloat(r.p));
    return ps.reduce((s, v) => s + v, 0) / ps.length;
  };
  expect(mean('Will churn')).toBeGreaterThan(mean('Commit'));
  await expect(page.getByTestId('at-risk-definition')).toContainText('Definition.');
  await expect(page.getByTestId('at-risk-row')).toHaveCount(13);
  await page.screenshot({ path: 'test-results/renewals-backtest.png', fullPage: true });

  // For the README: one call that disagrees, shown at the top.
  const commitRow = rows
    .filter({ has: page.getByTestId('model-call').getByText('Commit') })
    .first();
  await commitRow.getByTestId('csm-call').selectOption('will-churn');
  await expect(page.getByTestId('disagreement-table').getByTestId('renewal-row')).toHaveCount(1);
  await readmeShot(
    page,
    'renewals',
    page.getByRole('heading', { level: 1, name: 'Renewals' }),
    page.getByTestId('disagreements'),
  );
  await readmeShot(page, 'renewals-month', page.getByTestId('renewal-month').nth(1));
  await readmeShot(page, 'renewals-at-risk', page.getByTestId('at-risk'));
});

test('an empty book: no renewals and no history, said plainly', async ({ page }) => {
  await new PortfolioPage(page).open();
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.eraseAll();
  await expect(page.getByText('All data erased.').first()).toBeVisible();
  await openRenewals(page);
  await expect(page.getByTestId('no-backtest')).toContainText('No model has scored this book yet');
  await expect(page.getByTestId('no-renewals')).toContainText(
    'No renewals in the next twelve months',
  );
  await expect(page.getByTestId('renewal-month')).toHaveCount(0);
  await expect(page.getByTestId('no-history')).toContainText('No score history yet');
  await page.screenshot({ path: 'test-results/renewals-empty.png', fullPage: true });
});
