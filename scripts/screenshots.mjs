// npm run screenshots: builds the app, serves it, loads the demo book in headless Chromium and
// saves a screenshot of each page into docs/screenshots/ (used by the README), then imports the
// vendor-file fixtures (tests/fixtures/vendors/) into an empty book and saves each tool's
// "Recognised: … export" review step as docs/screenshots/vendor-<tool>.png, and the linked-ids
// editor holding the links those imports made as docs/screenshots/crosswalk-editor.png.
// Last, it runs the two "CS lead's afternoon" specs (tests/e2e/afternoon-telco.spec.ts and
// afternoon-ravenstack.spec.ts) with CANARY_README_SCREENSHOTS=1, which write
// docs/screenshots/afternoon-*.png from their real runs.
// Flags: --no-build (use ./build as it is), --vendors-only (only the vendor-file shots),
// --afternoon-only (only the afternoon specs' shots).
// CANARY_SCREENSHOTS_PORT overrides the port (4193).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, requireChromium, run } from './lib.mjs';

const executablePath = await requireChromium();
if (!process.argv.includes('--no-build')) run('npx', ['vite', 'build', '--logLevel', 'warn']);
const port = Number(process.env.CANARY_SCREENSHOTS_PORT ?? 4193);
const vendorsOnly = process.argv.includes('--vendors-only');
const afternoonOnly = process.argv.includes('--afternoon-only');
const base = `http://localhost:${port}`;
mkdirSync('docs/screenshots', { recursive: true });

// Pages to capture; `path: null` means the account page of the riskiest account.
const shots = [
  { name: 'portfolio', path: '/', ready: '[data-testid="portfolio-row"]' },
  { name: 'account', path: null, ready: '[data-testid="driver"]' },
  { name: 'model', path: '/model', ready: 'h1' },
  { name: 'backtest', path: '/backtest', ready: 'h1' },
  { name: 'import', path: '/import', ready: 'h1' },
  { name: 'settings', path: '/settings', ready: 'h1' },
];

if (!afternoonOnly) {
  const server = spawn('node', ['scripts/serve.mjs', '--port', String(port)], { stdio: 'ignore' });
  try {
    await appShots();
  } finally {
    // Stopped before the afternoon specs, whose Playwright run serves the app on the same port.
    const exited = new Promise((r) => server.once('exit', r));
    server.kill();
    await exited;
  }
}
if (!vendorsOnly) afternoonShots();

/** The demo book's pages, light and dark, and the vendor-file shots. */
async function appShots() {
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
  });
  for (const scheme of vendorsOnly ? [] : ['light', 'dark']) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      colorScheme: scheme,
    });
    const page = await context.newPage();
    await page.goto(base + '/');
    await page.waitForSelector('[data-testid="portfolio-row"]', { timeout: 60_000 });
    const accountPath = await page
      .locator('[data-testid="portfolio-row"] a')
      .first()
      .getAttribute('href');
    for (const s of shots) {
      if (scheme === 'dark' && s.name !== 'portfolio') continue;
      const response = await page.goto(base + (s.path ?? accountPath));
      if (!response?.ok()) continue;
      await page.waitForSelector(s.ready, { timeout: 30_000 });
      await page.waitForTimeout(600);
      const file = `docs/screenshots/${s.name}${scheme === 'dark' ? '-dark' : ''}.png`;
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
    }
    if (scheme === 'light') {
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(base + '/');
      await page.waitForSelector('[data-testid="portfolio-row"]');
      await page.waitForTimeout(400);
      await page.screenshot({ path: 'docs/screenshots/portfolio-mobile.png' });
      console.log('wrote docs/screenshots/portfolio-mobile.png');
    }
    await context.close();
  }
  await vendorShots(browser);
  await browser.close();
}

/**
 * The README's "CS lead's afternoon": the two specs that walk it on the real data sets, run
 * with CANARY_README_SCREENSHOTS=1 so each step writes its docs/screenshots/afternoon-*.png;
 * and the renewals spec, which writes docs/screenshots/renewals*.png the same way.
 * Playwright serves ./build itself on the same port (the server above is stopped by now).
 */
function afternoonShots() {
  run(
    'npx',
    [
      'playwright',
      'test',
      'tests/e2e/afternoon-telco.spec.ts',
      'tests/e2e/afternoon-ravenstack.spec.ts',
      'tests/e2e/renewals.spec.ts',
    ],
    {
      env: {
        ...process.env,
        CHROMIUM_PATH: executablePath,
        CANARY_E2E_PORT: String(port),
        CANARY_README_SCREENSHOTS: '1',
      },
    },
  );
}

/**
 * One screenshot per tool of Canary recognising its vendor file and showing the review step, made
 * from the fixture files in a fresh, empty book. Files that create accounts are imported (with
 * the same choices the e2e spec makes) so the later tools join to them, as in real use.
 */
