// What changed and why, and the weekly digest, on the demo book: the portfolio's "Since last
// week" tile opens the change list of the last 7 days; every listed row has a cause in words and
// a link to its account; a longer period and a lower threshold list more; the digest renders,
// prints (print media) and downloads as HTML and Markdown; an empty book says so plainly. Then
// on a real data set (RavenStack, imported through the UI, a model built from it).
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixture';
import { RAVENSTACK_DIR } from '../datasets';
import { ImportPage, ModelBuilderPage, PortfolioPage, SettingsPage } from './app';

test.use({ viewport: { width: 1280, height: 900 } });

async function waitForList(page: Page): Promise<void> {
  await expect(
    page.getByTestId('changes-summary').or(page.getByTestId('changes-empty')),
  ).toBeVisible({
    timeout: 60_000,
  });
}

test('the tile opens the changes of the last 7 days, with causes and account links', async ({
  page,
}) => {
  await new PortfolioPage(page).open();
  const tile = page.getByTestId('tile-changes');
  await expect(tile).toContainText('Since last week');
  // The tile's own count of band moves down, to compare with the list's.
  const tileText = await tile.innerText();
  await tile.click();
  await expect(page).toHaveURL(/\/changes\?days=7&min=10$/);
  await expect(page.getByRole('heading', { level: 1, name: 'What changed and why' })).toBeVisible();
  await waitForList(page);
  await expect(page.getByRole('radio', { name: 'Last 7 days' })).toBeChecked();
  const rows = page.getByTestId('change-row');
  const n7 = await rows.count();
  expect(n7).toBeGreaterThan(3);
  await expect(page.getByTestId('changes-summary')).toContainText(`${n7} accounts listed`);
  for (const cause of await page.getByTestId('change-cause').allInnerTexts()) {
    expect(cause.length).toBeGreaterThan(15);
  }
  // Measures named in human words, with their values before and after.
  await expect(
    page
      .getByTestId('change-cause')
      .filter({ hasText: /fell from|rose from/ })
      .first(),
  ).toBeVisible();
  console.info(`Since last week tile: ${tileText.replace(/\s+/g, ' ')}; listed ${n7}`);
  await page.screenshot({ path: 'test-results/changes-7.png', fullPage: true });

  // Longer period, lower threshold: more rows; the address keeps the choice.
  await page.getByRole('radio', { name: 'Last 30 days' }).check();
  await expect(page).toHaveURL(/days=30&min=10/);
  await expect(page.getByTestId('changes-summary')).not.toContainText(`${n7} accounts listed`);
  await waitForList(page);
  const n30 = await rows.count();
  expect(n30).toBeGreaterThan(n7);
  const min = page.getByTestId('min-points');
  await min.fill('5');
  await min.press('Enter');
  await expect(page).toHaveURL(/days=30&min=5/);
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(n30);
  console.info(`changes: 7 days ${n7}, 30 days ${n30}, 30 days ≥5 points ${await rows.count()}`);

  // More causes open by keyboard.
  const more = page.locator('details summary').first();
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('details[open] li').first()).toBeVisible();

  // An account link opens the account.
  const first = rows.first();
  const name = await first.getByRole('link').innerText();
  await first.getByRole('link').click();
  await expect(page).toHaveURL(/\/account\?id=/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name, { timeout: 30_000 });
});

test('the weekly digest renders, prints and downloads', async ({ page }) => {
  await new PortfolioPage(page).open();
  await page.getByTestId('tile-changes').click();
  await waitForList(page);
  await page.getByTestId('digest-link').click();
  await expect(page).toHaveURL(/\/changes\/digest\?days=7&min=10$/);
  await expect(page.getByRole('heading', { level: 1, name: /Weekly digest/ })).toBeVisible();
  await expect(page.getByTestId('digest-intro')).toContainText('Changes over the last 7 days', {
    timeout: 60_000,
  });
  for (const id of ['topDown', 'newReds', 'renewals', 'expansion', 'tasks']) {
    await expect(page.getByTestId(`digest-${id}`)).toBeVisible();
  }
  await expect(page.getByTestId('digest-topDown').getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByTestId('digest-renewals').getByRole('row').nth(1)).toBeVisible();
  // The demo's playbook tasks: the overdue ones first, marked so, then those due this week.
  const taskRows = page.getByTestId('digest-tasks').getByRole('row');
  await expect(taskRows.nth(1)).toContainText('(overdue)');
  await expect(taskRows.last()).not.toContainText('(overdue)');
  await page.screenshot({ path: 'test-results/changes-digest.png', fullPage: true });

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await page.screenshot({ path: 'test-results/changes-digest-print.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  const [html] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-html').click(),
  ]);
  expect(html.suggestedFilename()).toBe('canary-digest-2026-11-23.html');
  const htmlText = readFileSync((await html.path())!, 'utf8');
  expect(htmlText).toMatch(/^<!doctype html>/);
  expect(htmlText).toContain('<h2>Top movers down</h2>');
  expect(htmlText).not.toMatch(/<script|<link /);
  const [md] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-md').click(),
  ]);
  expect(md.suggestedFilename()).toBe('canary-digest-2026-11-23.md');
  const mdText = readFileSync((await md.path())!, 'utf8');
  expect(mdText).toContain('# Canary weekly digest — 2026-11-23');
  expect(mdText).toContain('## Renewals in the next 90 days');
  expect(mdText).toContain('| Account | Renews | Band | Score | ARR | Owner |');
});

