// Every vendor-file preset through the real UI, in one book: each fixture of
// tests/fixtures/vendors/ is picked on the Import page, recognised, its customers reviewed in the
// crosswalk step (created, confirmed or skipped by choice), checked and imported — and the
// accounts, signal series and outcomes are then read back from the app's own IndexedDB. The
// facts asserted are those of the Node tests (src/lib/import/vendors/*.test.ts); "today" is
// fixed to their day, 2025-06-30, so snapshot values land on the same day.
//
// The files are imported in the order a team would: CRM accounts first (HubSpot companies
// create the accounts), then the files that join to them. The tests share one page and run in
// order; each one depends on the book the previous ones left.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type BrowserContext, type Page } from './fixture';
import { VendorImportPage, ImportPage, PortfolioPage, SettingsPage } from './app';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

/** The Node tests' "today" (tests/fixtures/vendors/book.ts). */
const TODAY = '2025-06-30';

interface StoredAccount {
  id: string;
  name: string;
  segment: string | null;
  arr: number | null;
  renewalDate: number | null;
  owner: string | null;
  attributes: Record<string, unknown>;
}
interface StoredBook {
  accounts: Record<string, StoredAccount>;
  /** `accountId metric` → { iso day: value }. */
  series: Record<string, Record<string, number>>;
  /** [accountId, iso day, outcome, reason], sorted by account then day. */
  outcomes: [string, string, string, string | null][];
}

