// Page objects for the end-to-end specs: one small class per page, named by what a user does.
import { readFileSync } from 'node:fs';
import { expect, type Page } from './fixture';

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

/** The model builder (/model). */
export class ModelBuilderPage {
  constructor(readonly page: Page) {}

  /** Navigates to the builder via the main navigation and waits for the first preview. */
  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Model' })
      .click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Model builder' })).toBeVisible();
    await this.waitForPreview();
  }

  /** Waits until the preview shows example accounts. */
  async waitForPreview(): Promise<void> {
    await expect(this.previewAccounts().first()).toBeVisible({ timeout: 30_000 });
  }

  /** The previewed example accounts. */
  previewAccounts() {
    return this.page.getByTestId('preview-account');
  }

  /** The draft's score chips of the examples and the draft's band counts, as one string. */
  async previewText(): Promise<string> {
    const scores = await this.page.getByTestId('draft-score').allInnerTexts();
    const bands = await this.page.getByTestId('band-distribution').innerText();
    return `${scores.join('|')}\n${bands}`;
  }

  /** Sets a group's weight by its labelled input ("Usage weight"). */
  async setGroupWeight(group: string, weight: string): Promise<void> {
    await this.page.getByLabel(`${group} weight`, { exact: true }).fill(weight);
  }

  /** The Save button ("Save as version N"). */
  saveButton() {
    return this.page.getByRole('button', { name: /^Save as version \d+$/ });
  }

  /** Saves the draft and waits until it is the clean active version. */
  async save(): Promise<void> {
    await this.saveButton().click();
    await expect(this.page.getByTestId('save-reason')).toHaveText('No unsaved changes.', {
      timeout: 30_000,
    });
  }

  /** Rows of the version history. */
  versionRows() {
    return this.page.getByTestId('version-row');
  }

  /** Chooses a model JSON file to import. */
  async importFile(name: string, content: string): Promise<void> {
    await this.page.getByTestId('model-import-input').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(content),
    });
  }
}

/** The account page (/account?id=…). */
export class AccountPage {
  constructor(readonly page: Page) {}

  /** Opens the account of portfolio row `index` (0 = the riskiest) by its link; returns its name. */
  async openFromPortfolio(index = 0): Promise<string> {
    const link = this.page.getByTestId('portfolio-row').nth(index).getByRole('link').first();
    const name = (await link.innerText()).trim();
    await link.click();
    await expect(this.page).toHaveURL(/\/account\?id=/);
    await this.waitForScore(name);
    return name;
  }

  /** Waits until the named account is shown with its score and drivers. */
  async waitForScore(name: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(this.explanation()).toBeVisible();
    await expect(this.page.getByTestId('driver').first()).toBeVisible();
  }

  /** Waits until the worker's "what would move it" figures are shown. */
  async waitForWhatIf(): Promise<void> {
    await expect(this.page.getByText('Working out what would move each measure…')).toHaveCount(0);
  }

  /** The plain-English explanation. */
  explanation() {
    return this.page.getByTestId('account-explanation');
  }

  /** The band chip, score and trend. */
  standing() {
    return this.page.getByTestId('account-standing');
  }

  /** Timeline entries, newest first. */
  timelineEntries() {
    return this.page.getByTestId('timeline').getByRole('listitem');
  }

  /** Opens one of the action disclosures ("Add a CSM pulse", "Override the band", …). */
  async openAction(summary: string): Promise<void> {
    const details = this.page.locator('details', { hasText: summary });
    if ((await details.getAttribute('open')) === null) {
      await details.locator('summary').click();
    }
  }

  /** Adds a pulse (1–5) with a reason, by keyboard. */
  async addPulse(value: number, reason: string): Promise<void> {
    await this.openAction('Add a CSM pulse');
    const form = this.page.getByTestId('pulse-form');
    await form.getByRole('radio', { name: new RegExp(`^${value} ·`) }).focus();
    await this.page.keyboard.press('Space');
    await form.getByLabel(/Reason/).fill(reason);
    await form.getByRole('button', { name: 'Add pulse' }).press('Enter');
  }

  /** Overrides the band with a reason until `expiresIso` (yyyy-mm-dd). */
  async overrideBand(band: 'Red' | 'Amber' | 'Green', reason: string, expiresIso: string) {
    await this.openAction('Override the band');
    const form = this.page.getByTestId('override-form');
    await form.getByLabel('Band to show').selectOption({ label: band });
    await form.getByLabel('Reason').fill(reason);
    await form.getByLabel('Expires on').fill(expiresIso);
    await form.getByRole('button', { name: 'Override band' }).click();
  }
}

