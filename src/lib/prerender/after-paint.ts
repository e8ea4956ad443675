// Runs while pages are prerendered (Node, from src/hooks.server.ts): makes the page's inline
// SvelteKit boot script wait until the browser has painted the prerendered HTML.
//
// Why: on a first visit the browser otherwise often starts evaluating the app's modules
// (preloaded over a fast connection) before its first paint, so a slow phone shows nothing
// until the JavaScript has run. Painting the prerendered shell first costs the app one frame.
// The boot script is allowed by its hash in the page's Content-Security-Policy, so the hash
// is replaced by the hash of the changed script.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { initSync, parse } from 'es-module-lexer';

/** Module preloads added per task after the first paint. */
export const PRELOAD_BATCH = 5;

/** Longest wait for the first paint (a page opened in a background tab does not paint). */
export const MAX_WAIT_MS = 400;

/**
 * Resolves once the browser reports the first contentful paint (then one task later, so the
 * paint is on screen), or after MAX_WAIT_MS; browsers without paint timing wait one frame.
 */
const AFTER_FIRST_PAINT = `new Promise((go) => {
						setTimeout(go, ${MAX_WAIT_MS});
						try {
							new PerformanceObserver((list, observer) => {
								if (!list.getEntriesByName("first-contentful-paint").length) return;
								observer.disconnect();
								setTimeout(go);
							}).observe({ type: "paint", buffered: true });
						} catch {
							requestAnimationFrame(() => setTimeout(go));
						}
					})`;

// `Promise.all([import("…/start.js"), import("…/app.js")])`: the two entry imports.
const BOOT_CALL = /(\n\s*)Promise\.all\(\[\s*import\(("[^"]+")\),\s*import\(("[^"]+")\)\s*\]\)/;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

const PRELOAD_LINK = /<link href="([^"]+)" rel="modulepreload">\n?/g;

/** A built module's source by its path in the client output ("_app/immutable/…"), or null. */
export type ReadModule = (path: string) => string | null;

/**
 * The page's preloaded modules (hrefs relative to the page) in the order the browser evaluates
 * them — each after the modules it imports statically, depth first, as ES modules are — or null
 * when a module cannot be read or parsed, or imports something other than a relative path.
 */
export function evaluationOrder(hrefs: string[], read: ReadModule): string[] | null {
  if (hrefs.length === 0) return [];
  initSync();
  const prefix = /^(?:\.\.?\/)*/.exec(hrefs[0])![0];
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (path: string): boolean => {
    if (seen.has(path)) return true;
    seen.add(path);
    const source = read(path);
    if (source === null) return false;
    let imports;
    try {
      [imports] = parse(source);
    } catch {
      return false;
    }
    for (const { n: specifier, d: dynamic } of imports) {
      if (dynamic !== -1) continue; // import() and import.meta load nothing up front
      if (!specifier?.startsWith('.')) return false;
      if (!visit(posix.join(posix.dirname(path), specifier))) return false;
    }
    order.push(path);
    return true;
  };
  for (const href of hrefs) {
    if (!href.startsWith(prefix) || !visit(href.slice(prefix.length))) return null;
  }
  return order.map((path) => prefix + path);
}

/**
 * Returns the page with its boot script deferred until after the first paint and the CSP hash
 * updated. The `modulepreload` links move into the deferred script too: downloads finishing
 * before the first paint delay it as well (the parser and the paint compete with them). A page
 * without SvelteKit's boot script is returned unchanged; a boot script of an unknown shape
 * throws, so a SvelteKit upgrade that changes it fails the build loudly.
 */
export function bootAfterFirstPaint(html: string, read?: ReadModule): string {
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
  const boot = scripts.find((m) => m[1].includes('kit.start('));
  if (!boot) return html;
  const source = boot[1];
  if (!BOOT_CALL.test(source) || !/\}\);\s*\}\s*$/.test(source))
    throw new Error('bootAfterFirstPaint: SvelteKit boot script has an unexpected shape');
  const preloads = [...html.matchAll(PRELOAD_LINK)].map((m) => m[1]);
  const order = read ? evaluationOrder(preloads, read) : null;
  if (read && !order)
    throw new Error(
      'bootAfterFirstPaint: could not read the import graph of the preloaded modules',
    );
  const batches: string[][] = [];
  for (let i = 0; i < preloads.length; i += PRELOAD_BATCH)
    batches.push(preloads.slice(i, i + PRELOAD_BATCH));
  // After the paint: add the preloads a few per task (starting a download costs the main thread
  // about a millisecond on a slow machine, so twenty at once would be one long task); then,
  // given the import graph, evaluate the modules one per task in the order the browser would
  // (otherwise the framework's ~80 kB of runtime runs in one task); then the two entry modules
  // and the start of the app in three more tasks. Every yield is a MessageChannel message: a
  // chain of setTimeouts is clamped to 4 ms a step after five levels.
  const changed = source
    .replace(
      BOOT_CALL,
      (_, indent: string, start: string, app: string) => `${indent}${AFTER_FIRST_PAINT}.then(() => {
\t\t\t\t\t\tconst step = () => new Promise((next) => {
\t\t\t\t\t\t\tconst channel = new MessageChannel();
\t\t\t\t\t\t\tchannel.port1.onmessage = () => next();
\t\t\t\t\t\t\tchannel.port2.postMessage(0);
\t\t\t\t\t\t});
\t\t\t\t\t\tconst preload = (hrefs) => {
\t\t\t\t\t\t\tfor (const href of hrefs)
\t\t\t\t\t\t\t\tdocument.head.append(Object.assign(document.createElement("link"), { rel: "modulepreload", href }));
\t\t\t\t\t\t\treturn step();
\t\t\t\t\t\t};
\t\t\t\t\t\treturn ${JSON.stringify(batches)}.reduce((done, hrefs) => done.then(() => preload(hrefs)), Promise.resolve())
\t\t\t\t\t\t\t.then(() => ${JSON.stringify(order ?? [])}.reduce((done, href) => done.then(() => import(href)).then(step), Promise.resolve()))
\t\t\t\t\t\t\t.then(() => import(${start})).then((kit) => step().then(() => import(${app})).then((app) => step().then(() => [kit, app])))`,
    )
    .replace(/\}\);(\s*\}\s*)$/, '}); });$1');
  const oldHash = `'sha256-${sha256(source)}'`;
  if (!html.includes(oldHash))
    throw new Error('bootAfterFirstPaint: the boot script hash is not in the page CSP');
  return (
    html
      .replace(PRELOAD_LINK, '')
      // A function, so a `$` in the script is not read as a replacement pattern.
      .replace(boot[0], () => `<script>${changed}</script>`)
      .replace(oldHash, `'sha256-${sha256(changed)}'`)
  );
}
