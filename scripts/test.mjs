// npm test: lint, type checks, unit tests, build, end-to-end tests in Chromium — in that order.
import { ensureDependencies, requireChromium, run } from './lib.mjs';

const step = (title) => console.log(`\n━━ ${title} ━━`);

ensureDependencies();
step('Lint (Prettier + ESLint)');
run('npx', ['prettier', '--check', '--log-level', 'warn', '.']);
run('npx', ['eslint', '.']);
step('Type check (svelte-check; tsc over engine + worker)');
run('npx', ['svelte-kit', 'sync']);
run('npx', [
  'svelte-check',
  '--tsconfig',
  './tsconfig.json',
  '--fail-on-warnings',
  '--output',
  'human',
]);
run('npx', ['tsc', '-p', 'tsconfig.worker.json', '--noEmit']);
step('Unit tests (Vitest)');
run('npx', ['vitest', 'run']);
step('End-to-end tests (Playwright, Chromium)');
const chromium = await requireChromium();
run('node', ['scripts/e2e.mjs'], { env: { ...process.env, CHROMIUM_PATH: chromium } });
