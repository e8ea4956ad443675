// Browser benchmarks: the built app in headless Chromium with its real worker and IndexedDB.
import { chromium } from '@playwright/test';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function portfolioReady(page) {
  await page.waitForFunction(
    () => performance.getEntriesByName('canary:portfolio-ready').length > 0,
    null,
    {
      timeout: 120_000,
    },
  );
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const ready = performance.getEntriesByName('canary:portfolio-ready')[0];
    return { readyMs: ready.startTime, dclMs: nav.domContentLoadedEventEnd };
  });
}

async function runDiagnostic(page, id) {
  await page
    .getByRole('heading', {
      name: {
        'rescore-book': 'Rescore this book',
        'rescore-5000': 'Rescore 5,000 accounts',
        'backtest-5000': 'Backtest 5,000 accounts',
        'import-1m': 'Import 1,000,000 signal rows',
      }[id],
    })
    .locator('..')
    .getByRole('button', { name: 'Run' })
    .click();
  const row = page.getByTestId(`bench-${id}`);
  await row.waitFor({ timeout: 300_000 });
  return row.evaluate((el) => ({
    ms: Number(el.dataset.ms),
    floorMs: el.dataset.floorMs ? Number(el.dataset.floorMs) : null,
    detail: el.dataset.detail,
  }));
}

/** Runs every browser benchmark; returns rows for the table. */
export async function runBrowserBenchmarks({ chromium: executablePath, baseUrl }) {
  const browser = await chromium.launch({ executablePath, args: ARGS });
  const results = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();

    await page.goto(baseUrl + '/');
    const first = await portfolioReady(page);
    results.push({
      where: 'chromium',
      name: 'first visit: demo book generated, stored, scored, shown',
      ms: first.readyMs,
      floorMs: first.dclMs,
      notes: 'floor = DOMContentLoaded of the same page',
    });

    await page.reload();
    const warm = await portfolioReady(page);
    results.push({
      where: 'chromium',
      name: 'app load: portfolio shown from IndexedDB',
      ms: warm.readyMs,
      floorMs: warm.dclMs,
      target: 'first paint < 1 s',
      met: warm.readyMs < 1000,
      notes: 'floor = DOMContentLoaded of the same page',
    });

    await page.goto(baseUrl + '/diagnostics');
    const book = await runDiagnostic(page, 'rescore-book');
    results.push({
      where: 'chromium worker',
      name: 'demo book rescore (read, score, save)',
      ...book,
      notes: book.detail,
    });

    const big = await runDiagnostic(page, 'rescore-5000');
    results.push({
      where: 'chromium worker',
      name: 'rescore 5,000 accounts × 12 metrics × 730 days',
      ...big,
      target: '≤ 1000 ms',
      met: big.ms <= 1000,
      notes: big.detail,
    });

    const backtest = await runDiagnostic(page, 'backtest-5000');
    results.push({
      where: 'chromium worker',
      name: 'backtest 5,000 accounts, 3 horizons, 5-fold fit',
      ...backtest,
      target: '≤ 5000 ms',
      met: backtest.ms <= 5000,
      notes: `${backtest.detail}; floor = point-in-time measure values of the same outcome points once`,
    });

    // Long tasks on the main thread while the worker imports (the page reports them too).
    await page.evaluate(() => {
      window.__canaryLongTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__canaryLongTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    const imported = await runDiagnostic(page, 'import-1m');
    const longTasks = await page.evaluate(() => window.__canaryLongTasks);
    const longest = longTasks.length ? Math.max(...longTasks) : 0;
    results.push({
      where: 'chromium worker',
      name: 'import 1,000,000 long signal rows end to end (decode → parse → check → applyImport)',
      ...imported,
      target: '≤ 1.5× floor; no main-thread task > 50 ms',
      met: imported.ms <= 1.5 * imported.floorMs && longest <= 50,
      notes: `${imported.detail}; main thread: ${longTasks.length} long tasks, longest ${Math.round(longest)} ms`,
    });
    await context.close();
  } finally {
    await browser.close();
  }
  return results;
}
