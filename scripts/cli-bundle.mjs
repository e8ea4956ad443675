// The command line's bundle: src/cli/bin.ts and everything it imports, built by esbuild into one
// file under node_modules/.cache/canary-cli/ the first time `npm run cli` runs and again whenever
// a file under src/ (or tsconfig.json, package.json) is newer than it. Node then runs plain
// JavaScript: tsx compiling ~200 TypeScript modules on every start took about 0.6 s of each
// command (the demo book's `backtest --fit` 1.31 s → 0.91 s). Packages stay external (loaded
// from node_modules as usual), so DuckDB and pg are still loaded only by the commands that use
// them.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Newest modification time (ms) of the files under `roots` (files or folders), 0 if none.
 * @param {string[]} roots
 */
export function newestMtime(roots) {
  let newest = 0;
  /** @param {string} path */
  const visit = (path) => {
    if (!existsSync(path)) return;
    const s = statSync(path);
    if (!s.isDirectory()) {
      newest = Math.max(newest, s.mtimeMs);
      return;
    }
    for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  for (const root of roots) visit(root);
  return newest;
}

/**
 * True when `bundle` is missing or older than any file under `roots`.
 * @param {string} bundle
 * @param {string[]} roots
 */
export function bundleIsStale(bundle, roots) {
  return !existsSync(bundle) || newestMtime(roots) > statSync(bundle).mtimeMs;
}

/** What the bundle is built from, relative to the project root. */
export const BUNDLE_SOURCES = ['src', 'tsconfig.json', 'package.json'];

/**
 * Builds `entry` into `bundle` when stale (see above) and returns the bundle's path. The new
 * bundle is written beside the old under a name of this process's own, then renamed over it, so
 * a command running at the same time never reads half a file.
 * @param {string} root the project folder
 * @param {string} entry the entry file, relative to root
 * @param {string} bundle the bundle's path
 * @returns {Promise<string>}
 */
export async function ensureBundle(root, entry, bundle) {
  const sources = BUNDLE_SOURCES.map((s) => join(root, s));
  if (!bundleIsStale(bundle, sources)) return bundle;
  // Stamped with the time the build started: a source saved during the build stays newer.
  const started = new Date();
  const { build } = await import('esbuild');
  mkdirSync(dirname(bundle), { recursive: true });
  const temp = `${bundle}.${process.pid}.tmp.mjs`;
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: temp,
    logLevel: 'warning',
  });
  utimesSync(temp, started, started);
  renameSync(temp, bundle);
  return bundle;
}
