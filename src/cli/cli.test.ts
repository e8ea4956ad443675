import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToDay } from '../lib/engine/dates';
import { generateDemoBook } from '../lib/engine/demo';
import { readCanonicalBook } from '../lib/import/canonical';
import { COMMANDS } from './main';
import { runCli } from './run';
import { TELCO_CSV } from '../../tests/datasets';

const TELCO = TELCO_CSV;
const TELCO_MODEL = join(import.meta.dirname, '../../tests/fixtures/models/telco.json');
const ROOT = join(import.meta.dirname, '../..');

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, COMMANDS, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  return { code, out, err };
}

function csvRows(text: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

function dirFiles(dir: string) {
  return readdirSync(dir).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

let work: string;
let demoDir: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'canary-cli-'));
  demoDir = join(work, 'demo');
  const r = await cli('demo', demoDir);
  expect(r.code).toBe(0);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('demo', () => {
  it('writes the default demo book as canonical CSVs and says what it wrote', async () => {
    expect(readdirSync(demoDir).sort()).toEqual([
      'accounts.csv',
      'outcomes.csv',
      'overrides.csv',
      'pulses.csv',
      'signals.csv',
    ]);
    const r = readCanonicalBook(dirFiles(demoDir));
    expect(r.ok && r.book).toEqual(generateDemoBook({ endDay: isoToDay('2026-11-23')! }));
    const again = await cli('demo', join(work, 'demo-again'));
    expect(again.out).toMatch(
      /^Demo book \(seed 1, 150 accounts, data to 2026-11-23\): \d+ signal rows/,
    );
    expect(again.out).toContain(`wrote ${join(work, 'demo-again', 'signals.csv')}`);
    expect(readFileSync(join(work, 'demo-again', 'signals.csv'), 'utf8')).toBe(
      readFileSync(join(demoDir, 'signals.csv'), 'utf8'),
    );
  });

  it('takes --accounts, --seed and --end', async () => {
    const dir = join(work, 'small');
    const r = await cli('demo', dir, '--accounts', '12', '--seed', '5', '--end', '2025-06-04');
    expect(r.code).toBe(0);
    expect(r.out).toContain('seed 5, 12 accounts, data to 2025-06-02');
    const book = readCanonicalBook(dirFiles(dir));
    expect(book.ok && book.book).toEqual(
      generateDemoBook({ seed: 5, accounts: 12, endDay: isoToDay('2025-06-04')! }),
    );
  });
});

describe('score', () => {
  it('scores every demo account with a valid band, as of the latest date by default', async () => {
    const r = await cli('score', demoDir);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('account_id,score,band,trend_30d,coverage,explanation');
    const rows = csvRows(r.out);
    expect(rows).toHaveLength(150);
    for (const row of rows) {
      expect(Number(row.coverage)).toBeGreaterThan(0);
      expect(Number(row.coverage)).toBeLessThanOrEqual(1);
      expect(row.explanation.length).toBeGreaterThan(10);
      // Accounts whose data stopped (the demo's churned ones) are stale or not scored: no band.
      if (row.band === '') {
        expect(row.score).toBe('');
        expect(row.explanation).toMatch(/^(Stale|Not scored)/);
        continue;
      }
      expect(['red', 'amber', 'green']).toContain(row.band);
      const score = Number(row.score);
      expect(Number.isInteger(score) && score >= 0 && score <= 100).toBe(true);
    }
    expect(rows.filter((row) => row.band !== '').length).toBeGreaterThanOrEqual(110);
    const explicit = await cli('score', demoDir, '--as-of', '2026-11-23');
    expect(explicit.out).toBe(r.out);
    const bands = new Set(rows.map((row) => row.band));
    expect(bands).toEqual(new Set(['red', 'amber', 'green', '']));
  });

  it('writes to --out and scores an earlier --as-of differently', async () => {
    const out = join(work, 'scores.csv');
    const r = await cli('score', demoDir, '--as-of', '2026-06-01', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Scored 150 accounts as of 2026-06-01 with model/);
    const latest = await cli('score', demoDir);
    expect(readFileSync(out, 'utf8')).not.toBe(latest.out);
    expect(csvRows(readFileSync(out, 'utf8'))).toHaveLength(150);
  });
});

describe('backtest and fit through the dispatcher', () => {
  it('runs backtest --json on the demo folder', async () => {
    const r = await cli('backtest', demoDir, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.n_churned).toBe(36);
    expect(report.auc).toBeGreaterThan(0.75);
    expect(report.auc).toBeLessThan(0.92);
  });

  it('shows help for each command', async () => {
    for (const name of Object.keys(COMMANDS)) {
      const r = await cli(name, '--help');
      expect([r.code, r.out.startsWith(`Usage: npm run -s cli -- ${name} `)]).toEqual([0, true]);
    }
  });
});

