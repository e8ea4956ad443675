// The backtest page on the demo book: metrics and band intervals, misses linking to accounts,
// suggested weights (accept or an explanation), version comparison, cancel, axe, 375 px.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixture';
import { BacktestPage, ModelBuilderPage, PortfolioPage } from './app';

test('the backtest shows AUC, bands with intervals, and churned-while-green accounts', async ({
  page,
}) => {
  await new PortfolioPage(page).open();
  const backtest = new BacktestPage(page);
  await backtest.open();
  await expect(backtest.storedBacktest()).toContainText('not been backtested yet');
  await backtest.run();

  const auc = await backtest.auc();
  expect(auc).toBeGreaterThan(0.7);
  expect(auc).toBeLessThan(0.95);
  await expect(page.getByText('0.5 = chance, 1 = perfect')).toBeVisible();
  await expect(backtest.bandRows()).toHaveCount(3);
  for (const ci of await page.getByTestId('band-ci').allInnerTexts()) {
    expect(ci).toMatch(/^\d+%–\d+%$/);
  }
  await expect(page.getByTestId('renewal-statement')).toHaveText(
    /(renewed \d+% of the time \(n = \d+, 95% CI \d+%–\d+%\))|Not enough outcomes/,
  );
  await expect(page.getByTestId('lead-time')).toContainText('median');
  await expect(page.getByTestId('lead-time')).toContainText('last unbroken red stretch');
  await expect(page.getByTestId('calibration-slope')).toContainText(
    /Calibration slope \d+\.\d\d reading the score as a risk, \d+\.\d\d out of sample/,
  );
  await expect(page.getByRole('figure')).toHaveCount(4);
  // The run is kept with the version and shown in the selector.
  await expect(backtest.storedBacktest()).toContainText(/60 d: AUC 0\.\d{3}/);
  await expect(page.getByTestId('version-select')).toContainText(/AUC 0\.\d{3} at 60 days/);

  // Other horizons are one click away.
  await page.getByRole('radio', { name: '90 days' }).check();
  await expect(page.getByRole('caption').first()).toContainText('90 days');

  await page.getByRole('radio', { name: '60 days' }).check();
  const links = backtest.churnedWhileGreenLinks();
  await expect(links.first()).toBeVisible();
  const name = (await links.first().innerText()).trim();
  await links.first().click();
  await expect(page).toHaveURL(/\/account\?id=/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});

test('suggest weights shows the evidence, and an accept button only when offered', async ({
  page,
}) => {
  await new PortfolioPage(page).open();
  const backtest = new BacktestPage(page);
  await backtest.open();
  await backtest.suggestWeights();
  await expect(page.getByTestId('fit-weights').getByRole('row').nth(1)).toContainText('points');
  await expect(page.getByText(/Suggested bands: red 0–\d+/)).toBeVisible();
  const accept = page.getByRole('button', { name: 'Save as a new model version…' });
  if (await page.getByTestId('fit-offered').isVisible()) {
    await accept.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Save and activate' }).click();
    await expect(page.getByTestId('version-select')).toContainText('(fitted)');
  } else {
    await expect(page.getByTestId('fit-not-offered').getByRole('listitem').first()).toBeVisible();
    await expect(accept).toHaveCount(0);
  }
});

test('comparing two versions lists the outcomes that change band', async ({ page }) => {
  await new PortfolioPage(page).open();
  const builder = new ModelBuilderPage(page);
  await builder.open();
  await builder.setGroupWeight('Usage', '0');
  await builder.save();

  const backtest = new BacktestPage(page);
  await backtest.open();
  await backtest.compare(/ v1 /, / v2 \(active\)/);
  await expect(page.getByTestId('band-change-count')).toHaveText(/^\d+ outcomes? change band/);
  const changes = page.getByTestId('band-change');
  expect(await changes.count()).toBeGreaterThan(0);
  await expect(page.getByTestId('compare-result')).toContainText('ROC AUC');
  await expect(changes.first().getByRole('link')).toHaveAttribute('href', /\/account\?id=/);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
});

test('cancelling a running backtest says so and changes nothing', async ({ page }) => {
  await new PortfolioPage(page).open();
  const backtest = new BacktestPage(page);
  await backtest.open();
  await expect(backtest.storedBacktest()).toContainText('not been backtested yet');
  await backtest.runAndCancelAtOnce();
  await expect(page.getByTestId('task-notice')).toHaveText(
    'Backtest cancelled. Nothing was changed.',
  );
  await expect(backtest.results()).toHaveCount(0);
  await expect(backtest.storedBacktest()).toContainText('not been backtested yet');
  // The worker restarts cleanly: the next run works.
  await backtest.run();
  await expect(backtest.storedBacktest()).toContainText(/60 d: AUC/);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the backtest page has no axe violations with results (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await new PortfolioPage(page).open();
    const backtest = new BacktestPage(page);
    await backtest.open();
    await backtest.run();
    await backtest.suggestWeights();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations).toEqual([]);
  });
}

test('the backtest page fits a 375 px wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await new PortfolioPage(page).open();
  await page.goto('/backtest');
  const backtest = new BacktestPage(page);
  await backtest.run();
  await backtest.suggestWeights();
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
});
