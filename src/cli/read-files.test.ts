// The CLI reads what the Import page reads: the demo book written by `cli demo`, re-encoded as
// exports really arrive (tabs, semicolons with decimal commas, Excel's "Unicode text", UTF-16 BE,
// ISO datetimes with zones, mixed line ends), must score exactly like the plain canonical files;
// what cannot be settled or is not text exits 2 with one message naming file, row and column.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBookDir } from './book-files';
import { COMMANDS } from './main';
import { runCli } from './run';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, COMMANDS, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  return { code, out, err };
}

interface Dialect {
  delimiter: string;
  newline: string;
  /** Rewrites one cell (header cells included). */
  cell?: (value: string, column: string) => string;
  encode: (text: string) => Buffer;
}

const utf8 = (t: string) => Buffer.from(t, 'utf8');
const utf16le = (bom: boolean) => (t: string) =>
  Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(t, 'utf16le')]);
const utf16be = (bom: boolean) => (t: string) => {
  const le = Buffer.from(t, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return Buffer.concat([Buffer.from(bom ? [0xfe, 0xff] : []), le]);
};

/** Writes every CSV of `from` into `to` in another dialect (parsed and re-quoted, not sed). */
function reencode(from: string, to: string, d: Dialect): string {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const rows = Papa.parse<string[]>(readFileSync(join(from, name), 'utf8'), {
      skipEmptyLines: true,
    }).data;
    const header = rows[0];
    const cells = rows.map((row, r) =>
      r === 0 || !d.cell ? row : row.map((v, c) => d.cell!(v, header[c])),
    );
    const text = Papa.unparse(cells, { delimiter: d.delimiter, newline: d.newline }) + d.newline;
    writeFileSync(join(to, name), d.encode(text));
  }
  return to;
}

let work: string;
let demo: string;
let demoScores: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'canary-cli-read-'));
  demo = join(work, 'demo');
  expect((await cli('demo', demo)).code).toBe(0);
  const scored = await cli('score', demo);
  expect(scored.code).toBe(0);
  demoScores = scored.out;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const DECIMAL = /^-?\d+\.\d+$/;

describe('the demo book re-encoded as real exports scores exactly like the canonical files', () => {
  const cases: [string, Dialect][] = [
    ['tab-separated UTF-8', { delimiter: '\t', newline: '\n', encode: utf8 }],
    [
      'semicolons with decimal commas (a European Excel export)',
      {
        delimiter: ';',
        newline: '\r\n',
        cell: (v) => (DECIMAL.test(v) ? v.replace('.', ',') : v),
        encode: utf8,
      },
    ],
    [
      'Excel "Unicode text": UTF-16 LE with BOM, tabs, CRLF and a trailing newline',
      { delimiter: '\t', newline: '\r\n', encode: utf16le(true) },
    ],
    ['UTF-16 LE without BOM', { delimiter: ',', newline: '\n', encode: utf16le(false) }],
    ['UTF-16 BE with BOM', { delimiter: '\t', newline: '\n', encode: utf16be(true) }],
    ['UTF-16 BE without BOM', { delimiter: ';', newline: '\r\n', encode: utf16be(false) }],
    ['UTF-8 with BOM', { delimiter: ',', newline: '\r\n', encode: (t) => utf8('\ufeff' + t) }],
    [
      'ISO datetimes with time and zone (the calendar date as written is the date)',
      {
        delimiter: ',',
        newline: '\n',
        cell: (v, column) =>
          /^\d{4}-\d{2}-\d{2}$/.test(v) && column === 'date'
            ? `${v}T23:30:00${v.endsWith('1') ? '-05:00' : '+09:00'}`
            : /^\d{4}-\d{2}-\d{2}$/.test(v)
              ? `${v} 00:15:00Z`
              : v,
        encode: utf8,
      },
    ],
  ];
  for (const [name, dialect] of cases) {
    it(name, async () => {
      const dir = reencode(demo, join(work, name.replace(/\W+/g, '-')), dialect);
      const r = await cli('score', dir);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toBe(demoScores);
    });
  }

  it('backtest and fit read the same files as the canonical ones', async () => {
    const dir = reencode(demo, join(work, 'backtest-unicode'), {
      delimiter: '\t',
      newline: '\r\n',
      cell: (v) => (DECIMAL.test(v) ? v.replace('.', ',') : v),
      encode: utf16le(true),
    });
    const plain = await cli('backtest', demo, '--json');
    const unicode = await cli('backtest', dir, '--json');
    expect([unicode.code, unicode.err]).toEqual([0, '']);
    expect(JSON.parse(unicode.out)).toEqual(JSON.parse(plain.out));
    const fitPlain = await cli('fit', demo);
    const fitUnicode = await cli('fit', dir);
    expect(fitUnicode.code).toBe(0);
    expect(fitUnicode.out).toBe(fitPlain.out);
  });
});

