// The linked-ids (crosswalk) editor: a Stripe export fills the crosswalk; the editor lists its
// entries live, re-points one to another account, deletes one and undoes it, links one by hand
// (with the field messages on the way), is axe-clean — and a later import of the re-pointed
// customer lands on the new account, while another tab's editor shows the import's new link.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixture';
import { VendorImportPage, ImportPage, CrosswalkEditorPage, PortfolioPage } from './app';

const HEADER =
  'id,Customer ID,Customer Name,Customer Email,Status,Cancellation Reason,Created (UTC),Start (UTC),Current Period Start (UTC),Current Period End (UTC),Canceled At (UTC),Ended At (UTC),Quantity,Amount,Interval,account_id (metadata)';

interface DemoAccount {
  id: string;
  name: string;
}

/** Closes the "ready to work offline" notice whenever it covers what a step clicks. */
async function dismissOfflineNotice(page: Page): Promise<void> {
  const notice = page.getByRole('status').filter({ hasText: 'Canary is ready to work offline.' });
  await page.addLocatorHandler(notice, async () => {
    await notice.getByRole('button', { name: 'OK' }).click();
  });
}

test.beforeEach(async ({ page }) => {
  await dismissOfflineNotice(page);
});

/** The first demo accounts (id and name), read from the portfolio's account links. */
async function demoAccounts(page: Page, n: number): Promise<DemoAccount[]> {
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  const links = await portfolio
    .rows()
    .locator('a[href*="/account?id="]')
    .evaluateAll((as) =>
      as.map((a) => ({ href: a.getAttribute('href') ?? '', name: a.textContent?.trim() ?? '' })),
    );
  const accounts = links
    .map((l) => ({ id: decodeURIComponent(l.href.split('id=')[1] ?? ''), name: l.name }))
    .filter((a) => a.id !== '' && a.name !== '');
  // Distinct names, so the editor's links can be told apart by name.
  const distinct = accounts.filter((a, i) => accounts.findIndex((b) => b.name === a.name) === i);
  expect(distinct.length).toBeGreaterThanOrEqual(n);
  return distinct.slice(0, n);
}

