// A model from the book's own data, in Chromium, on a 600-customer slice of Telco. Without
// outcomes (its Churn column ignored) the default model scores nothing; the import result and
// the portfolio say so and offer "Build a model from your data"; the proposal is scored by the
// book's own percentiles and says so, is saved as a new version, and then scores the book. With
// outcomes dated after the data, the proposal is fitted and shown beside the current model's
// backtest before saving. (The whole Telco file, fitted on the same day, is
// afternoon-telco.spec.ts.)
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import Papa from 'papaparse';
import { expect, test, type Page } from './fixture';
import { TELCO_CSV } from '../datasets';
import { ImportPage, ModelBuilderPage, PortfolioPage, SettingsPage } from './app';

const TODAY = '2026-11-23';
/** Telco accounts imported (a slice of the file keeps the run short on a shared machine). */
const ACCOUNTS = 600;

const telco = Papa.parse<Record<string, string>>(readFileSync(TELCO_CSV, 'utf8'), {
  header: true,
  skipEmptyLines: true,
});
const rows = telco.data.slice(0, ACCOUNTS);
const fields = telco.meta.fields!;

/** The first ACCOUNTS rows of the Telco file, as the file itself (same header: its preset). */
function telcoSlice(): string {
  return Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f])) });
}

/** Current scores in the app's database: how many accounts have a score at all. */
async function scoredAccounts(page: Page): Promise<{ accounts: number; scored: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('canary');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction('currentScores', 'readonly');
          const all = tx.objectStore('currentScores').getAll();
          all.onsuccess = () => {
            const scores = all.result as { score: number | null }[];
            resolve({
              accounts: scores.length,
              scored: scores.filter((s) => s.score !== null).length,
            });
          };
          tx.oncomplete = () => db.close();
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** A table row whose accessible name starts with `name` ("Tenure (months)"). */
function rowNamed(table: ReturnType<Page['getByTestId']>, name: string) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return table.getByRole('row', { name: new RegExp(`^${escaped}(\\s|$)`) });
}

async function emptyBook(page: Page): Promise<void> {
  await page.clock.setFixedTime(new Date(`${TODAY}T12:00:00Z`));
  await new PortfolioPage(page).open();
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.eraseAll();
  await expect(page.getByText('All data erased.')).toBeVisible();
}

async function importFile(
  imports: ImportPage,
  name: string,
  content: string,
  setUp: () => Promise<void> = async () => {},
): Promise<void> {
  await imports.pick({ name, content });
  await imports.waitForMapping();
  await setUp();
  await imports.checkRows();
  await imports.importRows();
  await expect(imports.result()).toContainText(`Imported ${name}`, { timeout: 60_000 });
}

test("a book without outcomes: told the model reads none of it, the proposal is scored by the book's own percentiles", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await emptyBook(page);
  const imports = new ImportPage(page);
  await imports.open();
  // The Telco slice without its Churn column: a book with no outcomes at all.
  await importFile(imports, 'Telco-Customer-Churn.csv', telcoSlice(), async () => {
    await expect(page.getByText(/IBM Telco customer churn/).first()).toBeVisible();
    await page.getByTestId('snapshot-date').fill(TODAY);
    await page.getByLabel('Use column Churn as').selectOption({ label: 'Ignore' });
    await expect(page.getByTestId('snapshot-outcome-question')).toHaveCount(0);
  });
  await expect(imports.result()).not.toContainText('outcomes');

  // The import result says plainly that the default model reads none of the columns.
  const banner = page.getByTestId('coverage-banner');
  await expect(banner).toContainText(
    `The active model uses none of the columns in your data: 0 of ${ACCOUNTS} live accounts have data for it.`,
  );
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Portfolio' })
    .click();
  await expect(banner).toContainText(`0 of ${ACCOUNTS} live accounts have data for it`);
  await banner.getByRole('link', { name: 'Build a model from your data' }).click();

  // Nothing to test it against: scored by percentiles, directions read from the names.
  await expect(page).toHaveURL(/\/model$/);
  await expect(page.getByTestId('proposal-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('proposal-summary')).toContainText(
    `of your ${ACCOUNTS} accounts, grouped as Support, Relationship, Financial and Other`,
  );
  const percentiles = page.getByTestId('proposal-percentiles');
  await expect(percentiles).toContainText(
    "No outcomes to test it against yet: scored against your book's own percentiles.",
  );
  await expect(percentiles).toContainText('The book has no renewal outcomes yet.');
  await expect(page.getByTestId('proposal-evidence')).toHaveCount(0);
  const measures = page.getByTestId('proposal-measures');
  const row = (name: string) => rowNamed(measures, name);
  await expect(row('Monthly charges')).toContainText('Financial');
  await expect(row('Monthly charges')).toContainText('Higher is better');
  await expect(row('Monthly charges')).toContainText('assumed: nothing in the name says otherwise');
  await expect(row('Tenure (months)')).toContainText('Relationship');
  await expect(row('Payment method')).toContainText(
    'no weight until outcomes give each category its points',
  );
  await expect(page.getByTestId('proposal-in-draft')).toBeVisible();
  const panelAxe = await new AxeBuilder({ page })
    .include('[data-testid="proposal-panel"]')
    .analyze();
  expect(panelAxe.violations).toEqual([]);

  // The preview scores the book with the draft (the saved model scores nothing: no examples).
  const builder = new ModelBuilderPage(page);
  await expect(
    page.getByTestId('band-distribution').getByRole('row', { name: /^Not scored 600 0 / }),
  ).toBeVisible({ timeout: 30_000 });
  await builder.save();
  await expect(builder.versionRows().filter({ hasText: 'Built from your data' })).toHaveCount(1);

  // Back on the portfolio: the banner is gone and the accounts are scored.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Portfolio' })
    .click();
  await new PortfolioPage(page).waitForBook();
  await expect(banner).toHaveCount(0);
  const counts = await scoredAccounts(page);
  expect(counts.accounts).toBe(ACCOUNTS);
  expect(counts.scored).toBeGreaterThan(ACCOUNTS / 2);
  await expect(page.getByTestId('portfolio-row').first()).not.toContainText('Not scored');
});

