// The renewals page on a real data set: RavenStack's five tables imported into an empty book on
// 2025-01-15 (its data ends 2024-12-31, so its renewals fall in 2025), a model built from the
// data and saved, the active version backtested, and the page's figures checked against the
// stored book: renewals and ARR in the window, the in-sample note of a fitted version, the
// left-out renewals, and the last ARR-at-risk point against the current bands.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixture';
import { RAVENSTACK_DIR } from '../datasets';
import { BacktestPage, ImportPage, ModelBuilderPage, PortfolioPage, SettingsPage } from './app';

test.use({ viewport: { width: 1280, height: 900 } });
test.describe.configure({ timeout: 300_000 });

const TODAY = '2025-01-15';
const TABLES = ['accounts', 'subscriptions', 'feature_usage', 'support_tickets', 'churn_events'];
const fileName = (table: string) => `ravenstack_${table}.csv`;
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

async function importAll(page: Page): Promise<void> {
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
    await expect(page.getByTestId('rows-skipped')).toHaveText('0');
    await imports.importRows();
    await expect(imports.result()).toContainText(`Imported ${name}`, { timeout: 60_000 });
    await page
      .locator('.toast')
      .filter({ hasText: `Imported ${name}` })
      .getByRole('button', { name: 'Dismiss' })
      .click();
  }
}

/** What the stored book says the page should show. */
function storedTruth(page: Page, today: string) {
  return page.evaluate(
    (todayIso) =>
      new Promise<{
        renewals: number;
        arr: number;
        overdue: number;
        liveRed: number;
        liveRedArr: number;
        liveAmber: number;
        scoringDay: string;
      }>((resolve, reject) => {
        const day = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
        const t = day(todayIso);
        const end = day('2026-01-01');
        const req = indexedDB.open('canary');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(
            ['accounts', 'outcomes', 'currentScores', 'settings'],
            'readonly',
          );
          const get = (s: string) =>
            new Promise<unknown[]>((r) => {
              const q = tx.objectStore(s).getAll();
              q.onsuccess = () => r(q.result);
            });
          void Promise.all([
            get('accounts'),
            get('outcomes'),
            get('currentScores'),
            get('settings'),
          ]).then(([accounts, outcomes, scores, settings]) => {
            const latest = new Map<string, { day: number; outcome: string }>();
            for (const o of outcomes as { accountId: string; day: number; outcome: string }[]) {
              const s = latest.get(o.accountId);
              if (!s || o.day > s.day || (o.day === s.day && o.outcome === 'churned'))
                latest.set(o.accountId, o);
            }
            const archived = (id: string) => latest.get(id)?.outcome === 'churned';
            const out = {
              renewals: 0,
              arr: 0,
              overdue: 0,
              liveRed: 0,
              liveRedArr: 0,
              liveAmber: 0,
              scoringDay: '',
            };
            const scoring = (settings as { key: string; value: { day: number } }[]).find(
              (x) => x.key === 'scoringDay',
            );
            out.scoringDay = new Date((scoring?.value.day ?? 0) * 86_400_000).toLocaleDateString(
              'en-US',
              { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' },
            );
            const arrOf = new Map<string, number>();
            for (const a of accounts as {
              id: string;
              arr: number | null;
              renewalDate: number | null;
            }[]) {
              arrOf.set(a.id, a.arr ?? 0);
              if (archived(a.id) || a.renewalDate === null) continue;
              if (a.renewalDate < t) out.overdue++;
              else if (a.renewalDate < end) {
                out.renewals++;
                out.arr += a.arr ?? 0;
              }
            }
            for (const s of scores as { accountId: string; band: string | null }[]) {
              if (archived(s.accountId)) continue;
              if (s.band === 'red') {
                out.liveRed++;
                out.liveRedArr += arrOf.get(s.accountId) ?? 0;
              }
              if (s.band === 'amber') out.liveAmber++;
            }
            db.close();
            resolve(out);
          });
        };
      }),
    today,
  );
}