async function vendorShots(browser) {
  const steps = [
    {
      tool: 'hubspot',
      file: 'hubspot-companies.csv',
      decide: (page) => page.getByRole('button', { name: /^Create accounts for all/ }).click(),
    },
    {
      tool: 'salesforce',
      file: 'salesforce-accounts-dataloader.csv',
      decide: (page) => radio(page, '001Dn00000Mn2OpIAJ', /^Create a new account/),
    },
    {
      tool: 'stripe',
      file: 'stripe-unified-customers.csv',
      decide: async (page) => {
        await radio(page, 'cus_I1', 'Same customer as Initech, LLC');
        await radio(page, 'cus_X1', /^Create a new account/);
        await radio(page, 'email:guest@gmail.com', /^Skip/);
      },
    },
    // Nothing left to decide: show which customer matched which account instead.
    { tool: 'zendesk', file: 'zendesk-tickets.csv', showMatches: true },
    { tool: 'freshdesk', file: 'freshdesk-tickets.csv', showMatches: true },
  ];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(base + '/');
  await page.waitForSelector('[data-testid="portfolio-row"]', { timeout: 60_000 });
  await page.goto(base + '/settings');
  await page.getByRole('button', { name: 'Erase all data…' }).click();
  await page.getByRole('dialog').getByRole('textbox').fill('ERASE');
  await page.getByRole('dialog').getByRole('button', { name: 'Erase everything' }).click();
  await page.getByText('All data erased.').first().waitFor({ timeout: 30_000 });
  await page.goto(base + '/import');
  for (const s of steps) {
    const input = page.getByTestId('import-file-input');
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="import-file-input"]')?.disabled,
      undefined,
      { timeout: 60_000 },
    );
    await input.setInputFiles({
      name: s.file,
      mimeType: 'text/csv',
      buffer: readFileSync(`tests/fixtures/vendors/${s.file}`),
    });
    await page.getByTestId('crosswalk-review').waitFor({ timeout: 60_000 });
    if (s.showMatches) await page.getByText('Show the automatic matches').click();
    // No focus ring or hover left over from the previous step's clicks.
    await page.mouse.move(0, 0);
    await page.evaluate(() => {
      /** @type {HTMLElement | null} */ (document.activeElement)?.blur();
      window.scrollTo(0, 0);
    });
    await page.waitForTimeout(300);
    const file = `docs/screenshots/vendor-${s.tool}.png`;
    await page.screenshot({ path: file, fullPage: true, clip: await unionBox(page) });
    console.log(`wrote ${file}`);
    const step = page.getByTestId('vendor-step');
    if (!s.decide) {
      await step.getByRole('button', { name: 'Cancel' }).click();
      continue;
    }
    await s.decide(page);
    await page.getByRole('button', { name: 'Continue with these matches' }).click();
    const summary = page.getByTestId('vendor-summary');
    await summary.waitFor({ timeout: 60_000 });
    await summary.getByRole('button', { name: /^Import [\d,]+ rows$/ }).click();
    await page
      .getByTestId('import-result')
      .filter({ hasText: `Imported ${s.file}` })
      .waitFor({ timeout: 60_000 });
    // Close the import's toast so it cannot overlap the next shot.
    await page
      .locator('.toast')
      .filter({ hasText: `Imported ${s.file}` })
      .getByRole('button', { name: 'Dismiss' })
      .click();
  }
  // The linked-ids editor, holding the links those imports made, with one row being changed.
  await page.goto(base + '/import/linked-ids');
  await page.getByTestId('linked-id-row').first().waitFor({ timeout: 30_000 });
  await page
    .getByTestId('linked-id-row')
    .first()
    .getByRole('button', { name: /^Change/ })
    .click();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/screenshots/crosswalk-editor.png' });
  console.log('wrote docs/screenshots/crosswalk-editor.png');
  await context.close();
}

/** Checks a radio of one customer's decision row (by its source id). */
function radio(page, sourceId, name) {
  return page
    .locator(`[data-testid="crosswalk-row"][data-key="${sourceId}"]`)
    .getByRole('radio', { name })
    .check();
}

/** The page area holding the "Recognised" card and the review card, with a small margin. */
async function unionBox(page) {
  const a = await page.getByTestId('vendor-step').boundingBox();
  const b = await page.getByTestId('crosswalk-review').boundingBox();
  const pad = 12;
  const x = Math.max(0, Math.min(a.x, b.x) - pad);
  const y = Math.max(0, a.y - pad);
  const right = Math.max(a.x + a.width, b.x + b.width) + pad;
  const bottom = b.y + b.height + pad;
  return { x, y, width: right - x, height: bottom - y };
}
