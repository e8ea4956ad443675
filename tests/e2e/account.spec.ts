// The account page: open the riskiest account from the portfolio, add a pulse and override the
// band (score, band and explanation follow), delete with confirmation, live updates from another
// tab, the not-found state, axe (light and dark) and a 375 px wide screen.
import AxeBuilder from '@axe-core/playwright';
import { PINNED_NOW, expect, test, type Page } from './fixture';
import { AccountPage, PortfolioPage } from './app';

function isoInDays(days: number): string {
  return new Date(PINNED_NOW.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

async function openRiskiest(page: Page): Promise<{ account: AccountPage; name: string }> {
  await new PortfolioPage(page).open();
  const account = new AccountPage(page);
  const name = await account.openFromPortfolio(0);
  return { account, name };
}

test('adding a pulse updates the score, explanation and timeline', async ({ page }) => {
  const { account } = await openRiskiest(page);
  const before = (await account.explanation().innerText()).trim();
  await account.addPulse(5, 'Exec sponsor confirmed the renewal budget');
  await expect(page.getByRole('status').filter({ hasText: 'Pulse added.' })).toBeVisible();
  await expect(account.explanation()).not.toHaveText(before);
  const first = account.timelineEntries().first();
  await expect(first).toContainText('CSM pulse: 5 of 5 (green)');
  await expect(first).toContainText('Exec sponsor confirmed the renewal budget');

  // Deleting asks first, then removes the entry and rescores.
  await first.getByRole('button', { name: /^Delete pulse/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Delete this pulse?');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Pulse deleted.' })).toBeVisible();
  await expect(page.getByText('Exec sponsor confirmed the renewal budget')).toHaveCount(0);
  await expect(account.explanation()).toHaveText(before);
});

test('a pulse is dated today unless the date is changed', async ({ page }) => {
  const { account } = await openRiskiest(page);
  const form = page.getByTestId('pulse-form');
  await expect(form).toContainText('Today,');
  await expect(form.locator('input[type="date"]')).toHaveCount(0);
  // By keyboard: "Change date" shows the date input and moves focus to it.
  await form.getByRole('button', { name: 'Change date' }).focus();
  await page.keyboard.press('Enter');
  const date = form.getByLabel('Date');
  await expect(date).toBeFocused();
  await date.fill(isoInDays(-3));
  const reason = 'Backdated: QBR call on Monday';
  await account.addPulse(4, reason);
  await expect(page.getByRole('status').filter({ hasText: 'Pulse added.' })).toBeVisible();
  const entry = account.timelineEntries().filter({ hasText: reason });
  const shown = new Date(PINNED_NOW.getTime() - 3 * 86_400_000).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
  await expect(entry).toContainText(`Pulse · ${shown}`);
});

test('a closed action form is built when first opened, and keeps what was typed', async ({
  page,
}) => {
  const { account } = await openRiskiest(page);
  await expect(page.getByTestId('pulse-form')).toBeVisible();
  const summary = page.locator('summary', { hasText: 'Add a note' });
  await expect(page.getByTestId('note-form')).toHaveCount(0);
  // By keyboard: the summary opens the disclosure and its form appears.
  await summary.focus();
  await page.keyboard.press('Enter');
  const form = page.getByTestId('note-form');
  await expect(form).toBeVisible();
  const text = 'Champion moving teams in January';
  await form.getByRole('textbox').first().fill(text);
  await summary.press('Enter');
  await expect(form).toBeHidden();
  await account.openAction('Add a note');
  await expect(form.getByRole('textbox').first()).toHaveValue(text);
});

test('overriding the band shows the override on the chip and in the explanation', async ({
  page,
}) => {
  const { account } = await openRiskiest(page);
  await account.openAction('Override the band');
  const form = page.getByTestId('override-form');
  await form.getByRole('button', { name: 'Override band' }).click();
  await expect(form).toContainText('Choose the band to show.');
  await expect(form).toContainText('Say why the score is wrong');
  await expect(form).toContainText('Enter the expiry date.');
  await expect(form.getByLabel('Band to show')).toBeFocused();

  const reason = 'Signed a two-year extension last week';
  await account.overrideBand('Green', reason, isoInDays(30));
  await expect(account.standing()).toContainText('Green');
  await expect(account.standing()).toContainText('(overridden)');
  await expect(account.explanation()).toContainText('by override');
  await expect(account.explanation()).toContainText(reason);
  await expect(page.getByTestId('override-in-force')).toContainText(reason);
  const axe = await new AxeBuilder({ page }).include('[data-testid="account-standing"]').analyze();
  expect(axe.violations).toEqual([]);

  // Ending it early (confirmed) gives the scored band back.
  await page.getByRole('button', { name: 'End override now…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End override' }).click();
  await expect(page.getByTestId('override-in-force')).toHaveCount(0);
  await expect(account.explanation()).not.toContainText('by override');
});

test('a pulse added in another tab shows up live', async ({ page, context }) => {
  const { account, name } = await openRiskiest(page);
  const other = await context.newPage();
  await new PortfolioPage(other).open();
  const otherAccount = new AccountPage(other);
  const link = other.getByTestId('portfolio-row').getByRole('link', { name, exact: true });
  await link.click();
  await otherAccount.waitForScore(name);
  await otherAccount.addPulse(2, 'Raised from the other tab');
  await expect(account.timelineEntries().first()).toContainText('Raised from the other tab');
});

test('an unknown account id shows a clear not-found state after loading', async ({ page }) => {
  // The very first visit: the demo book loads while the page says it is opening the account.
  await page.goto('/account?id=NO-SUCH-ACCOUNT');
  const notFound = page.getByTestId('account-not-found');
  await expect(notFound).toContainText('Account not found', { timeout: 45_000 });
  await expect(notFound).toContainText('NO-SUCH-ACCOUNT');
  await notFound.getByRole('link', { name: 'Back to the portfolio' }).click();
  await expect(page.getByTestId('portfolio-row').first()).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the account page has no axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const { account } = await openRiskiest(page);
    await account.waitForWhatIf();
    for (const summary of ['Override the band', 'Add a note', 'Record a renewal outcome']) {
      await account.openAction(summary);
    }
    // The score history as a table (built when opened) is part of the scan, by keyboard.
    const asTable = page.getByText('Show the score history as a table');
    await asTable.focus();
    await page.keyboard.press('Enter');
    const table = page.getByRole('table', { name: /Score history under/ });
    await expect(table).toBeVisible();
    expect(await table.getByRole('row').count()).toBeGreaterThan(5);
    // Validation messages are part of the scan.
    await page.getByRole('button', { name: 'Override band' }).click();
    await expect(page.getByText('Choose the band to show.')).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations).toEqual([]);
  });
}

test('the account page fits a 375 px wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const { account } = await openRiskiest(page);
  await account.waitForWhatIf();
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
});