test('an empty book: nothing to compare, and the digest says so in every section', async ({
  page,
}) => {
  await new PortfolioPage(page).open();
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.eraseAll();
  await expect(page.getByText('All data erased.').first()).toBeVisible();
  await page.goto('/changes');
  await expect(page.getByTestId('changes-empty')).toContainText('No book yet', { timeout: 30_000 });
  await expect(page.getByTestId('change-row')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/changes-empty.png', fullPage: true });
  await page.goto('/changes/digest');
  await expect(page.getByTestId('digest-intro')).toContainText('No account has been scored yet', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('digest-empty')).toHaveCount(5);
  await expect(page.getByTestId('digest-newReds')).toContainText(
    'No account entered red in the period.',
  );
});

const RAVEN_TODAY = '2025-01-15';
const TABLES = ['accounts', 'subscriptions', 'feature_usage', 'support_tickets', 'churn_events'];
const fileName = (table: string) => `ravenstack_${table}.csv`;

test('RavenStack imported through the UI: the changes of its last 90 days, with causes', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.clock.setFixedTime(new Date(`${RAVEN_TODAY}T12:00:00Z`));
  await new PortfolioPage(page).open();
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.eraseAll();
  await expect(page.getByText('All data erased.').first()).toBeVisible();
  const imports = new ImportPage(page);
  await imports.open();
  await imports.pick(
    ...TABLES.map((t) => ({
      name: fileName(t),
      content: readFileSync(`${RAVENSTACK_DIR}${fileName(t)}`),
    })),
  );
  for (const table of TABLES) {
    const name = fileName(table);
    await expect(page.getByTestId('import-file-input')).toBeEnabled({ timeout: 60_000 });
    if (table !== TABLES[0]) await page.getByRole('button', { name, exact: true }).click();
    await expect(page.getByRole('heading', { name: `Map ${name}` })).toBeVisible({
      timeout: 60_000,
    });
    await imports.waitForMapping();
    await imports.checkRows();
    await imports.importRows();
    await expect(imports.result()).toContainText(`Imported ${name}`, { timeout: 60_000 });
    await page
      .locator('.toast')
      .filter({ hasText: `Imported ${name}` })
      .getByRole('button', { name: 'Dismiss' })
      .click();
  }
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Portfolio' })
    .click();
  await new PortfolioPage(page).waitForBook();
  await page
    .getByTestId('coverage-banner')
    .getByRole('link', { name: 'Build a model from your data' })
    .click();
  await expect(page.getByTestId('proposal-result')).toBeVisible({ timeout: 120_000 });
  const builder = new ModelBuilderPage(page);
  await builder.waitForPreview();
  await builder.save();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Portfolio' })
    .click();
  await new PortfolioPage(page).waitForBook();
  await expect(page.getByTestId('coverage-banner')).toHaveCount(0, { timeout: 60_000 });

  await page.getByTestId('tile-changes').click();
  await waitForList(page);
  await page.getByRole('radio', { name: 'Last 90 days' }).check();
  await expect(page).toHaveURL(/days=90/);
  // The period ends on the book's scoring day (15 Jan 2025 here: the data, to 31 Dec 2024,
  // still reaches the model's windows) and starts 90 days before it.
  await expect(page.getByTestId('changes-summary').getByRole('heading')).toHaveText(
    'Oct 17, 2024 to Jan 15, 2025',
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('changes-summary')).toContainText('scored as of Jan 15, 2025');
  const rows = page.getByTestId('change-row');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  const n = await rows.count();
  expect(n).toBeGreaterThan(5);
  const causes = await page.getByTestId('change-cause').allInnerTexts();
  expect(causes.every((c) => c.length > 15)).toBe(true);
  console.info(
    `RavenStack 90 days: ${n} listed; ${await page.getByTestId('changes-summary').innerText()}`,
  );
  console.info(`RavenStack first causes: ${causes.slice(0, 5).join(' | ')}`);
  await page.screenshot({ path: 'test-results/changes-ravenstack.png', fullPage: true });
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/account\?id=/);
});
