// Helpers shared by the npm scripts: running commands, installing when needed, finding Chromium.
import { spawnSync, execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

/** Flags of every headless Chromium the tests and scripts launch: no GPU, no network of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Runs a command with inherited stdio; exits the process with its status on failure. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false, ...opts });
  if (r.status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

/** Installs dependencies when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const lock = 'package-lock.json';
  const marker = 'node_modules/.package-lock.json';
  const stale =
    !existsSync(marker) ||
    (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
  if (stale) {
    console.log('Installing dependencies (npm ci)…');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
}

function which(bin) {
  try {
    return execSync(`command -v ${bin}`, { stdio: ['ignore', 'pipe', 'ignore'], shell: '/bin/sh' })
      .toString()
      .trim();
  } catch {
    return '';
  }
}

/** Finds a Chromium: $CHROMIUM_PATH, the system's chromium, or Playwright's own download. */
export async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const bin of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const p = which(bin);
    if (p) return p;
  }
  try {
    const { chromium } = await import('@playwright/test');
    const p = chromium.executablePath();
    if (p && existsSync(p)) return p;
  } catch {
    // Playwright not installed or has no browser of its own: fall through.
  }
  return '';
}

/** Finds a Chromium, installing Debian's package when running as root with apt-get; else explains. */
export async function requireChromium() {
  let path = await findChromium();
  if (!path && process.getuid?.() === 0 && which('apt-get')) {
    console.log('No Chromium found: installing Debian package "chromium" with apt-get…');
    run('sh', [
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
    ]);
    path = await findChromium();
  }
  if (!path) {
    console.error(`
✖ No Chromium found for the end-to-end tests. Any one of these fixes it:
    • Debian/Ubuntu:  sudo apt-get install -y chromium
    • macOS:          brew install --cask chromium
    • Or point to any Chromium/Chrome binary:  CHROMIUM_PATH=/path/to/chrome npm test
  (npx playwright install also works where the network allows downloads.)`);
    process.exit(1);
  }
  return path;
}