/** The account a stored crosswalk entry points to (undefined = no entry), read from IndexedDB. */
async function storedLink(page: Page, source: string, sourceId: string): Promise<string | null> {
  return page.evaluate(
    ([source, sourceId]) =>
      new Promise<string | null>((resolve, reject) => {
        const req = indexedDB.open('canary');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction('crosswalk').objectStore('crosswalk').get([source, sourceId]);
          get.onsuccess = () => {
            db.close();
            resolve((get.result as { accountId: string } | undefined)?.accountId ?? null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    [source, sourceId],
  );
}

/** Reasons of the stored outcomes of one account, read from IndexedDB. */
async function outcomeReasons(page: Page, accountId: string): Promise<string[]> {
  return page.evaluate(
    (accountId) =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open('canary');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const all = db
            .transaction('outcomes')
            .objectStore('outcomes')
            .index('accountId')
            .getAll(accountId);
          all.onsuccess = () => {
            db.close();
            resolve((all.result as { reason: string | null }[]).map((o) => o.reason ?? ''));
          };
          all.onerror = () => reject(all.error);
        };
      }),
    accountId,
  );
}

/** Imports a Stripe subscriptions export through the wizard, skipping `skip` if asked. */
async function importSubscriptions(
  page: Page,
  name: string,
  rows: string[],
  skip: string | null,
): Promise<void> {
  const imports = new ImportPage(page);
  await imports.open();
  const exp = new VendorImportPage(page);
  await imports.pick({ name, content: [HEADER, ...rows].join('\n') });
  await expect(exp.recognised()).toHaveText('Recognised: Stripe subscriptions export', {
    timeout: 60_000,
  });
  await exp.waitForReview();
  if (skip) await exp.skip(skip);
  await exp.continueToCheck();
  await exp.importRows();
  await expect(imports.result()).toContainText(`Imported ${name}`, { timeout: 60_000 });
}

test('linked ids are listed, re-pointed, deleted with undo, added by hand and reused by a later import', async ({
  page,
  context,
}) => {
  const [a, b, c] = await demoAccounts(page, 3);
  await importSubscriptions(
    page,
    'subscriptions.csv',
    [
      `sub_e1,cus_E2E1,Lumen Widgets,billing@lumen-widgets.test,active,,2024-01-15 10:02,2024-01-15 10:02,2025-06-15 10:02,2025-07-15 10:02,,,10,50.00,month,${a.id}`,
      `sub_e2,cus_E2E2,Orbit Parts,ap@orbit-parts.test,active,,2024-02-01 09:30,2024-02-01 09:30,2025-02-01 09:30,2025-03-01 09:30,,,2,99.00,month,${b.id}`,
      `sub_e3,cus_E2E3,Qzxv Nonesuch,qzxv.nonesuch@gmail.com,active,,2024-03-01 08:00,2024-03-01 08:00,2025-03-01 08:00,2026-03-01 08:00,,,1,1200.00,year,`,
    ],
    'cus_E2E3',
  );

  // The editor, reached from the Import & export page, lists what the import linked.
  const linked = new CrosswalkEditorPage(page);
  await linked.openFromImportPage();
  await expect(page).toHaveURL(/\/import\/linked-ids$/);
  await expect(linked.counts()).toContainText('2 Stripe');
  await expect(linked.rows()).toHaveCount(2);
  await expect(linked.row('stripe', 'cus_E2E1')).toContainText('Stripe');
  await expect(
    linked.row('stripe', 'cus_E2E1').getByRole('link', { name: a.name }),
  ).toHaveAttribute('href', `/account?id=${encodeURIComponent(a.id)}`);
  await expect(linked.row('stripe', 'cus_E2E2')).toContainText(b.name);
  // The skipped customer was never linked.
  await expect(linked.row('stripe', 'cus_E2E3')).toHaveCount(0);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // Search by account name.
  await page.getByLabel('Search ids or accounts').fill(b.name);
  await expect(linked.rows()).toHaveCount(1);
  await expect(linked.rows().first()).toContainText('cus_E2E2');
  await page.getByLabel('Search ids or accounts').fill('');
  await expect(linked.rows()).toHaveCount(2);

  // Re-point cus_E2E1 from A to C (an unknown account is refused beside the field first).
  await linked.repoint('stripe', 'cus_E2E1', 'No Such Account Qq');
  await expect(linked.row('stripe', 'cus_E2E1')).toContainText(
    'No account is called “No Such Account Qq”',
  );
  const picker = linked.row('stripe', 'cus_E2E1').getByRole('combobox');
  await expect(picker).toHaveAttribute('aria-invalid', 'true');
  await picker.fill(`${c.name} (${c.id})`);
  await picker.press('Enter');
  await expect(linked.row('stripe', 'cus_E2E1').getByRole('link', { name: c.name })).toBeVisible();
  await expect(
    linked.row('stripe', 'cus_E2E1').getByRole('button', { name: /^Change/ }),
  ).toBeFocused();
  await expect(page.locator('.toast').filter({ hasText: `now points to ${c.name}` })).toBeVisible();
  await expect.poll(() => storedLink(page, 'stripe', 'cus_E2E1')).toBe(c.id);

  // Delete cus_E2E2, then undo from the toast.
  await linked.delete('stripe', 'cus_E2E2');
  await expect(linked.row('stripe', 'cus_E2E2')).toHaveCount(0);
  await expect.poll(() => storedLink(page, 'stripe', 'cus_E2E2')).toBeNull();
  const toast = page.locator('.toast').filter({ hasText: 'Link deleted: Stripe id cus_E2E2' });
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(linked.row('stripe', 'cus_E2E2')).toContainText(b.name);
  await expect.poll(() => storedLink(page, 'stripe', 'cus_E2E2')).toBe(b.id);

  // Add by hand: the messages appear beside their fields, then a valid link is added.
  const form = linked.addForm();
  await form.getByRole('button', { name: 'Add link' }).click();
  await expect(form).toContainText('Enter the Stripe id.');
  await expect(form).toContainText('Choose an account.');
  await linked.add('Stripe', 'cus_E2E1', a.name);
  await expect(form).toContainText(`Stripe id cus_E2E1 is already linked to ${c.name}`);
  await linked.add('Stripe', 'cus_HAND1', `${a.name} (${a.id})`);
  await expect(linked.row('stripe', 'cus_HAND1')).toContainText(a.name);
  await expect(form.getByLabel('Stripe id')).toHaveValue('');
  await expect(form.getByLabel('Stripe id')).toBeFocused();
  await expect(linked.counts()).toContainText('3 Stripe');
  expect(await storedLink(page, 'stripe', 'cus_HAND1')).toBe(a.id);

  // Open editor: the edit state and the add form are axe-clean too.
  await linked
    .row('stripe', 'cus_E2E2')
    .getByRole('button', { name: /^Change/ })
    .click();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await linked.row('stripe', 'cus_E2E2').getByRole('combobox').press('Escape');
  await expect(linked.row('stripe', 'cus_E2E2').getByRole('combobox')).toHaveCount(0);

  // A second tab with the editor open follows the next import live.
  const other = await context.newPage();
  await dismissOfflineNotice(other);
  await other.goto('/import/linked-ids');
  const otherLinked = new CrosswalkEditorPage(other);
  await expect(otherLinked.rows()).toHaveCount(3);

  // A later import: cus_E2E1's metadata still names A, but the edited link sends it to C.
  await importSubscriptions(
    page,
    'subscriptions-later.csv',
    [
      `sub_e4,cus_E2E1,Lumen Widgets,billing@lumen-widgets.test,canceled,e2e_repointed,2024-01-15 10:02,2024-01-15 10:02,2025-06-15 10:02,2025-07-15 10:02,2025-07-20 10:00,2025-07-20 10:00,10,50.00,month,${a.id}`,
      `sub_e5,cus_E2E4,Lumen Labs,ops@lumen-labs.test,active,,2024-04-01 08:00,2024-04-01 08:00,2025-04-01 08:00,2025-05-01 08:00,,,1,10.00,month,${b.id}`,
    ],
    null,
  );
  expect(await outcomeReasons(page, c.id)).toContain('e2e_repointed');
  expect(await outcomeReasons(page, a.id)).not.toContain('e2e_repointed');
  await expect(otherLinked.row('stripe', 'cus_E2E4')).toContainText(b.name);
  await expect(otherLinked.rows()).toHaveCount(4);
  await expect(otherLinked.row('stripe', 'cus_E2E1')).toContainText(c.name);
  await other.close();
});

test('with no imports yet the editor says where linked ids come from', async ({ page }) => {
  await new PortfolioPage(page).open();
  await new ImportPage(page).open();
  const linked = new CrosswalkEditorPage(page);
  await linked.openFromImportPage();
  await expect(page.getByTestId('linked-ids-empty')).toContainText('No linked ids yet');
  await expect(linked.rows()).toHaveCount(0);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test('a large crosswalk is shown 200 rows at a time', async ({ page }) => {
  const [a] = await demoAccounts(page, 1);
  // 450 HubSpot links written straight into IndexedDB (as a big import would leave them).
  await page.evaluate(
    (accountId) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('canary');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction('crosswalk', 'readwrite');
          for (let i = 0; i < 450; i++) {
            const sourceId = String(100000 + i);
            tx.objectStore('crosswalk').put({ source: 'hubspot', sourceId, accountId });
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    a.id,
  );
  await page.goto('/import/linked-ids');
  const linked = new CrosswalkEditorPage(page);
  await expect(linked.counts()).toContainText('450 HubSpot');
  await expect(linked.rows()).toHaveCount(200);
  await expect(page.getByTestId('linked-ids-shown')).toHaveText(
    '450 linked ids; showing the first 200.',
  );
  await page.getByRole('button', { name: 'Show 200 more (250 not shown)' }).click();
  await expect(linked.rows()).toHaveCount(400);
  await page.getByRole('button', { name: 'Show 50 more (50 not shown)' }).click();
  await expect(linked.rows()).toHaveCount(450);
  // A search starts again from the first page.
  await page.getByLabel('Search ids or accounts').fill('10044');
  await expect(linked.rows()).toHaveCount(10);
  await expect(page.getByTestId('linked-ids-shown')).toHaveText('10 of 450 linked ids match.');
  await page.getByLabel('Search ids or accounts').fill('no-such-id');
  await expect(page.getByTestId('linked-ids-shown')).toHaveText(
    'No linked ids match “no-such-id”.',
  );
  await page.getByRole('button', { name: 'Show every linked id' }).click();
  await expect(linked.rows()).toHaveCount(200);
  // Dark mode is axe-clean too.
  await page.emulateMedia({ colorScheme: 'dark' });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});
