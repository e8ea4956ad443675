// Page objects for the end-to-end specs: one small class per page, named by what a user does.
import { expect, type Page } from '@playwright/test';

/** The portfolio (home) page. */
export class PortfolioPage {
  constructor(readonly page: Page) {}

  /** Opens the app at the portfolio and waits until the book is shown (demo loads on first visit). */
  async open(): Promise<void> {
    await this.page.goto('/');
    await this.waitForBook();
  }

  /** Waits until account rows are rendered. */
  async waitForBook(): Promise<void> {
    await expect(this.rows().first()).toBeVisible({ timeout: 45_000 });
  }

  /** Account rows of the portfolio table. */
  rows() {
    return this.page.getByTestId('portfolio-row');
  }

  /** The empty-state panel shown when there is no data. */
  emptyState() {
    return this.page.getByTestId('empty-state');
  }
}

/** The settings page. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  /** Navigates to Settings via the main navigation, as a user would. */
  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  }

  /** Erases everything, confirming in the dialog. */
  async eraseAll(): Promise<void> {
    await this.page.getByRole('button', { name: 'Erase all data…' }).click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox').fill('ERASE');
    await dialog.getByRole('button', { name: 'Erase everything' }).click();
  }

  /** Loads the demo book. */
  async loadDemo(): Promise<void> {
    await this.page.getByRole('button', { name: 'Load demo book' }).click();
  }
}
