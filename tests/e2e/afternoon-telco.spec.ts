// The CS lead's afternoon on the IBM Telco file, in Chromium: an empty book, the whole file
// imported through the Import page (a snapshot, its outcomes observed by the snapshot date),
// the page saying the default model reads none of it, "Build a model from your data" fitted on
// the same day (horizon 0) and shown beside the current model as weaker evidence, saved, the
// portfolio scoring every live account, and the Backtest page choosing the same day. The
// out-of-sample AUC is the CLI's on the same data: `snapshot --horizon 0` then
// `fit --horizon 0` print 0.845. With CANARY_README_SCREENSHOTS=1 the steps write the README's
// docs/screenshots/afternoon-telco-*.png.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, TODAY, type Page } from './fixture';
import { TELCO_CSV } from '../datasets';
import {
  BacktestPage,
  ImportPage,
  liveScores,
  ModelBuilderPage,
  PortfolioPage,
  SettingsPage,
} from './app';
import { readmeShot } from './readme-shots';

test.use({ viewport: { width: 1280, height: 900 } });

/** 7,043 customers, 1,869 churned: those are archived, the live book is the ones who stayed. */
const LIVE = 7043 - 1869;

/** A table row whose accessible name starts with `name` ("Tenure (months)"). */
function rowNamed(table: ReturnType<Page['getByTestId']>, name: string) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return table.getByRole('row', { name: new RegExp(`^${escaped}(\\s|$)`) });
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

