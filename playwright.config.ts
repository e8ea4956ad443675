import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS } from './scripts/lib.mjs';

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Port of the built app under test (override with CANARY_E2E_PORT when 4173 is taken). */
const port = Number(process.env.CANARY_E2E_PORT ?? 4173);

/** Desktop Chrome in the system's Chromium, headless, with nothing reaching the network. */
const chromiumUse = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath,
    args: CHROMIUM_ARGS,
  },
};

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  // Two spec files at a time (tests inside a file stay in order): 12.3 → 8.5 min on a 2-core
  // CI machine. CANARY_E2E_WORKERS=1 runs them one at a time.
  workers: Number(process.env.CANARY_E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    serviceWorkers: 'allow',
  },
  projects: [
    { name: 'chromium', use: chromiumUse, grepInvert: /@alone/ },
    // Tests tagged @alone race the machine's speed (a Cancel that must land before a write
    // commits): they run after the rest, with nothing beside them.
    { name: 'chromium-alone', use: chromiumUse, grep: /@alone/, dependencies: ['chromium'] },
  ],
  webServer: {
    command: `node scripts/serve.mjs --port ${port}`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
