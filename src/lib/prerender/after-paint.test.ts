import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  bootAfterFirstPaint,
  evaluationOrder,
  MAX_WAIT_MS,
  PRELOAD_BATCH,
  type ReadModule,
} from './after-paint';

// The shape SvelteKit 2 prerenders (adapter-static, CSP in hash mode), trimmed.
const BOOT = `
				{
					__sveltekit_abc = {
						base: new URL(".", location).pathname.slice(0, -1)
					};

					const element = document.currentScript.parentElement;

					Promise.all([
						import("./_app/immutable/entry/start.X.js"),
						import("./_app/immutable/entry/app.Y.js")
					]).then(([kit, app]) => {
						kit.start(app, element, {
							node_ids: [0, 2],
							data: [null,null],
							form: null,
							error: null
						});
					});
				}
			`;
const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const page = (boot: string) => `<!doctype html><html><head>
<meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' ${hash(boot)}; style-src 'self'">
<link href="./_app/immutable/entry/start.X.js" rel="modulepreload">
<link href="./_app/immutable/chunks/A.js" rel="modulepreload">
<link rel="icon" href="./favicon.svg" />
</head><body><div style="display: contents"><main><p>Shell</p></main>
<script>${boot}</script>
</div></body></html>`;

function bootScript(html: string): string {
  return /<script>([\s\S]*?)<\/script>/.exec(html)![1];
}

/**
 * Runs a boot script against a stand-in page: records the links it adds and what it imports
 * and starts; timers run only when the test says (`nextTask`), the paint only on `paint`.
 */
