// Screenshots for the README, taken by the specs that walk a flow end to end: written to
// docs/screenshots/ only when CANARY_README_SCREENSHOTS=1 (`npm run screenshots` sets it), so
// the specs cost nothing extra in CI. Toasts, the offline notice and the progress bar (fixed
// on the screen) are hidden for the shot, and the mouse and focus are moved away, so only the
// page itself is in the picture.
import type { Locator, Page } from './fixture';

/** True when the specs should write the README's screenshots. */
export const README_SHOTS = process.env.CANARY_README_SCREENSHOTS === '1';

const MARGIN = 12;

/**
 * Saves docs/screenshots/<name>.png: the whole window, or — with `areas` — the part of the page
 * holding them (their union, with a small margin, scrolled into the picture whatever its height).
 */
export async function readmeShot(page: Page, name: string, ...areas: Locator[]): Promise<void> {
  if (!README_SHOTS) return;
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const hidden = await page.evaluate(() => {
    const fixed = [...document.querySelectorAll<HTMLElement>('body *')].filter(
      (el) => getComputedStyle(el).position === 'fixed' && el.style.visibility !== 'hidden',
    );
    for (const el of fixed) {
      el.style.visibility = 'hidden';
      el.dataset.readmeHidden = '';
    }
    return fixed.length;
  });
  const path = `docs/screenshots/${name}.png`;
  try {
    if (areas.length === 0) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path, animations: 'disabled' });
      return;
    }
    // Page coordinates: the boxes are read with the page scrolled to the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    const boxes = [];
    for (const a of areas) {
      const box = await a.boundingBox();
      if (!box) throw new Error(`readmeShot ${name}: an area is not on the page`);
      boxes.push(box);
    }
    const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - MARGIN);
    const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - MARGIN);
    const right = Math.max(...boxes.map((b) => b.x + b.width)) + MARGIN;
    const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + MARGIN;
    await page.screenshot({
      path,
      fullPage: true,
      animations: 'disabled',
      clip: { x, y, width: right - x, height: bottom - y },
    });
  } finally {
    if (hidden > 0) {
      await page.evaluate(() => {
        for (const el of document.querySelectorAll<HTMLElement>('[data-readme-hidden]')) {
          el.style.visibility = '';
          delete el.dataset.readmeHidden;
        }
      });
    }
  }
}