const money = (v: number) => `$${Math.round(v).toLocaleString('en-US')}`;

test('RavenStack: what the renewals page says matches the stored book', async ({ page }) => {
  await page.clock.setFixedTime(new Date(`${TODAY}T12:00:00Z`));
  await new PortfolioPage(page).open();
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.eraseAll();
  await expect(page.getByText('All data erased.').first()).toBeVisible();
  await importAll(page);

  await test.step('with the default model: nothing scored, so no probability and no history', async () => {
    await nav(page, 'Renewals');
    await expect(page.getByTestId('no-backtest')).toContainText('No backtest yet', {
      timeout: 60_000,
    });
    const truth = await storedTruth(page, TODAY);
    expect(truth.renewals).toBeGreaterThan(50);
    await expect(page.getByTestId('renewals-total')).toContainText(
      `${truth.renewals.toLocaleString('en-US')} renewals, ${money(truth.arr)} ARR`,
    );
    // The default model reads almost none of RavenStack: no account has a band.
    await expect(
      page
        .getByTestId('month-table')
        .getByTestId('model-call')
        .filter({ hasText: /Commit|At risk|Will churn/ }),
    ).toHaveCount(0);
    await page.screenshot({ path: 'test-results/renewals-ravenstack-default.png', fullPage: true });
  });

  await test.step('a model built from the data, saved and backtested', async () => {
    await nav(page, 'Portfolio');
    await new PortfolioPage(page).waitForBook();
    await page
      .getByTestId('coverage-banner')
      .getByRole('link', { name: 'Build a model from your data' })
      .click();
    await expect(page.getByTestId('proposal-result')).toBeVisible({ timeout: 120_000 });
    const builder = new ModelBuilderPage(page);
    await builder.waitForPreview();
    await builder.save();
    await nav(page, 'Portfolio');
    await new PortfolioPage(page).waitForBook();
    await expect(page.getByTestId('coverage-banner')).toHaveCount(0, { timeout: 60_000 });
    const backtest = new BacktestPage(page);
    await backtest.open();
    await backtest.run();
  });

  await test.step('the renewals page: figures as the book has them, in-sample said plainly', async () => {
    await nav(page, 'Renewals');
    await expect(page.getByTestId('backtest-basis')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('in-sample')).toContainText('in sample');
    const truth = await storedTruth(page, TODAY);
    const total = page.getByTestId('renewals-total');
    await expect(total).toContainText(
      `${truth.renewals.toLocaleString('en-US')} renewals, ${money(truth.arr)} ARR`,
    );
    await expect(page.getByTestId('expected-total')).toHaveText(/^\$[\d,]+$/);
    if (truth.overdue > 0)
      await expect(page.getByTestId('overdue')).toContainText(
        `${truth.overdue.toLocaleString('en-US')} live accounts`,
      );
    const months = page.getByTestId('renewal-month');
    await expect(months.first().getByRole('heading')).toHaveText('January 2025');
    // The last ARR-at-risk point is the book's scoring day: its red accounts are the live
    // accounts red today.
    const last = page.getByTestId('at-risk-row').last();
    await expect(last.getByRole('rowheader')).toHaveText(truth.scoringDay);
    await expect(last.getByRole('cell').nth(0)).toHaveText(truth.liveRed.toLocaleString('en-US'));
    await expect(last.getByRole('cell').nth(2)).toHaveText(truth.liveAmber.toLocaleString('en-US'));
    await expect(page.getByTestId('at-risk')).toContainText(
      `${money(truth.liveRedArr)} ARR in red (${truth.liveRed.toLocaleString('en-US')} accounts)`,
    );
    console.info(`RavenStack renewals: ${JSON.stringify(truth)}`);
    console.info(`RavenStack total: ${await total.innerText()}`);
    await page.screenshot({ path: 'test-results/renewals-ravenstack.png', fullPage: true });
  });
});