function runBoot(script: string) {
  const appended: string[] = [];
  const log: string[] = [];
  const timers: (() => void)[] = [];
  let onPaint: (() => void) | null = null;
  const document = {
    currentScript: { parentElement: {} },
    head: { append: (link: { href: string }) => appended.push(link.href) },
    createElement: () => ({}),
  };
  class PerformanceObserver {
    constructor(private readonly cb: (list: unknown, observer: unknown) => void) {}
    observe() {
      onPaint = () =>
        this.cb({ getEntriesByName: () => [{ name: 'first-contentful-paint' }] }, this);
    }
    disconnect() {}
  }
  const setTimeout = (fn: () => void, ms?: number) => {
    if (ms === undefined || ms === 0) timers.push(fn);
  };
  class MessageChannel {
    port1: { onmessage: (() => void) | null } = { onmessage: null };
    port2 = { postMessage: () => timers.push(() => this.port1.onmessage?.()) };
  }
  const kit = {
    start: (_app: unknown, _el: unknown, opts: { node_ids: number[] }) =>
      log.push(`start ${JSON.stringify(opts.node_ids)}`),
  };
  const load = (href: string) => {
    log.push(`import ${href} after ${appended.length} preloads`);
    return Promise.resolve(href.includes('start') ? kit : {});
  };
  const body = script.replace(/\bimport\(/g, 'load(').replace(/__sveltekit_\w+ =/, 'void');
  new Function(
    'document',
    'PerformanceObserver',
    'setTimeout',
    'MessageChannel',
    'location',
    'load',
    body,
  )(document, PerformanceObserver, setTimeout, MessageChannel, 'http://localhost/', load);
  const settle = () => new Promise((resolve) => globalThis.setTimeout(resolve, 0));
  return {
    appended,
    log,
    timers,
    paint: () => onPaint?.(),
    /** Runs the oldest queued task, then lets its promises settle. */
    async nextTask() {
      timers.shift()?.();
      await settle();
    },
  };
}

describe('bootAfterFirstPaint', () => {
  const out = bootAfterFirstPaint(page(BOOT));
  const script = bootScript(out);

  it('allows the changed boot script, and only it, in the page CSP', () => {
    expect(out).toContain(hash(script));
    expect(out).not.toContain(hash(BOOT));
  });

  it('starts the app after the first contentful paint, or after the longest wait', () => {
    expect(script).toContain('"first-contentful-paint"');
    expect(script).toContain(`setTimeout(go, ${MAX_WAIT_MS})`);
    expect(script.indexOf('first-contentful-paint')).toBeLessThan(script.indexOf('kit.start'));
    // Still the same start call with the same element and data.
    expect(script).toContain('const element = document.currentScript.parentElement;');
    expect(script).toContain('node_ids: [0, 2]');
  });

  it('moves the module preloads into the deferred start, in order', () => {
    expect(out).not.toContain('rel="modulepreload"');
    expect(out).toContain('<link rel="icon"');
    expect(script).toContain(
      '[["./_app/immutable/entry/start.X.js","./_app/immutable/chunks/A.js"]]',
    );
  });

  it('adds the preloads a batch per task, then imports the entries and starts the app', async () => {
    const hrefs = Array.from({ length: 12 }, (_, i) => `./_app/immutable/chunks/C${i}.js`);
    const many = page(BOOT).replace(
      '<link rel="icon"',
      () =>
        hrefs.map((h) => `<link href="${h}" rel="modulepreload">\n`).join('') + '<link rel="icon"',
    );
    const run = runBoot(bootScript(bootAfterFirstPaint(many)));
    // Nothing happens before the first paint is reported.
    expect(run.log).toEqual([]);
    run.paint();
    const sizes: number[] = [];
    while (run.timers.length > 0) {
      const before = run.appended.length;
      await run.nextTask();
      if (run.appended.length > before) sizes.push(run.appended.length - before);
    }
    const all = ['./_app/immutable/entry/start.X.js', './_app/immutable/chunks/A.js', ...hrefs];
    expect(run.appended).toEqual(all);
    expect(sizes).toEqual([PRELOAD_BATCH, PRELOAD_BATCH, all.length - 2 * PRELOAD_BATCH]);
    // The entries load only after every preload has been added, then the app starts.
    expect(run.log).toEqual([
      `import ./_app/immutable/entry/start.X.js after ${all.length} preloads`,
      `import ./_app/immutable/entry/app.Y.js after ${all.length} preloads`,
      'start [0,2]',
    ]);
  });

  it('given the import graph, evaluates the modules one per task before starting', async () => {
    const modules: Record<string, string> = {
      '_app/immutable/entry/start.X.js': 'export{a as start}from"../chunks/A.js";',
      '_app/immutable/chunks/A.js': 'import"./B.js";export const a=1;',
      '_app/immutable/chunks/B.js': 'export const b=2;',
    };
    const html = bootAfterFirstPaint(page(BOOT), (path) => modules[path] ?? null);
    const run = runBoot(bootScript(html));
    run.paint();
    let tasks = 0;
    while (run.timers.length > 0) {
      const before = run.log.length;
      await run.nextTask();
      tasks += 1;
      // Never two module evaluations in one task.
      expect(run.log.length - before).toBeLessThanOrEqual(1);
    }
    expect(tasks).toBeGreaterThan(4);
    expect(run.log).toEqual([
      'import ./_app/immutable/chunks/B.js after 2 preloads',
      'import ./_app/immutable/chunks/A.js after 2 preloads',
      'import ./_app/immutable/entry/start.X.js after 2 preloads',
      'import ./_app/immutable/entry/start.X.js after 2 preloads',
      'import ./_app/immutable/entry/app.Y.js after 2 preloads',
      'start [0,2]',
    ]);
  });

  it('fails the build when the import graph cannot be read', () => {
    expect(() => bootAfterFirstPaint(page(BOOT), () => null)).toThrow(/import graph/);
  });

  it('keeps a boot script with dollar signs intact', () => {
    const dollars = BOOT.replace('node_ids: [0, 2],', () => 'node_ids: [0, 2], note: "$& $1 $$",');
    const script = bootScript(bootAfterFirstPaint(page(dollars)));
    expect(script).toContain('note: "$& $1 $$"');
  });

  it('produces a script that parses', () => {
    // new Function parses without running; import() is valid syntax in a function body.
    expect(() => new Function(script)).not.toThrow();
  });

  it('leaves a page without a boot script alone and refuses an unknown boot script', () => {
    const plain = '<html><body><p>no app</p></body></html>';
    expect(bootAfterFirstPaint(plain)).toBe(plain);
    const odd = BOOT.replace('Promise.all([', 'Promise.allSettled([');
    expect(() => bootAfterFirstPaint(page(odd))).toThrow(/unexpected shape/);
    expect(() => bootAfterFirstPaint(page(BOOT).replace(hash(BOOT), "'none'"))).toThrow(/hash/);
  });
});

describe('evaluationOrder', () => {
  const reader =
    (modules: Record<string, string>): ReadModule =>
    (path) =>
      modules[path] ?? null;

  it('puts every module after its static imports, depth first, each once', () => {
    const read = reader({
      '_app/entry/start.js': 'import{x}from"../chunks/kit.js";import"../chunks/util.js";',
      '_app/chunks/kit.js': 'import{s}from"./svelte.js";import"./util.js";export const x=1;',
      '_app/chunks/svelte.js': 'export const s=1;',
      '_app/chunks/util.js': 'import{s}from"./svelte.js";export const u=1;',
      '_app/entry/app.js':
        'import{s}from"../chunks/svelte.js";export * from"../chunks/nodes.js";const l=()=>import("../chunks/lazy.js");',
      '_app/chunks/nodes.js': 'export const n=1;',
    });
    expect(evaluationOrder(['./_app/entry/start.js', './_app/entry/app.js'], read)).toEqual([
      './_app/chunks/svelte.js',
      './_app/chunks/util.js',
      './_app/chunks/kit.js',
      './_app/entry/start.js',
      './_app/chunks/nodes.js',
      './_app/entry/app.js',
    ]);
  });

  it('follows an import cycle as the browser does, and keeps a ../ prefix', () => {
    const read = reader({
      '_app/a.js': 'import"./b.js";export const a=1;',
      '_app/b.js': 'import"./a.js";export const b=1;',
    });
    expect(evaluationOrder(['../_app/a.js'], read)).toEqual(['../_app/b.js', '../_app/a.js']);
  });

  it('gives up on an unreadable module, a bare import or unparsable code', () => {
    expect(evaluationOrder(['./a.js'], reader({ 'a.js': 'import"./missing.js";' }))).toBeNull();
    expect(evaluationOrder(['./a.js'], reader({ 'a.js': 'import"svelte";' }))).toBeNull();
    expect(evaluationOrder(['./a.js'], reader({ 'a.js': 'import{from"' }))).toBeNull();
    expect(evaluationOrder([], reader({}))).toEqual([]);
  });
});