/** Reads accounts, series and outcomes from the app's IndexedDB (days as ISO dates). */
function readBook(page: Page): Promise<StoredBook> {
  return page.evaluate(
    () =>
      new Promise<StoredBook>((resolve, reject) => {
        const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
        const req = indexedDB.open('canary');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['accounts', 'series', 'outcomes'], 'readonly');
          const book: StoredBook = { accounts: {}, series: {}, outcomes: [] };
          tx.objectStore('accounts').getAll().onsuccess = (e) => {
            for (const a of (e.target as IDBRequest<StoredAccount[]>).result)
              book.accounts[a.id] = a;
          };
          tx.objectStore('series').getAll().onsuccess = (e) => {
            type Row = {
              accountId: string;
              metric: string;
              days: Int32Array;
              values: ArrayLike<number>;
            };
            for (const s of (e.target as IDBRequest<Row[]>).result) {
              const points: Record<string, number> = {};
              s.days.forEach((d, i) => (points[iso(d)] = s.values[i]));
              book.series[`${s.accountId} ${s.metric}`] = points;
            }
          };
          tx.objectStore('outcomes').getAll().onsuccess = (e) => {
            type Row = { accountId: string; day: number; outcome: string; reason: string | null };
            book.outcomes = (e.target as IDBRequest<Row[]>).result
              .map((o): StoredBook['outcomes'][number] => [
                o.accountId,
                iso(o.day),
                o.outcome,
                o.reason,
              ])
              .sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
          };
          tx.oncomplete = () => {
            db.close();
            resolve(book);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/vendors/${name}`, import.meta.url)));

let context: BrowserContext;
let page: Page;
let imports: ImportPage;
let exp: VendorImportPage;

/**
 * Picks a fixture, expects it recognised as `preset`, lets `decide` settle the review, checks
 * the rows (expecting `ok` ready, `skipped` skipped and the file `notes`) and imports it.
 */
async function importFixture(
  name: string,
  preset: string,
  expected: { ok: number; skipped: number; counts?: string[]; notes?: string[] },
  decide: () => Promise<void> = async () => {},
): Promise<void> {
  await expect(page.getByTestId('import-file-input')).toBeEnabled({ timeout: 60_000 });
  await imports.pick({ name, content: fixture(name) });
  await expect(exp.recognised()).toHaveText(`Recognised: ${preset} export`, { timeout: 60_000 });
  await exp.waitForReview();
  for (const line of expected.counts ?? []) await expect(exp.matchCounts()).toContainText(line);
  await decide();
  await exp.continueToCheck();
  await expect(page.getByTestId('rows-ok')).toHaveText(String(expected.ok));
  await expect(page.getByTestId('rows-skipped')).toHaveText(String(expected.skipped));
  for (const note of expected.notes ?? []) {
    await expect(page.getByTestId('vendor-summary')).toContainText(note);
  }
  await exp.importAndWait(name);
  // Success toasts (with Undo) stay 12 s and stack over the top of the page; close this one,
  // as a user would, so it does not cover the next file's buttons.
  await page
    .locator('.toast')
    .filter({ hasText: `Imported ${name}` })
    .getByRole('button', { name: 'Dismiss' })
    .click();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  // Its own context (not browser.newPage()), as AxeBuilder needs.
  context = await browser.newContext();
  page = await context.newPage();
  await page.clock.setFixedTime(new Date(`${TODAY}T12:00:00Z`));
  // The first visit loads the demo book; start from an empty book as a new team would.
  await new PortfolioPage(page).open();
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.eraseAll();
  await expect(page.getByText('All data erased.')).toBeVisible();
  imports = new ImportPage(page);
  exp = new VendorImportPage(page);
  await imports.open();
});

test.afterAll(async () => {
  await context?.close();
});

test('HubSpot companies create the accounts; the Spanish export updates them', async () => {
  await importFixture('hubspot-companies.csv', 'HubSpot companies', { ok: 4, skipped: 0 }, () =>
    exp.createAllUnmatched(),
  );
  let book = await readBook(page);
  expect(Object.keys(book.accounts).sort()).toEqual([
    'hubspot-1001',
    'hubspot-1002',
    'hubspot-1003',
    'hubspot-1004',
  ]);
  expect(book.accounts['hubspot-1003']).toMatchObject({
    name: 'Initech, LLC',
    segment: 'Software',
    owner: 'Dana Scully',
    attributes: { domain: 'initech.com', country: 'United States' },
  });
  expect(book.accounts['hubspot-1001'].name).toBe('Acme Corp');

  // Spanish labels in another order; both companies found through the stored crosswalk.
  await importFixture(
    'hubspot-companies-es.csv',
    'HubSpot companies',
    { ok: 2, skipped: 0, counts: ['2 remembered from earlier imports'] },
    async () => {
      await expect(page.getByTestId('crosswalk-progress')).toHaveText('Every customer is matched.');
    },
  );
  book = await readBook(page);
  expect(Object.keys(book.accounts)).toHaveLength(4);
  expect(
    ['hubspot-1001', 'hubspot-1002'].map((id) => {
      const a = book.accounts[id];
      return [a.name, a.owner, a.attributes.country];
    }),
  ).toEqual([
    ['Acme Corp', 'Dana Scully', 'Estados Unidos'],
    ['Globex GmbH', 'Fox Mulder', 'Alemania'],
  ]);
});

test('HubSpot deals become outcomes through the association column', async () => {
  await importFixture('hubspot-deals.csv', 'HubSpot deals (renewals and expansions)', {
    ok: 4,
    skipped: 1,
  });
  const book = await readBook(page);
  expect(book.outcomes).toEqual([
    ['hubspot-1001', '2025-01-15', 'renewed', 'Acme renewal 2025'],
    ['hubspot-1002', '2025-03-10', 'churned', 'Moved to a competitor'],
    ['hubspot-1003', '2025-04-20', 'expanded', 'Initech seats expansion'],
  ]);
});

test('Salesforce accounts and opportunities, Data Loader and report exports', async () => {
  // Data Loader accounts: two join the HubSpot accounts by domain, one is created.
  await importFixture(
    'salesforce-accounts-dataloader.csv',
    'Salesforce accounts',
    { ok: 3, skipped: 0, counts: ['2 by company email domain'] },
    () => exp.create('001Dn00000Mn2OpIAJ'),
  );
  let book = await readBook(page);
  expect(book.accounts['hubspot-1001']).toMatchObject({
    owner: 'Dana Scully',
    attributes: {
      domain: 'acme.com',
      salesforce_owner_id: '005Dn000001AbCd',
      website: 'https://www.acme.com',
    },
  });
  expect(book.accounts['salesforce-001Dn00000Mn2OpIAJ'].name).toBe('Café Müller GmbH');

  await importFixture(
    'salesforce-opportunities-dataloader.csv',
    'Salesforce opportunities (renewals and expansions)',
    { ok: 3, skipped: 0, counts: ['2 remembered from earlier imports'] },
  );
  book = await readBook(page);
  // Same account and day as the HubSpot deals: the later file's outcome replaces the earlier.
  expect(book.outcomes).toEqual([
    ['hubspot-1001', '2025-01-15', 'renewed', 'Acme renewal 2025'],
    ['hubspot-1002', '2025-03-10', 'churned', 'Globex renewal 2025'],
    ['hubspot-1003', '2025-04-20', 'expanded', 'Initech seats expansion'],
  ]);

  // A report without ids: keyed by name, © footer stripped; Hooli is created by choice.
  await importFixture(
    'salesforce-accounts-report.csv',
    'Salesforce accounts',
    {
      ok: 2,
      skipped: 0,
      counts: ['1 by company email domain'],
      notes: ['3 report footer line(s) (totals, copyright) were skipped.'],
    },
    () => exp.create('name:hooli'),
  );
  book = await readBook(page);
  expect(book.accounts['salesforce-name:hooli']).toMatchObject({
    name: 'Hooli',
    owner: 'Gavin Belson',
  });

  // Windows-1252 report: 15-character ids, multi-line addresses, US dates, footers.
  await importFixture(
    'salesforce-opportunities-report-cp1252.csv',
    'Salesforce opportunities (renewals and expansions)',
    {
      ok: 3,
      skipped: 0,
      counts: ['3 remembered from earlier imports'],
      notes: ['3 report footer line(s) (totals, copyright) were skipped.'],
    },
  );
  book = await readBook(page);
  expect(book.outcomes).toEqual([
    ['hubspot-1001', '2025-01-15', 'renewed', 'Acme renewal 2025'],
    ['hubspot-1001', '2025-04-22', 'expanded', 'Acme add-on “Analytics”'],
    ['hubspot-1002', '2025-03-10', 'churned', 'Globex renewal 2025'],
    ['hubspot-1003', '2025-04-20', 'expanded', 'Initech seats expansion'],
    ['salesforce-001Dn00000Mn2OpIAJ', '2025-03-15', 'renewed', 'Renewal 2025 – Café'],
  ]);
  expect(book.accounts['salesforce-001Dn00000Mn2OpIAJ'].name).toBe('Café Müller GmbH');
  expect(Object.keys(book.accounts)).toHaveLength(6);
});

test('Stripe customers, subscriptions and invoices join the CRM accounts', async () => {
  // Customers: metadata ids and domains match; the phone-number name is confirmed as Initech;
  // Vandelay is created; the gmail guest is skipped; the row with no customer is listed.
  await importFixture(
    'stripe-unified-customers.csv',
    'Stripe customers',
    {
      ok: 5,
      skipped: 2,
      counts: ['2 by an account id in the file', '1 by company email domain'],
    },
    async () => {
      // A review with a name suggestion, unmatched customers and a keyless row is axe-clean.
      await expect(exp.review()).toContainText('1 row names no customer');
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
      await exp.confirm('cus_I1', 'Initech, LLC');
      await exp.create('cus_X1');
      await exp.skip('email:guest@gmail.com');
    },
  );
  let book = await readBook(page);
  expect(book.series['hubspot-1002 billing_delinquent']).toEqual({ [TODAY]: 1 });
  expect(book.series['hubspot-1003 billing_delinquent']).toEqual({ [TODAY]: 0 });
  expect(book.series['hubspot-1001 billing_balance']).toEqual({ [TODAY]: -397 });
  expect(book.accounts['stripe-cus_X1']).toMatchObject({
    name: 'Vandelay Industries',
    attributes: { domain: 'vandelay.com' },
  });
  expect(book.series['stripe-cus_X1 billing_delinquent']).toEqual({ [TODAY]: 1 });
  expect(Object.keys(book.accounts)).toHaveLength(7);

  // Subscriptions: MRR history, ARR, cancellations → outcomes, past-due on the snapshot day.
  await importFixture('stripe-subscriptions.csv', 'Stripe subscriptions', {
    ok: 6,
    skipped: 0,
    counts: ['4 remembered from earlier imports'],
    notes: ['Amounts read in major units'],
  });
  book = await readBook(page);
  expect(book.series['hubspot-1001 mrr']).toEqual({
    '2024-01-15': 500,
    '2024-06-01': 600,
    '2025-06-20': 610,
    [TODAY]: 610,
  });
  expect(book.accounts['hubspot-1001']).toMatchObject({
    arr: 7320,
    owner: 'Dana Scully',
    // 2026-01-15: the next anniversary of the account's first subscription (day number).
    renewalDate: 20468,
  });
  expect(book.accounts['hubspot-1002'].arr).toBe(0);
  // Renewals inferred from the subscriptions: Globex ran through its anniversary before it
  // cancelled; Acme's anniversary is the day of its won renewal deal, which stays as recorded.
  expect(book.outcomes).toContainEqual([
    'hubspot-1002',
    '2025-02-01',
    'renewed',
    'Inferred from subscriptions: paid service ran through the contract anniversary',
  ]);
  expect(book.outcomes).toContainEqual([
    'hubspot-1001',
    '2025-01-15',
    'renewed',
    'Acme renewal 2025',
  ]);
  expect(book.outcomes).toContainEqual([
    'hubspot-1002',
    '2025-03-10',
    'churned',
    'cancellation_requested',
  ]);
  expect(book.outcomes).toContainEqual([
    'stripe-cus_X1',
    '2025-04-01',
    'contracted',
    'payment_failed',
  ]);
  expect(book.outcomes).toHaveLength(7);
  expect(book.series['stripe-cus_X1 subscriptions_past_due']).toEqual({ [TODAY]: 1 });
  expect(book.series['hubspot-1001 subscriptions_past_due']).toEqual({ [TODAY]: 0 });

  // Invoices: billed per day, overdue from the due day, open ones on the snapshot day.
  await importFixture('stripe-invoices.csv', 'Stripe invoices', {
    ok: 5,
    skipped: 0,
    counts: ['3 remembered from earlier imports'],
  });
  book = await readBook(page);
  expect(book.series['hubspot-1001 invoice_amount_due']).toEqual({ '2025-05-15': 500 });
  expect(book.series['stripe-cus_X1 invoices']).toEqual({ '2025-05-01': 1, '2025-06-01': 1 });
  expect(book.series['stripe-cus_X1 invoices_overdue']).toEqual({ '2025-05-15': 1 });
  expect(book.series['stripe-cus_X1 invoice_amount_overdue']).toEqual({ '2025-05-15': 30 });
  expect(book.series['stripe-cus_X1 invoices_open']).toEqual({ [TODAY]: 2 });
  expect(book.series['hubspot-1001 invoices_open']).toEqual({ [TODAY]: 0 });
});

test('Zendesk tickets: daily counts, real units, later facts on the solved day', async () => {
  await importFixture('zendesk-tickets.csv', 'Zendesk tickets', {
    ok: 4,
    skipped: 1,
    counts: ['3 by company email domain'],
  });
  const book = await readBook(page);
  expect(book.series['hubspot-1001 tickets']).toEqual({ '2025-05-02': 2 });
  expect(book.series['hubspot-1001 first_reply_minutes']).toEqual({ '2025-05-02': 60 });
  expect(book.series['hubspot-1001 resolution_hours']).toEqual({
    '2025-05-03': 25,
    '2025-05-06': 96,
  });
  expect(book.series['hubspot-1001 tickets_bad_csat']).toEqual({
    '2025-05-03': 0,
    '2025-05-06': 1,
  });
  expect(book.series['hubspot-1001 ticket_reopens']).toEqual({
    '2025-05-03': 0,
    '2025-05-06': 1,
  });
  expect(book.series['hubspot-1003 resolution_hours']).toBeUndefined();
  expect(book.series['hubspot-1003 tickets_bad_csat']).toEqual({ '2025-06-02': 0 });
});

test('Freshdesk tickets: (in hrs) durations read as HH:MM:SS, added to the same signals', async () => {
  await importFixture('freshdesk-tickets.csv', 'Freshdesk tickets', {
    ok: 3,
    skipped: 0,
    counts: ['3 by company email domain'],
  });
  const book = await readBook(page);
  // Freshdesk writes the same metrics as Zendesk: its days are added beside Zendesk's.
  expect(book.series['hubspot-1001 first_reply_minutes']).toEqual({
    '2025-05-02': 60,
    '2025-05-10': 90,
  });
  expect(book.series['hubspot-1001 resolution_hours']).toEqual({
    '2025-05-03': 25,
    '2025-05-06': 96,
    '2025-05-11': 25.5,
  });
  expect(book.series['hubspot-1001 tickets_bad_csat']).toMatchObject({ '2025-05-11': 1 });
  expect(book.series['hubspot-1002 resolution_hours']).toEqual({
    '2025-05-05': 4,
    '2025-05-12': 2.25,
  });
  expect(book.series['hubspot-1003 tickets']).toEqual({ '2025-06-01': 1, '2025-06-02': 1 });
});