test('with outcomes after the data, the proposal is fitted and shown beside the current model before saving', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await emptyBook(page);
  const imports = new ImportPage(page);
  await imports.open();
  // The same customers as canonical files: attributes, the snapshot's numbers as signals dated
  // a month before today, and each Churn answer recorded today.
  const snapshot = '2026-10-24';
  const text = ['gender', 'Contract', 'InternetService', 'PaymentMethod', 'TechSupport'];
  const accounts = Papa.unparse({
    fields: ['account_id', ...text],
    data: rows.map((r) => [r.customerID, ...text.map((f) => r[f])]),
  });
  const signals = Papa.unparse({
    fields: ['account_id', 'date', 'metric', 'value'],
    data: rows.flatMap((r) =>
      ['tenure_months', 'monthly_charges'].map((m, i) => [
        r.customerID,
        snapshot,
        m,
        i === 0 ? r.tenure : r.MonthlyCharges,
      ]),
    ),
  });
  const outcomes = Papa.unparse({
    fields: ['account_id', 'date', 'outcome'],
    data: rows.map((r) => [r.customerID, TODAY, r.Churn === 'Yes' ? 'churned' : 'renewed']),
  });
  await importFile(imports, 'accounts.csv', accounts);
  await importFile(imports, 'signals.csv', signals);
  await importFile(imports, 'outcomes.csv', outcomes);
  // The churned customers are archived: the banner counts the live ones.
  const live = rows.filter((r) => r.Churn !== 'Yes').length;
  await expect(page.getByTestId('coverage-banner')).toContainText(
    `0 of ${live} live accounts have data for it`,
  );
  await page
    .getByTestId('coverage-banner')
    .getByRole('link', { name: 'Build a model from your data' })
    .click();

  // Fitted at 30 days (the data is a month older than the outcomes) and tested out of sample.
  const evidence = page.getByTestId('proposal-evidence');
  await expect(evidence).toBeVisible({ timeout: 90_000 });
  await expect(evidence).toContainText('30 days before each outcome');
  const scoredCells = rowNamed(evidence, 'Outcomes it could score').getByRole('cell');
  await expect(scoredCells).toHaveText(['0', String(ACCOUNTS)]);
  await expect(evidence.getByRole('row', { name: /^AUC/ })).toContainText('no data');
  const auc = Number(
    /(0\.\d{3})$/.exec((await evidence.getByRole('row', { name: /^AUC/ }).innerText()).trim())![1],
  );
  expect(auc).toBeGreaterThan(0.75);
  await expect(page.getByTestId('proposal-better')).toContainText(
    'It beats the current model out of sample.',
  );
  const row = (name: string) => rowNamed(page.getByTestId('proposal-measures'), name);
  await expect(row('Tenure (months)')).toContainText('fitted to your outcomes');
  await expect(row('Tenure (months)')).toContainText('Higher is better');
  await page
    .getByTestId('proposal-panel')
    .screenshot({ path: 'test-results/own-model-fitted.png' });
  const builder = new ModelBuilderPage(page);
  await builder.save();
  await expect(
    builder.versionRows().filter({ hasText: 'Built from your data (fitted)' }),
  ).toHaveCount(1);
});
