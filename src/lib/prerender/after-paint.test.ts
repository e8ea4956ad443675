import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bootAfterFirstPaint, MAX_WAIT_MS } from './after-paint';

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
      '["./_app/immutable/entry/start.X.js","./_app/immutable/chunks/A.js"]',
    );
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
