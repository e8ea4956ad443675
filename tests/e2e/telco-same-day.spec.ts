// The IBM Telco snapshot end to end, from an empty book: imported through the Import page
// (answering when Churn was observed), a Telco model imported in the builder, the Backtest page
// choosing the same-day horizon for a book that allows no other, and Suggest weights at it.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixture';
import { TELCO_CSV } from '../datasets';
import { BacktestPage, ImportPage, ModelBuilderPage, PortfolioPage, SettingsPage } from './app';

const TELCO_MODEL = new URL('../fixtures/models/telco-import.json', import.meta.url);

test('Telco: the snapshot questions, a same-day backtest of 7,043 outcomes and a fit near 0.84', async ({
  page,
}) => {
  test.setTimeout(240_000);

  // An empty book.
  await new PortfolioPage(page).open();
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.eraseAll();
  await expect(page.getByText('All data erased.')).toBeVisible();

  // Import: the preset is recognised; the date and the outcome's meaning are asked.
  const imports = new ImportPage(page);
  await imports.open();
  await imports.pick({ name: 'Telco-Customer-Churn.csv', content: readFileSync(TELCO_CSV) });
  await imports.waitForMapping();
  await expect(page.getByTestId('preset-recognised')).toContainText('IBM Telco customer churn');
  const checkRows = page.getByRole('button', { name: 'Check rows' });
  await page.getByTestId('snapshot-date').fill('2024-06-30');
  const question = page.getByTestId('snapshot-outcome-question');
  await expect(question).toContainText('“Churn” = Yes means the customer left');
  await expect(question).toContainText('Required');
  await expect(checkRows).toBeDisabled();
  // "Within N days" shows the day the outcomes would be dated…
  await question.getByLabel('Days after the snapshot the outcome was observed').fill('90');
  await expect(question.getByRole('radio', { name: /within/ })).toBeChecked();
  await expect(page.getByTestId('snapshot-outcome-observed')).toHaveText('Sep 28, 2024');
  await expect(checkRows).toBeEnabled();
  // …but this file describes each customer as they were when they left.
  await question.getByRole('radio', { name: /by the snapshot date/ }).check();
  await expect(page.getByTestId('snapshot-outcome-observed')).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).include('[data-testid="column-mapping"]').analyze();
  expect(axe.violations).toEqual([]);
  const questionAxe = await new AxeBuilder({ page })
    .include('[data-testid="snapshot-outcome-question"]')
    .analyze();
  expect(questionAxe.violations).toEqual([]);

  await imports.checkRows();
  await expect(page.getByTestId('rows-ok')).toHaveText('7,043');
  await expect(page.getByTestId('snapshot-outcome-note')).toHaveText(
    'The outcomes are dated on the snapshot date: only a same-day backtest (horizon 0) is possible.',
  );
  await imports.importRows();
  await expect(imports.result()).toBeVisible({ timeout: 120_000 });

  // A model over the preset's columns (the default model reads none of them).
  const builder = new ModelBuilderPage(page);
  await builder.open();
  await builder.importFile('telco-import.json', readFileSync(TELCO_MODEL, 'utf8'));
  await expect(
    page.getByText('Imported “Telco churn (snapshot import)” into the draft'),
  ).toBeVisible();
  await builder.save();

  // Backtest: only a same-day test is possible, and the page says so and chooses it.
  const backtest = new BacktestPage(page);
  await backtest.open();
  await expect(page.getByTestId('horizon-coverage')).toContainText(
    'only a same-day test is possible and horizon 0 is chosen',
  );
  const sameDay = page.getByRole('checkbox', { name: /^Same day \(0 days/ });
  await expect(sameDay).toBeChecked();
  for (const h of [30, 60, 90])
    await expect(page.getByRole('checkbox', { name: `${h} days`, exact: true })).not.toBeChecked();
  await sameDay.check();
  await backtest.run();
  await expect(page.getByTestId('outcome-counts')).toHaveText('7,043');
  await expect(page.getByTestId('churned-count')).toContainText('1,869 churned');
  await expect(page.getByTestId('churned-count')).toContainText('scored on the outcome day');
  await expect(page.getByTestId('same-day-label')).toHaveText(
    'Same day · weaker evidence than a point-in-time horizon',
  );
  await expect(page.getByTestId('warnings')).toContainText(
    'weaker evidence than a point-in-time horizon',
  );
  await expect(page.getByTestId('lead-time')).toContainText('Not applicable');
  const auc = await backtest.auc();
  expect(auc).toBeGreaterThan(0.8);
  expect(auc).toBeLessThan(0.88);
  await expect(page.getByTestId('stored-backtest')).toContainText('same day: AUC 0.');

  // Suggest weights at the same day reaches the CLI's out-of-sample figure.
  await expect(page.getByRole('combobox', { name: /^Horizon/ })).toHaveValue('0');
  await backtest.suggestWeights();
  await expect(page.getByTestId('fit-same-day')).toBeVisible();
  const fitted = Number(await page.getByTestId('fit-auc').innerText());
  expect(fitted).toBeGreaterThan(0.82);
  expect(fitted).toBeLessThan(0.87);
  await expect(page.getByTestId('fit-result')).toContainText('Fitted on 7,043 outcomes (1,869');
  const results = await new AxeBuilder({ page }).include('main').analyze();
  expect(results.violations).toEqual([]);
});