/** The import & export page (/import). */
export class ImportPage {
  constructor(readonly page: Page) {}

  /** Navigates to Import & export via the main navigation. */
  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Import & export' })
      .click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: 'Import & export' }),
    ).toBeVisible();
  }

  /** Picks files (name + content) in the file input. */
  async pick(...files: { name: string; content: string | Buffer }[]): Promise<void> {
    await this.page.getByTestId('import-file-input').setInputFiles(
      files.map((f) => ({
        name: f.name,
        mimeType: f.name.endsWith('.zip') ? 'application/zip' : 'text/csv',
        buffer: typeof f.content === 'string' ? Buffer.from(f.content) : f.content,
      })),
    );
  }

  /** Waits for the mapping step. */
  async waitForMapping(): Promise<void> {
    await expect(this.page.getByTestId('column-mapping')).toBeVisible({ timeout: 60_000 });
  }

  /** Checks every row and waits for the summary. */
  async checkRows(): Promise<void> {
    await this.page.getByRole('button', { name: 'Check rows' }).click();
    await expect(this.page.getByTestId('import-summary')).toBeVisible({ timeout: 60_000 });
  }

  /** Clicks the import button of the summary ("Import N rows" / "Import N valid rows"). */
  async importRows(): Promise<void> {
    await this.page.getByRole('button', { name: /^Import [\d,]+ (valid )?rows$/ }).click();
  }

  /** The line shown after an import ("Imported x.csv: 3 new points, …"). */
  result() {
    return this.page.getByTestId('import-result');
  }

  /** The message of a failed or cancelled step. */
  problem() {
    return this.page.getByTestId('import-problem');
  }

  /** Rows of the import history. */
  historyRows() {
    return this.page.getByTestId('import-history-row');
  }

  /** Cancels the running operation from the progress panel. */
  async cancelRunning(): Promise<void> {
    await this.page.locator('.book-progress').getByRole('button', { name: 'Cancel' }).click();
  }
}

/** Counts of what IndexedDB holds, read in the page (the app's own database). */
export async function countStored(
  page: Page,
): Promise<{ accounts: number; points: number; imports: number; outcomes: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('canary');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['accounts', 'series', 'imports', 'outcomes'], 'readonly');
          const out = { accounts: 0, points: 0, imports: 0, outcomes: 0 };
          tx.objectStore('accounts').count().onsuccess = (e) =>
            (out.accounts = (e.target as IDBRequest<number>).result);
          tx.objectStore('imports').count().onsuccess = (e) =>
            (out.imports = (e.target as IDBRequest<number>).result);
          tx.objectStore('outcomes').count().onsuccess = (e) =>
            (out.outcomes = (e.target as IDBRequest<number>).result);
          const cursor = tx.objectStore('series').openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return;
            out.points += (c.value as { days: Int32Array }).days.length;
            c.continue();
          };
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/**
 * The current scores of the live (not archived) accounts, read from the app's database: how many
 * there are, how many have a score, and how many are green on less than 30% of the model's
 * weight (the engine's MIN_COVERAGE: below it an account is not scored, so a green there would
 * be a reassuring band on missing data). Between 30% and 60% a score carries the thin-data
 * warning on its row.
 */
export async function liveScores(
  page: Page,
): Promise<{ live: number; scored: number; greenOnMissingData: number }> {
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
            const live = (
              all.result as {
                score: number | null;
                band: string | null;
                coverage: number;
                summary: { archivedDay?: number | null };
              }[]
            ).filter((s) => s.summary.archivedDay == null);
            resolve({
              live: live.length,
              scored: live.filter((s) => s.score !== null).length,
              greenOnMissingData: live.filter((s) => s.band === 'green' && s.coverage < 0.3).length,
            });
          };
          tx.oncomplete = () => db.close();
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The backtest page (/backtest). */
export class BacktestPage {
  constructor(readonly page: Page) {}

