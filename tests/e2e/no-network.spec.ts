// No network: a session that visits every page makes no request to any other origin, and the
// page declares a Content-Security-Policy without unsafe-eval and with connect-src 'self'.
import { expect, test } from './fixture';
import { PortfolioPage } from './app';

const PAGES = ['/', '/settings', '/account?id=__first__'];

test('no request leaves the origin while every page is visited', async ({
  page,
  context,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.origin !== origin) foreign.push(req.url());
  });
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  const firstHref = await portfolio.rows().first().getByRole('link').first().getAttribute('href');
  for (const path of PAGES) {
    await page.goto(path === '/account?id=__first__' ? firstHref! : path);
    await page.waitForLoadState('networkidle');
  }
  for (const link of await page.getByRole('navigation', { name: 'Main' }).getByRole('link').all()) {
    await link.click();
    await page.waitForLoadState('networkidle');
  }
  expect(foreign).toEqual([]);
});

test('the page sets a strict Content-Security-Policy', async ({ page }) => {
  await page.goto('/');
  const csp = await page
    .locator('meta[http-equiv="content-security-policy"]')
    .getAttribute('content');
  expect(csp).toBeTruthy();
  expect(csp).not.toMatch(/unsafe-eval/);
  expect(csp).toMatch(/connect-src 'self'/);
  expect(csp).toMatch(/default-src 'self'/);
});
