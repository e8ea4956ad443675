// Builds the app and runs the Playwright specs against it in Chromium.
import { requireChromium, run } from './lib.mjs';

const chromium = await requireChromium();
const env = { ...process.env, CHROMIUM_PATH: chromium };
run('npx', ['vite', 'build', '--logLevel', 'warn'], { env });
run('npx', ['playwright', 'test', ...process.argv.slice(2)], { env });