  /** Navigates to the backtest via the main navigation. */
  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Backtest' })
      .click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Backtest' })).toBeVisible();
    await expect(this.runButton()).toBeEnabled();
  }

  /** The Run button. */
  runButton() {
    return this.page.getByRole('button', { name: 'Run backtest' });
  }

  /** Runs the backtest and waits for its results. */
  async run(): Promise<void> {
    await this.runButton().click();
    await expect(this.results()).toBeVisible({ timeout: 45_000 });
  }

  /**
   * Presses Run and then Cancel as soon as it appears, within the same frame (a demo-book run
   * takes well under a second, too short to catch reliably with separate clicks).
   */
  async runAndCancelAtOnce(): Promise<void> {
    await this.page.evaluate(async () => {
      const buttons = () => [...document.querySelectorAll('button')];
      buttons()
        .find((b) => b.textContent?.trim() === 'Run backtest')!
        .click();
      for (let i = 0; i < 100; i++) {
        const cancel = buttons().find((b) => b.textContent?.trim() === 'Cancel' && b.offsetParent);
        if (cancel) return cancel.click();
        await new Promise((r) => setTimeout(r, 0));
      }
      throw new Error('No Cancel button appeared');
    });
  }

  /** The results section. */
  results() {
    return this.page.getByTestId('backtest-results');
  }

  /** The shown ROC AUC as a number (NaN when "n/a"). */
  async auc(): Promise<number> {
    return Number(await this.page.getByTestId('auc').innerText());
  }

  /** Rows of the band table. */
  bandRows() {
    return this.page.getByTestId('band-row');
  }

  /** Links of the churned-while-green list. */
  churnedWhileGreenLinks() {
    return this.page.getByTestId('churned-while-green').getByRole('link');
  }

  /** The stored-backtest line of the chosen version. */
  storedBacktest() {
    return this.page.getByTestId('stored-backtest');
  }

  /** Runs "Suggest weights" and waits for its result. */
  async suggestWeights(): Promise<void> {
    await this.page.getByRole('button', { name: 'Suggest weights' }).click();
    await expect(this.page.getByTestId('fit-result')).toBeVisible({ timeout: 45_000 });
  }

  /** Chooses the before/after versions by label text and compares them. */
  async compare(before: RegExp, after: RegExp): Promise<void> {
    const pick = async (testId: string, label: RegExp) => {
      const select = this.page.getByTestId(testId);
      const options = await select.locator('option').allInnerTexts();
      const match = options.find((o) => label.test(o));
      if (!match) throw new Error(`No version matching ${label} in ${options.join(' | ')}`);
      await select.selectOption({ label: match });
    };
    await pick('compare-before', before);
    await pick('compare-after', after);
    await this.page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(this.page.getByTestId('compare-result')).toBeVisible({ timeout: 45_000 });
  }
}

/** The vendor-file (crosswalk) path of the import page. */
export class VendorImportPage {
  constructor(readonly page: Page) {}

  /** The "Recognised: … export" heading of a recognised file. */
  recognised() {
    return this.page.getByTestId('vendor-recognised');
  }

  /** Waits for the crosswalk review step. */
  async waitForReview(): Promise<void> {
    await expect(this.review()).toBeVisible({ timeout: 60_000 });
  }

  /** The crosswalk review step. */
  review() {
    return this.page.getByTestId('crosswalk-review');
  }

  /** The automatic-match counts by method. */
  matchCounts() {
    return this.page.getByTestId('crosswalk-counts');
  }

  /** The row to decide for a customer, by its source id. */
  decisionRow(sourceId: string) {
    return this.page.locator(`[data-testid="crosswalk-row"][data-key="${sourceId}"]`);
  }

  /** Chooses "skip" for one customer's rows. */
  async skip(sourceId: string): Promise<void> {
    await this.decisionRow(sourceId).getByRole('radio', { name: /skip/i }).check();
  }

  /** Chooses "create a new account" for one customer. */
  async create(sourceId: string): Promise<void> {
    await this.decisionRow(sourceId)
      .getByRole('radio', { name: /^Create a new account/ })
      .check();
  }

  /** Confirms a suggested account (by its name) for one customer. */
  async confirm(sourceId: string, accountName: string): Promise<void> {
    await this.decisionRow(sourceId)
      .getByRole('radio', { name: `Same customer as ${accountName}` })
      .check();
  }

  /** Creates accounts for every customer no account matched ("Create accounts for all N"). */
  async createAllUnmatched(): Promise<void> {
    await this.review()
      .getByRole('button', { name: /^Create accounts for all [\d,]+$/ })
      .click();
  }

  /** Points a column the preset could not find at a header of the file. */
  async assignColumn(label: string, header: string): Promise<void> {
    await expect(this.page.getByTestId('vendor-columns')).toBeVisible({ timeout: 60_000 });
    await this.page.getByLabel(label).selectOption({ label: header });
    await this.page.getByRole('button', { name: 'Use these columns' }).click();
  }

