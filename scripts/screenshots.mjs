// npm run screenshots: builds the app, serves it, loads the demo book in headless Chromium and
// saves a screenshot of each page into docs/screenshots/ (used by the README).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { requireChromium, run } from './lib.mjs';

const executablePath = await requireChromium();
if (!process.argv.includes('--no-build')) run('npx', ['vite', 'build', '--logLevel', 'warn']);
const port = 4193;
const server = spawn('node', ['scripts/serve.mjs', '--port', String(port)], { stdio: 'ignore' });
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

try {
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  for (const scheme of ['light', 'dark']) {
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
  await browser.close();
} finally {
  server.kill();
}