describe('snapshot and score on the IBM telco data', () => {
  it('converts 7,043 customers, keeps the 11 blank TotalCharges missing, and scores them all', async () => {
    const dir = join(work, 'telco');
    const conv = await cli(
      'snapshot',
      TELCO,
      dir,
      '--id',
      'customerID',
      '--outcome',
      'Churn',
      '--date',
      '2026-01-01',
    );
    expect(conv.code).toBe(0);
    expect(conv.out).toContain('outcomes dated 2026-03-02: 1869 churned, 5174 renewed');
    const book = readCanonicalBook(dirFiles(dir));
    if (!book.ok) throw new Error(book.error.message);
    expect(book.book.accounts).toHaveLength(7043);
    const total = book.book.series.filter((s) => s.metric === 'TotalCharges');
    expect(total).toHaveLength(7043 - 11);
    expect(book.book.accounts[0].attributes.Contract).toBe('Month-to-month');

    const scored = await cli('score', dir, '--model', TELCO_MODEL);
    expect(scored.code).toBe(0);
    const rows = csvRows(scored.out);
    expect(rows).toHaveLength(7043);
    for (const row of rows) expect(['red', 'amber', 'green']).toContain(row.band);
    // Month-to-month customers should score lower than two-year ones with this model.
    const byId = new Map(rows.map((row) => [row.account_id, Number(row.score)]));
    const mean = (contract: string) => {
      const ids = book.book.accounts.filter((a) => a.attributes.Contract === contract);
      return ids.reduce((s, a) => s + byId.get(a.id)!, 0) / ids.length;
    };
    expect(mean('Month-to-month')).toBeLessThan(mean('Two year'));
  });
});

describe('bad input exits 2 with one message naming file, row and column', () => {
  function folderWith(name: string, files: Record<string, string>): string {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
    return dir;
  }

  it('reports a non-numeric signal value', async () => {
    const dir = folderWith('bad-value', {
      'accounts.csv': 'account_id\nA1\n',
      'signals.csv':
        'account_id,date,metric,value\nA1,2026-01-05,logins,"12,5"\nA1,2026-01-06,logins,lots\n',
    });
    const r = await cli('score', dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `error: ${join(dir, 'signals.csv')}, column "value": "lots" is not a number (row 3, counting the header as row 1)\n`,
    );
  });

  it('reports usage errors with the usage text', async () => {
    for (const argv of [
      ['score'],
      ['score', demoDir, '--as-of', '2026-13-01'],
      ['score', demoDir, '--bogus'],
      ['demo', join(work, 'x'), '--accounts', 'many'],
      ['snapshot', TELCO, join(work, 'y'), '--outcome', 'Churn', '--date', '2026-01-01'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/^error: .+\n\nUsage: npm run -s cli -- /);
    }
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
    expect(unknown.err).toContain('snapshot');
  });

  it('reports bad model files by path inside the document or by line and column', async () => {
    const bad = join(work, 'bad-model.json');
    writeFileSync(
      bad,
      JSON.stringify({
        ...JSON.parse(readFileSync(TELCO_MODEL, 'utf8')),
        bands: { redMax: 80, amberMax: 70 },
      }),
    );
    const r = await cli('score', demoDir, '--model', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^error: ${bad}, at bands: redMax must be below amberMax`));
    const broken = join(work, 'broken.json');
    writeFileSync(broken, '{\n  "format": "canary-model/1",\n  oops\n}');
    const b = await cli('score', demoDir, '--model', broken);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/broken\.json: not valid JSON at line 3, column 3/);
  });

  it('reports a snapshot with a third outcome value at its row and column', async () => {
    const file = join(work, 'snap.csv');
    writeFileSync(file, 'id,tenure,Churn\na,1,Yes\nb,2,No\nc,3,Maybe\n');
    const r = await cli(
      'snapshot',
      file,
      join(work, 'snap'),
      '--id',
      'id',
      '--outcome',
      'Churn',
      '--date',
      '2026-01-01',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `${file}, column "Churn": "Maybe" is neither the churn value "Yes" nor "No"`,
    );
    expect(r.err).toContain('(row 4, counting the header as row 1)');
    const missing = await cli('score', join(work, 'no-such-folder'));
    expect([missing.code, missing.err]).toEqual([
      2,
      `error: ${join(work, 'no-such-folder')}: no such folder\n`,
    ]);
  });

  it('exits 2 from a real child process', () => {
    const dir = folderWith('bad-child', {
      'accounts.csv': 'account_id\nA1\n',
      'outcomes.csv': 'account_id,date,outcome\nA1,2026-01-05,churned\nB2,2026-01-05,renewed\n',
    });
    const child = spawnSync(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['src/cli/main.ts', 'score', dir],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(child.status).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr).toBe(
      `error: ${join(dir, 'outcomes.csv')}, column "account_id": account_id "B2" is not in accounts.csv (row 3, counting the header as row 1)\n`,
    );
    const help = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/demo .*\n.*score .*\n.*snapshot /);
  });
});
