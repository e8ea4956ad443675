// Server hooks run only while pages are prerendered at build time (the app is static).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Handle } from '@sveltejs/kit';
import { building } from '$app/environment';
import { bootAfterFirstPaint, type ReadModule } from '$lib/prerender/after-paint';

// The client build, written before pages are prerendered: the boot script is given the import
// graph of each page's modules from it (not in `vite dev`, whose modules are not bundled).
const CLIENT_OUTPUT = join(process.cwd(), '.svelte-kit', 'output', 'client');
const readModule: ReadModule = (path) => {
  try {
    return readFileSync(join(CLIENT_OUTPUT, path), 'utf8');
  } catch {
    return null;
  }
};

export const handle: Handle = ({ event, resolve }) =>
  resolve(event, {
    transformPageChunk: ({ html }) => bootAfterFirstPaint(html, building ? readModule : undefined),
  });
