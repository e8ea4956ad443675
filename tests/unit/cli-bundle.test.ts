// The command line's bundle (scripts/cli-bundle.mjs): rebuilt when a source is newer, and the
// command `npm run cli` runs (scripts/cli.mjs) behaves as the command line run from source.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleIsStale, ensureBundle, newestMtime } from '../../scripts/cli-bundle.mjs';

const dir = mkdtempSync(join(tmpdir(), 'canary-cli-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Sets a file's modification time to `seconds` since the epoch. */
const touch = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

describe('the CLI bundle', () => {
  it('is stale when missing or older than any source file, in any subfolder', () => {
    const src = join(dir, 'stale', 'src');
    mkdirSync(join(src, 'deep'), { recursive: true });
    writeFileSync(join(src, 'a.ts'), 'export const a = 1;');
    writeFileSync(join(src, 'deep', 'b.ts'), 'export const b = 2;');
    touch(join(src, 'a.ts'), 1000);
    touch(join(src, 'deep', 'b.ts'), 2000);
    const bundle = join(dir, 'stale', 'cli.mjs');
    expect(newestMtime([src])).toBe(2_000_000);
    expect(bundleIsStale(bundle, [src])).toBe(true);
    writeFileSync(bundle, '');
    touch(bundle, 3000);
    expect(bundleIsStale(bundle, [src])).toBe(false);
    touch(join(src, 'deep', 'b.ts'), 4000);
    expect(bundleIsStale(bundle, [src])).toBe(true);
    expect(newestMtime([join(dir, 'nothing-here')])).toBe(0);
  });

  it('is built from an entry with its imports, and rebuilt only when a source changed', async () => {
    const root = join(dir, 'project');
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'src', 'value.ts'), 'export const value: number = 41;');
    writeFileSync(
      join(root, 'src', 'entry.ts'),
      "import { value } from './value';\nexport const answer = value + 1;",
    );
    touch(join(root, 'src', 'value.ts'), 1000);
    touch(join(root, 'src', 'entry.ts'), 1000);
    const bundle = join(root, 'out', 'cli.mjs');
    await ensureBundle(root, 'src/entry.ts', bundle);
    const first = await import(`${bundle}?v=1`);
    expect(first.answer).toBe(42);
    // Not stale: the bundle is left as it is (an edit to it survives).
    writeFileSync(bundle, 'export const answer = 0;');
    touch(bundle, 5000);
    await ensureBundle(root, 'src/entry.ts', bundle);
    expect((await import(`${bundle}?v=2`)).answer).toBe(0);
    // A source newer than the bundle: rebuilt from source.
    writeFileSync(join(root, 'src', 'value.ts'), 'export const value: number = 99;');
    touch(join(root, 'src', 'value.ts'), 6000);
    await ensureBundle(root, 'src/entry.ts', bundle);
    expect((await import(`${bundle}?v=3`)).answer).toBe(100);
  });

  it('npm run cli runs the command line: help, and exit status 2 on bad input', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['scripts/cli.mjs', ...args], { encoding: 'utf8' });
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: npm run -s cli -- <command>');
    const bad = run(['score', join(dir, 'no-such-folder')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toBe('');
  });
});