  /** Confirms the review and waits for the check of every row. */
  async continueToCheck(): Promise<void> {
    await this.page.getByRole('button', { name: 'Continue with these matches' }).click();
    await expect(this.page.getByTestId('vendor-summary')).toBeVisible({ timeout: 60_000 });
  }

  /** Imports the checked rows. */
  async importRows(): Promise<void> {
    await this.page
      .getByTestId('vendor-summary')
      .getByRole('button', { name: /^Import [\d,]+ rows$/ })
      .click();
  }

  /** Imports the checked rows and waits for the result line of `fileName`. */
  async importAndWait(fileName: string): Promise<void> {
    await this.importRows();
    await expect(this.page.getByTestId('import-result')).toContainText(`Imported ${fileName}`, {
      timeout: 60_000,
    });
  }
}

/** The linked-ids (crosswalk) editor (/import/linked-ids). */
export class CrosswalkEditorPage {
  constructor(readonly page: Page) {}

  /** Opens the editor from the Import & export page's "Linked ids" card. */
  async openFromImportPage(): Promise<void> {
    await this.page.getByRole('link', { name: 'Review and edit linked ids' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Linked ids' })).toBeVisible();
    await expect(this.page.getByText('Reading the linked ids…')).toHaveCount(0);
  }

  /** Every rendered row of the list. */
  rows() {
    return this.page.getByTestId('linked-id-row');
  }

  /** The row of one source id. */
  row(source: string, sourceId: string) {
    return this.page.locator(
      `[data-testid="linked-id-row"][data-source="${source}"][data-source-id="${sourceId}"]`,
    );
  }

  /** The counts per tool. */
  counts() {
    return this.page.getByTestId('linked-id-counts');
  }

  /** Points a row at another account by typing in its picker (e.g. "Name (id)") and Enter. */
  async repoint(source: string, sourceId: string, account: string): Promise<void> {
    const row = this.row(source, sourceId);
    await row.getByRole('button', { name: /^Change/ }).click();
    const input = row.getByRole('combobox', { name: /^New account for/ });
    await expect(input).toBeFocused();
    await input.fill(account);
    await input.press('Enter');
  }

  /** Deletes a row's link (a toast offers Undo). */
  async delete(source: string, sourceId: string): Promise<void> {
    await this.row(source, sourceId)
      .getByRole('button', { name: /^Delete/ })
      .click();
  }

  /** The hand-made link form. */
  addForm() {
    return this.page.getByTestId('linked-id-add');
  }

  /** Fills the add form (tool label, id, account text) and submits it. */
  async add(tool: string, sourceId: string, account: string): Promise<void> {
    const form = this.addForm();
    await form.getByLabel('Tool').selectOption({ label: tool });
    await form.getByLabel(`${tool} id`).fill(sourceId);
    await form.getByRole('combobox', { name: 'Canary account' }).fill(account);
    await form.getByRole('button', { name: 'Add link' }).click();
  }
}

/** The Backup panel of Import & export: download a backup, restore one. */
export class BackupPanel {
  constructor(readonly page: Page) {}

  /** Downloads a backup (encrypted when a passphrase is given) and returns its bytes. */
  async download(passphrase?: string): Promise<Buffer> {
    if (passphrase) {
      await this.page.getByLabel('Passphrase (optional, encrypts the file)').fill(passphrase);
      await this.page.getByLabel('Repeat the passphrase').fill(passphrase);
    }
    const downloading = this.page.waitForEvent('download');
    await this.page
      .getByRole('button', { name: passphrase ? 'Download encrypted backup' : 'Download backup' })
      .click();
    const download = await downloading;
    return readFileSync(await download.path());
  }

  /** Picks a backup file and confirms "Replace everything" (typing RESTORE). */
  async restore(bytes: Buffer, passphrase?: string): Promise<void> {
    await this.page.getByTestId('restore-file-input').setInputFiles({
      name: 'backup.json',
      mimeType: 'application/octet-stream',
      buffer: bytes,
    });
    if (passphrase) {
      await this.page.getByLabel('Passphrase (encrypted backups only)').fill(passphrase);
    }
    // By keyboard: the "ready to work offline" notice may appear over the button at any time.
    await this.page.getByRole('button', { name: 'Restore…' }).focus();
    await this.page.keyboard.press('Enter');
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toContainText('REPLACES all data');
    await dialog.getByRole('textbox').fill('RESTORE');
    await dialog.getByRole('button', { name: 'Replace everything' }).click();
  }

  /** The line shown after a restore: what was restored, or why nothing was. */
  message() {
    return this.page.getByTestId('restore-message');
  }
}
