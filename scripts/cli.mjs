// npm run cli: the command line (src/cli), run from its esbuild bundle — rebuilt first when any
// source is newer (scripts/cli-bundle.mjs).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBundle } from './cli-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = await ensureBundle(
  root,
  'src/cli/bin.ts',
  `${root}node_modules/.cache/canary-cli/cli.mjs`,
);
await import(pathToFileURL(bundle).href);