test('Telco from an empty book: imported as a snapshot, a model built from it on the same day, scored and backtested', async ({
  page,
}) => {
  test.setTimeout(240_000);

  await test.step('an empty book', async () => {
    await new PortfolioPage(page).open();
    const settings = new SettingsPage(page);
    await settings.open();
    await settings.eraseAll();
    await expect(page.getByText('All data erased.').first()).toBeVisible();
  });

  const imports = new ImportPage(page);
  await test.step('import the file: a snapshot, its outcome observed by the snapshot date', async () => {
    await imports.open();
    await imports.pick({ name: 'Telco-Customer-Churn.csv', content: readFileSync(TELCO_CSV) });
    await imports.waitForMapping();
    await expect(page.getByTestId('preset-recognised')).toContainText('IBM Telco customer churn');
    await page.getByTestId('snapshot-date').fill(TODAY);
    const question = page.getByTestId('snapshot-outcome-question');
    await expect(question).toContainText('“Churn” = Yes means the customer left');
    await question.getByRole('radio', { name: /by the snapshot date/ }).check();
    await expect(page.getByLabel(/Add accounts Canary does not know yet/)).toBeChecked();
    await readmeShot(
      page,
      'afternoon-telco-import',
      page.getByRole('heading', { name: 'Map Telco-Customer-Churn.csv' }),
      question,
    );
    await imports.checkRows();
    await expect(page.getByTestId('rows-ok')).toHaveText('7,043');
    await expect(page.getByTestId('outcome-counts')).toHaveText(
      '7,043: 5,174 renewals, 1,869 churns',
    );
    await expect(page.getByTestId('snapshot-outcome-note')).toHaveText(
      'The outcomes are dated on the snapshot date: only a same-day backtest (horizon 0) is possible.',
    );
    await imports.importRows();
    await expect(imports.result()).toContainText(
      'Imported Telco-Customer-Churn.csv: 56,333 new points, 0 unchanged, 7,043 accounts added',
      { timeout: 120_000 },
    );
    await expect(imports.result()).toContainText('outcomes 5,174 renewals, 1,869 churns');
  });

  const banner = page.getByTestId('coverage-banner');
  await test.step('the import result and the portfolio say the model reads none of it', async () => {
    await expect(banner).toContainText(
      `The active model uses none of the columns in your data: 0 of 5,174 live accounts have data for it.`,
    );
    await nav(page, 'Portfolio');
    await new PortfolioPage(page).waitForBook();
    await expect(banner).toContainText('0 of 5,174 live accounts have data for it');
    // The churned customers are archived; every live one is "Not scored", none green on nothing.
    await expect(page.getByTestId('archive-filter')).toContainText('Live (5,174)');
    await expect(page.getByTestId('archive-filter')).toContainText('Archived — churned (1,869)');
    await expect(page.getByTestId('tile-unscored')).toContainText('5,174');
    for (const band of ['red', 'amber', 'green'])
      await expect(page.getByTestId(`tile-${band}`).locator('.big')).toHaveText('0');
    // Telco has no ARR column: the tiles say nothing about ARR rather than "$0 ARR".
    await expect(page.getByTestId('tile-unscored')).not.toContainText('ARR');
    await expect(page.getByTestId('portfolio-row').first()).toContainText('Not scored');
    expect(await liveScores(page)).toEqual({ live: LIVE, scored: 0, greenOnMissingData: 0 });
    const axe = await new AxeBuilder({ page }).include('[data-testid="coverage-banner"]').analyze();
    expect(axe.violations).toEqual([]);
    await readmeShot(page, 'afternoon-telco-portfolio-before');
  });

  await test.step('Build a model from your data: fitted on the same day, beside the current model', async () => {
    await banner.getByRole('link', { name: 'Build a model from your data' }).click();
    await expect(page).toHaveURL(/\/model$/);
    await expect(page.getByTestId('proposal-result')).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId('proposal-summary')).toContainText(
      '19 measures from 8 metrics and 11 attributes of your 7,043 accounts, grouped as Support, Relationship, Financial and Other.',
    );
    // Labelled as same-day, weaker evidence.
    await expect(page.getByTestId('proposal-same-day')).toContainText(
      'Same day · weaker evidence than a point-in-time horizon.',
    );
    const evidence = page.getByTestId('proposal-evidence');
    await expect(evidence.locator('caption')).toContainText(
      'Five dimensions (30/20/15/20/15) beside the proposal, on the same day as each outcome (horizon 0: weaker evidence',
    );
    await expect(rowNamed(evidence, 'Outcomes it could score').getByRole('cell')).toHaveText([
      '0',
      '7,043',
    ]);
    const aucCells = evidence.getByRole('row', { name: /^AUC/ }).getByRole('cell');
    await expect(aucCells.first()).toHaveText('no data');
    const auc = Number(await aucCells.last().innerText());
    console.info(`Telco proposal, same day, out of sample: AUC ${auc}`);
    // The CLI's `fit --horizon 0` on the same file: 0.845.
    expect(auc).toBeGreaterThan(0.82);
    expect(auc).toBeLessThan(0.87);
    await expect(page.getByTestId('proposal-better')).toContainText(
      'It beats the current model out of sample.',
    );
    const measures = page.getByTestId('proposal-measures');
    await expect(rowNamed(measures, 'Monthly charges')).toContainText('Financial');
    await expect(rowNamed(measures, 'Tenure (months)')).toContainText('Relationship');
    await expect(rowNamed(measures, 'Tenure (months)')).toContainText('Higher is better');
    await expect(rowNamed(measures, 'Tenure (months)')).toContainText('fitted to your outcomes');
    await expect(rowNamed(measures, 'Payment method')).toContainText('Points per category');
    await expect(page.getByTestId('proposal-in-draft')).toBeVisible();
    const builder = new ModelBuilderPage(page);
    await builder.waitForPreview();
    await expect(
      page.getByTestId('measure-editor').filter({ hasText: 'Tenure (months)' }),
    ).toContainText('higher is better');
    const axe = await new AxeBuilder({ page }).include('[data-testid="proposal-panel"]').analyze();
    expect(axe.violations).toEqual([]);
    await readmeShot(
      page,
      'afternoon-telco-proposal',
      page
        .getByTestId('proposal-panel')
        .getByRole('heading', { name: 'Build a model from your data' }),
      evidence,
    );
    await builder.save();
    await expect(
      builder.versionRows().filter({ hasText: 'Built from your data (fitted)' }),
    ).toHaveCount(1);
  });

  await test.step('the portfolio scores every live account', async () => {
    await nav(page, 'Portfolio');
    await new PortfolioPage(page).waitForBook();
    await expect(banner).toHaveCount(0);
    await expect(page.getByTestId('tile-unscored')).toHaveCount(0);
    expect(await liveScores(page)).toEqual({ live: LIVE, scored: LIVE, greenOnMissingData: 0 });
    // The tiles count the same live accounts.
    let tiles = 0;
    for (const band of ['red', 'amber', 'green']) {
      const text = await page.getByTestId(`tile-${band}`).locator('.big').innerText();
      tiles += Number(text.replace(/,/g, ''));
    }
    expect(tiles).toBe(LIVE);
    await expect(page.getByTestId('portfolio-row').first()).not.toContainText('Not scored');
    await expect(page.getByTestId('portfolio-row').first()).toContainText(/Red \d+/);
    await readmeShot(page, 'afternoon-telco-portfolio');
  });

  await test.step('the Backtest page chooses the same day and shows the numbers', async () => {
    const backtest = new BacktestPage(page);
    await backtest.open();
    await expect(page.getByTestId('horizon-coverage')).toContainText(
      'only a same-day test is possible and horizon 0 is chosen',
    );
    await expect(page.getByRole('checkbox', { name: /^Same day \(0 days/ })).toBeChecked();
    for (const h of [30, 60, 90])
      await expect(
        page.getByRole('checkbox', { name: `${h} days`, exact: true }),
      ).not.toBeChecked();
    await backtest.run();
    await expect(page.getByTestId('outcome-counts')).toHaveText('7,043');
    await expect(page.getByTestId('churned-count')).toContainText('1,869 churned');
    await expect(page.getByTestId('same-day-label')).toHaveText(
      'Same day · weaker evidence than a point-in-time horizon',
    );
    // The saved version is the fit: backtested on its own outcomes it is in sample, and says so.
    const warnings = page.getByTestId('warnings');
    await expect(warnings).toContainText(
      'In sample: this version was fitted to 7,043 outcomes (1,869 churned), scored on the same day as each.',
    );
    await expect(warnings).toContainText('weaker evidence than a point-in-time horizon');
    const auc = await backtest.auc();
    console.info(`Telco backtest of the saved fit, same day (in sample): AUC ${auc}`);
    expect(auc).toBeGreaterThan(0.82);
    expect(auc).toBeLessThan(0.87);
    const kinds = page.getByTestId('outcome-kinds');
    await expect(rowNamed(kinds, 'Churned').getByRole('cell').first()).toHaveText('1,869');
    await expect(rowNamed(kinds, 'Renewed').getByRole('cell').first()).toHaveText('5,174');
    await expect(page.getByTestId('stored-backtest')).toContainText('same day: AUC 0.');
    await readmeShot(
      page,
      'afternoon-telco-backtest',
      page.getByTestId('backtest-results').getByRole('heading', { level: 2 }),
      page.getByTestId('headline'),
      page.getByTestId('band-table'),
    );
  });
});
