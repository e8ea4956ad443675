// npm run cli: the command line (src/cli), run from its esbuild bundle — rebuilt first when any
// source is newer (scripts/cli-bundle.mjs).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBundle } from './cli-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
let bundle;
try {
  bundle = await ensureBundle(
    root,
    'src/cli/bin.ts',
    `${root}node_modules/.cache/canary-cli/cli.mjs`,
  );
} catch (e) {
  // A build failure: esbuild has printed each error with its file, line and column. Anything
  // else (esbuild itself missing before `npm ci`, say) is said here.
  const built = e instanceof Error && Array.isArray(/** @type {any} */ (e).errors);
  console.error(
    built
      ? '✖ The command line could not be bundled: see the errors above.'
      : `✖ The command line could not be bundled: ${e instanceof Error ? e.message : String(e)} (has \`npm ci\` run?)`,
  );
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
