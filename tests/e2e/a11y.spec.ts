// Accessibility: axe finds no violations on the portfolio, settings, renewals, inbox, changes and digest pages, light and dark,
// and the portfolio works by keyboard alone.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixture';
import { PortfolioPage } from './app';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`portfolio, settings, renewals, inbox, changes and digest have no axe violations (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await new PortfolioPage(page).open();
    const portfolio = await new AxeBuilder({ page }).analyze();
    expect(portfolio.violations).toEqual([]);
    await page.goto('/settings');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const settings = await new AxeBuilder({ page }).analyze();
    expect(settings.violations).toEqual([]);
    await page.goto('/renewals');
    await expect(page.getByTestId('renewal-month').first()).toBeVisible({ timeout: 30_000 });
    const renewals = await new AxeBuilder({ page }).analyze();
    expect(renewals.violations).toEqual([]);
    await page.goto('/inbox');
    await expect(page.getByTestId('inbox-summary')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('task').first()).toBeVisible();
    const inbox = await new AxeBuilder({ page }).analyze();
    expect(inbox.violations).toEqual([]);
    await page.goto('/changes?days=30&min=10');
    await expect(page.getByTestId('change-row').first()).toBeVisible({ timeout: 30_000 });
    await page.locator('details summary').first().click();
    const changes = await new AxeBuilder({ page }).analyze();
    expect(changes.violations).toEqual([]);
    await page.goto('/changes/digest?days=7&min=10');
    await expect(page.getByTestId('digest-intro')).toBeVisible({ timeout: 30_000 });
    const digest = await new AxeBuilder({ page }).analyze();
    expect(digest.violations).toEqual([]);
  });
}

test('the portfolio is usable by keyboard: skip link, search, and opening an account', async ({
  page,
}) => {
  await new PortfolioPage(page).open();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  const search = page.getByRole('searchbox');
  await search.focus();
  await page.keyboard.type('zzzz-no-such-account');
  await expect(page.getByText('No account matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().press('Enter');
  await expect(page.getByTestId('portfolio-row').first()).toBeVisible();
});

test('the portfolio fits a 375 px wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await new PortfolioPage(page).open();
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
});