describe('one-off reading rules shared with the Import page', () => {
  function folder(name: string, files: Record<string, string | Buffer>): string {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
    return dir;
  }

  it('reads Windows-1252 text (Salesforce) and every row of a file mixing CRLF, LF and CR', async () => {
    const dir = folder('cp1252-mixed', {
      'accounts.csv': Buffer.from('account_id,name\r\nA1,Caf\xe9 M\xfcller\r\nA2,Beta\n', 'latin1'),
      'signals.csv':
        'account_id,date,metric,value\r\nA1,2026-01-05,logins,3\nA2,2026-01-05,logins,4\rA1,2026-01-06,logins,5\r\nA2,2026-01-06,logins,6\n',
    });
    const r = await cli('score', dir);
    expect([r.code, r.err]).toEqual([0, '']);
    const rows = Papa.parse<Record<string, string>>(r.out, {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((row) => row.account_id)).toEqual(['A1', 'A2']);
    const model = await cli('fit', dir);
    expect(model.code).toBe(2); // no outcomes: but the file was read, so the message says that
    expect(model.err).toContain('no outcomes');
  });

  it('a column no value settles exits 2 naming file, row, column and --decimal; the option settles it', async () => {
    const dir = folder('ambiguous', {
      'accounts.csv': 'account_id,arr\nA1,"1,250"\nA2,"2,500"\n',
      'signals.csv': 'account_id,date,metric,value\nA1,2026-01-05,logins,3\n',
    });
    const r = await cli('score', dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `error: ${join(dir, 'accounts.csv')}, column "arr": "1,250" reads as 1250 with --decimal point or as 1.25 with --decimal comma, and no other value in the column settles which (row 2, counting the header as row 1)\n`,
    );
    for (const [option, decimal, arr] of [
      ['point', '.', 1250],
      ['comma', ',', 1.25],
    ] as const) {
      const settled = await cli('score', dir, '--decimal', option);
      expect([settled.code, settled.err]).toEqual([0, '']);
      expect(readBookDir(dir, { decimal }).accounts.map((a) => a.arr)).toEqual([arr, 2 * arr]);
    }
    const bad = await cli('score', dir, '--decimal', 'dot');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error: --decimal must be comma or point, got "dot"/);
  });

  it('refuses a gzip file renamed .csv, and other binary files, as not text', async () => {
    const gz = folder('gzip', {
      'accounts.csv': gzipSync(readFileSync(join(demo, 'accounts.csv'))),
    });
    const r = await cli('score', gz);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/accounts\.csv is not a text file: it looks like a gzip-compressed file/);
    const png = folder('png', {
      'accounts.csv': Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(64, 7),
      ]),
    });
    expect((await cli('score', png)).err).toMatch(/is not a text file: it looks like a PNG image/);
  });

  it('snapshot reads a UTF-16 tab file with decimal commas', async () => {
    const file = join(work, 'snapshot.txt');
    writeFileSync(
      file,
      utf16le(true)(
        'id\ttenure\tMonthlyCharges\tChurn\r\na\t1\t29,85\tYes\r\nb\t34\t56,95\tNo\r\n',
      ),
    );
    const out = join(work, 'snapshot-out');
    const r = await cli(
      'snapshot',
      file,
      out,
      '--id',
      'id',
      '--outcome',
      'Churn',
      '--date',
      '2026-01-01',
    );
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('signals dated 2026-01-01 from tenure, MonthlyCharges');
    expect(readFileSync(join(out, 'signals.csv'), 'utf8')).toContain(
      'b,2026-01-01,MonthlyCharges,56.95',
    );
  });
});
