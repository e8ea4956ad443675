// The model builder: a weight change shows in the live preview, saving reorders the portfolio,
// invalid imports are refused with their paths, and the page is accessible and fits 375 px.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixture';
import { ModelBuilderPage, PortfolioPage } from './app';

async function firstNames(portfolio: PortfolioPage, n = 8): Promise<string[]> {
  const names = portfolio.rows().locator('a.name');
  await expect(names.first()).toBeVisible();
  return (await names.allInnerTexts()).slice(0, n);
}

test('a weight change shows in the preview, and saving it reorders the portfolio', async ({
  page,
}) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  const before = await firstNames(portfolio);

  const builder = new ModelBuilderPage(page);
  await builder.open();
  const previewBefore = await builder.previewText();
  await expect(builder.saveButton()).toBeDisabled();
  await expect(builder.versionRows()).toHaveCount(1);

  await builder.setGroupWeight('Usage', '0');
  await builder.setGroupWeight('Relationship', '200');
  await expect.poll(() => builder.previewText(), { timeout: 15_000 }).not.toBe(previewBefore);
  await expect(page.getByTestId('group-share').first()).toHaveText(/Effective share 0\.0%/);

  await builder.save();
  await expect(builder.versionRows()).toHaveCount(2);
  await expect(builder.versionRows().first()).toContainText('v2');
  await expect(builder.versionRows().first()).toContainText('Active');
  await expect(builder.versionRows().first()).toContainText('weight 30 → 0');

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Portfolio' })
    .click();
  await portfolio.waitForBook();
  await expect.poll(() => firstNames(portfolio), { timeout: 30_000 }).not.toEqual(before);
});

test('a field error shows beside the field and blocks saving until fixed', async ({ page }) => {
  await new PortfolioPage(page).open();
  const builder = new ModelBuilderPage(page);
  await builder.open();
  await builder.setGroupWeight('Usage', '');
  const weight = page.getByLabel('Usage weight', { exact: true });
  await expect(weight).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#f-groups-0-weight-err')).toHaveText(
    /groups\[0\]\.weight|is required|must be/,
  );
  await expect(page.getByTestId('model-errors')).toContainText('groups[0].weight');
  await expect(builder.saveButton()).toBeDisabled();
  await expect(page.getByTestId('save-reason')).toHaveText('Fix 1 problem to save.');
  await builder.setGroupWeight('Usage', '45');
  await expect(page.getByTestId('model-errors')).toHaveCount(0);
  await expect(builder.saveButton()).toBeEnabled();

  // Typing a negative threshold key by key keeps the intermediate "-" (the input is not reset).
  const measure = page.getByTestId('measure-editor').nth(1);
  await measure.locator('summary').click();
  const red = measure.getByLabel('Red at (scores 0)');
  await red.fill('');
  await red.pressSequentially('-45');
  await expect(red).toHaveValue('-45');
  await expect(measure).toContainText('linear, red -45 → green 0');
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByLabel('Usage weight', { exact: true })).toHaveValue('30');
});

test('an invalid model file is refused with its paths and nothing is saved', async ({ page }) => {
  await new PortfolioPage(page).open();
  const builder = new ModelBuilderPage(page);
  await builder.open();
  await expect(builder.versionRows()).toHaveCount(1);
  const bad = {
    format: 'canary-model/1',
    id: 'broken',
    name: 'Broken',
    version: 1,
    groups: [
      {
        id: 'usage',
        name: 'Usage',
        weight: 'heavy',
        measures: [
          {
            id: 'm',
            name: 'M',
            weight: 1,
            source: { kind: 'aggregate', metric: 'active_users', agg: 'median', windowDays: 28 },
            scoring: { type: 'linear', red: 0, green: 10 },
            horizon: 'leading',
            nature: 'activity',
          },
        ],
      },
    ],
  };
  await builder.importFile('broken-model.json', JSON.stringify(bad));
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('broken-model.json was not imported');
  await expect(errors).toContainText('groups[0].weight');
  await expect(errors).toContainText('groups[0].measures[0].source.agg');
  await expect(page.getByTestId('save-reason')).toHaveText('No unsaved changes.');
  await expect(builder.versionRows()).toHaveCount(1);

  await builder.importFile('not-json.json', '{ "format": ');
  await expect(errors).toContainText('not-json.json is not valid JSON');
  await expect(builder.versionRows()).toHaveCount(1);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the model builder has no axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await new PortfolioPage(page).open();
    const builder = new ModelBuilderPage(page);
    await builder.open();
    // Open one measure and show a validation error so those states are checked too.
    await page.getByTestId('measure-editor').first().locator('summary').click();
    await builder.setGroupWeight('Support', '');
    await expect(page.getByTestId('model-errors')).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations).toEqual([]);
  });
}

test('the model builder fits a 375 px wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await new PortfolioPage(page).open();
  await page.goto('/model');
  await new ModelBuilderPage(page).waitForPreview();
  await page.getByTestId('measure-editor').first().locator('summary').click();
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
});

test('starting from a preset asks first, and leaving with unsaved changes is guarded', async ({
  page,
}) => {
  await new PortfolioPage(page).open();
  const builder = new ModelBuilderPage(page);
  await builder.open();
  await page.getByLabel('Preset').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Start from preset…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Your draft will be replaced');
  await dialog.getByRole('button', { name: 'Replace the draft' }).click();
  await expect(page.getByLabel('Usage weight', { exact: true })).toHaveValue('40');
  await expect(builder.saveButton()).toBeEnabled();

  const nav = page.getByRole('navigation', { name: 'Main' });
  page.once('dialog', (d) => void d.dismiss());
  await nav.getByRole('link', { name: 'Portfolio' }).click();
  await expect(page).toHaveURL(/\/model$/);
  await expect(page.getByLabel('Usage weight', { exact: true })).toHaveValue('40');

  page.once('dialog', (d) => void d.accept());
  await nav.getByRole('link', { name: 'Portfolio' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Portfolio' })).toBeVisible();
});
