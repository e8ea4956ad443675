// The specs' `test`: Playwright's, with the clock pinned in every page of the test's context,
// so a spec gives the same result on every day of the year. The demo book ends on the page's
// "today" (the page passes it to the worker), so pinning the page's clock pins the demo too.
// Only Date is fixed (setFixedTime): timers run as usual. The worker keeps the real clock,
// which it uses only for timestamps (when an import ran), never for "today".
import { test as base } from '@playwright/test';

export * from '@playwright/test';

/** The pinned "today" of the end-to-end specs (a Monday, as the CLI's demo anchor). */
export const TODAY = '2026-11-23';

/** The pinned instant: noon UTC on TODAY, the same calendar day in every time zone ±11 h. */
export const PINNED_NOW = new Date(`${TODAY}T12:00:00Z`);

export const test = base.extend({
  context: async ({ context }, use) => {
    await context.clock.setFixedTime(PINNED_NOW);
    await use(context);
  },
});
