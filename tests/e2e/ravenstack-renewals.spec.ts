// RavenStack's accounts, subscriptions and churn events through the Import page into an empty
// book: the check and the result count renewals and churns (the subscriptions infer renewals,
// the churn events withdraw those on or after each churn), and the portfolio shows every
// account's ARR and renewal date from its subscriptions instead of "$0" and "No date".
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixture';
import { RAVENSTACK_DIR } from '../datasets';
import { ImportPage, PortfolioPage, SettingsPage } from './app';

test.describe.configure({ timeout: 180_000 });

/** RavenStack's data ends on 2024-12-31; the next renewals fall in 2025. */
const TODAY = '2025-01-15';

async function importRavenStack(
  page: Page,
  imports: ImportPage,
  table: string,
  check: (summary: ReturnType<Page['getByTestId']>) => Promise<void>,
): Promise<void> {
  const name = `ravenstack_${table}.csv`;
  await expect(page.getByTestId('import-file-input')).toBeEnabled({ timeout: 60_000 });
  await imports.pick({ name, content: readFileSync(`${RAVENSTACK_DIR}${name}`) });
  await imports.waitForMapping();
  await imports.checkRows();
  const summary = page.getByTestId('import-summary');
  await expect(page.getByTestId('rows-skipped')).toHaveText('0');
  await check(summary);
  await summary.screenshot({ path: `test-results/ravenstack-check-${table}.png` });
  await imports.importRows();
  await expect(imports.result()).toContainText(`Imported ${name}`, { timeout: 60_000 });
  // Close the success toast so it does not cover the next file's buttons.
  await page
    .locator('.toast')
    .filter({ hasText: `Imported ${name}` })
    .getByRole('button', { name: 'Dismiss' })
    .click();
}

test('RavenStack subscriptions give ARR, renewal dates and renewals that balance the churn events', async ({
  page,
}) => {
  await page.clock.setFixedTime(new Date(`${TODAY}T12:00:00Z`));
  await new PortfolioPage(page).open();
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.eraseAll();
  await expect(page.getByText('All data erased.')).toBeVisible();
  const imports = new ImportPage(page);
  await imports.open();

  await importRavenStack(page, imports, 'accounts', async () => {
    await expect(page.getByTestId('rows-ok')).toHaveText('500');
  });
  await expect(imports.result()).toContainText('500 accounts added');

  await importRavenStack(page, imports, 'subscriptions', async (summary) => {
    await expect(page.getByTestId('rows-ok')).toHaveText('5,000');
    await expect(page.getByTestId('outcome-counts')).toHaveText('580: 580 renewals, 0 churns');
    await expect(page.getByTestId('account-patches')).toHaveText(
      'set on 500 accounts from their subscriptions',
    );
    await expect(summary).toContainText('Renewals inferred: 580 (186 at a contract anniversary');
    await expect(summary).toContainText('None after 2024-12-31');
  });
  await expect(imports.result()).toContainText('500 updated');
  await expect(imports.result()).toContainText('outcomes 580 renewals, 0 churns (580 added');

  await importRavenStack(page, imports, 'churn_events', async () => {
    await expect(page.getByTestId('outcome-counts')).toHaveText('599: 0 renewals, 599 churns');
    const notes = page.getByTestId('outcome-note');
    await expect(notes.nth(0)).toHaveText(
      '350 renewals inferred from subscriptions are dated on or after a churn this file records and give way to it: replaced by the churn on its own day, removed after it.',
    );
    await expect(notes.nth(1)).toContainText('This file is a churn log');
    await expect(notes.nth(1)).toContainText('(230 renewals in the book)');
  });
  await expect(imports.result()).toContainText('outcomes 0 renewals, 599 churns (594 added');
  await expect(imports.result()).toContainText(
    '345 inferred renewals removed (on or after a churn)',
  );
  await expect(imports.result()).toContainText('230 renewals in the book');
  await page
    .getByTestId('import-result')
    .screenshot({ path: 'test-results/ravenstack-result.png' });

  // The book: ARR and a renewal date on every account (no "$0", no "No date").
  await page.getByRole('link', { name: 'Portfolio' }).click();
  const portfolio = new PortfolioPage(page);
  await portfolio.waitForBook();
  const rows = portfolio.rows();
  await expect(rows.first()).toBeVisible();
  const firstRows = await rows.evaluateAll((els) =>
    els.slice(0, 10).map((el) => ({
      arr: el.querySelector('.c-arr')?.textContent?.replace('ARR', '').trim() ?? '',
      renewal: el.querySelector('.c-renewal')?.textContent?.trim() ?? '',
      title: el.querySelector('.c-renewal [title]')?.getAttribute('title') ?? '',
    })),
  );
  // The list is virtualised: the rows on screen are enough.
  expect(firstRows.length).toBeGreaterThanOrEqual(5);
  for (const r of firstRows) {
    expect(r.arr).toMatch(/^\$\d/);
    expect(r.arr).not.toBe('$0');
    expect(r.renewal).not.toBe('No date');
    expect(r.title).toMatch(/2025/);
  }
  await page.screenshot({ path: 'test-results/ravenstack-renewals-portfolio.png' });

  // The stored book holds both classes, and every account has ARR and a renewal date.
  const stored = await page.evaluate(
    () =>
      new Promise<{ renewed: number; churned: number; withArr: number; withDate: number }>(
        (resolve, reject) => {
          const req = indexedDB.open('canary');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const tx = req.result.transaction(['accounts', 'outcomes'], 'readonly');
            const out = { renewed: 0, churned: 0, withArr: 0, withDate: 0 };
            tx.objectStore('accounts').getAll().onsuccess = (e) => {
              for (const a of (e.target as IDBRequest).result) {
                if (a.arr > 0) out.withArr++;
                if (a.renewalDate !== null) out.withDate++;
              }
            };
            tx.objectStore('outcomes').getAll().onsuccess = (e) => {
              for (const o of (e.target as IDBRequest).result) {
                if (o.outcome === 'renewed') out.renewed++;
                if (o.outcome === 'churned') out.churned++;
              }
            };
            tx.oncomplete = () => {
              req.result.close();
              resolve(out);
            };
          };
        },
      ),
  );
  expect(stored).toEqual({ renewed: 230, churned: 599, withArr: 500, withDate: 500 });
});
