// Installable and offline: the service worker precaches the shell, so after going offline a
// reload still renders the portfolio from IndexedDB.
import { expect, test } from './fixture';
import { PortfolioPage } from './app';

test('the web manifest is installable-shaped', async ({ request }) => {
  const res = await request.get('/manifest.webmanifest');
  expect(res.ok()).toBe(true);
  const manifest = await res.json();
  expect(manifest.name).toContain('Canary');
  expect(manifest.display).toBe('standalone');
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) expect((await request.get(icon.src)).ok()).toBe(true);
});

test('after going offline a reload still shows the portfolio', async ({ page, context }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  const count = await page.getByText(/Showing \d+ of \d+ accounts/).textContent();
  const firstLink = portfolio.rows().first().getByRole('link').first();
  const firstName = (await firstLink.innerText()).trim();
  const firstHref = (await firstLink.getAttribute('href'))!;
  // Wait until the service worker controls a page and has finished precaching.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
      timeout: 15_000,
    })
    .toBe(true);
  await portfolio.waitForBook();

  await context.setOffline(true);
  await page.reload();
  await portfolio.waitForBook();
  await expect(page.getByText(count!)).toBeVisible();
  // Another page, never visited while online, also comes from the precache.
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  // A direct load of an account (query parameter) gets the account page, not the fallback.
  await page.goto(firstHref);
  await expect(page.getByRole('heading', { level: 1, name: firstName })).toBeVisible();
  await context.setOffline(false);
});
