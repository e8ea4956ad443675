// `plays`: the command line over the demo book, checked against the engine's replay and the
// playbooks' own rules (dates in range, no overlapping tasks, cooldowns), and its bad input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, prepareBook } from '../lib/engine';
import { dayToIso, isoToDay } from '../lib/engine/dates';
import { DEFAULT_PLAYBOOKS, replayPlaybooks, type PlaybookInput } from '../lib/engine/plays';
import { readCanonicalBook } from '../lib/import/canonical';
import { COMMANDS } from './main';
import { runCli } from './run';

const ROOT = join(import.meta.dirname, '../..');
const FROM = '2025-11-24';
const TO = '2026-11-23'; // the demo book's fixed last day: a year of replay

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, COMMANDS, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  return { code, out, err };
}

interface Row {
  account_id: string;
  playbook: string;
  created: string;
  due: string;
  reason: string;
}

function parseRows(text: string): { header: string[]; rows: Row[] } {
  const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

let work: string;
let demoDir: string;
let defaults: { code: number; out: string; err: string };
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'canary-plays-'));
  demoDir = join(work, 'demo');
  expect((await cli('demo', demoDir)).code).toBe(0);
  defaults = await cli('plays', demoDir, '--from', FROM, '--to', TO);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function playbooksFile(name: string, content: unknown): string {
  const path = join(work, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const SCORE_PLAY: PlaybookInput = {
  id: 'at-risk-40',
  name: 'At risk under 40',
  trigger: { kind: 'score', below: 40, hysteresis: 5 },
  forDays: 3,
  cooldownDays: 20,
  action: { title: 'Call {account}', dueInDays: 5 },
};

describe('plays with the default playbooks over a year of the demo book', () => {
  it('writes the header and one well-formed row per task, dates within [from, to]', () => {
    expect(defaults.code).toBe(0);
    expect(defaults.out.split('\n')[0]).toBe('account_id,playbook,created,due,reason');
    const { header, rows } = parseRows(defaults.out);
    expect(header).toEqual(['account_id', 'playbook', 'created', 'due', 'reason']);
    expect(rows.length).toBeGreaterThan(100);
    const ids = new Set(DEFAULT_PLAYBOOKS.map((p) => p.id));
    const accounts = new Set(
      readFileSync(join(demoDir, 'accounts.csv'), 'utf8')
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    );
    for (const r of rows) {
      expect(Object.keys(r)).toHaveLength(5);
      expect(accounts.has(r.account_id)).toBe(true);
      expect(ids.has(r.playbook)).toBe(true);
      expect(r.created).toMatch(ISO);
      expect(r.due).toMatch(ISO);
      expect(r.created >= FROM && r.created <= TO).toBe(true);
      expect(r.due >= r.created).toBe(true);
      expect(r.reason.length).toBeGreaterThan(0);
    }
    // Every default playbook creates something over a year of 150 accounts, but "gone quiet":
    // the demo's live accounts never go 30 days without data (churned ones get no tasks).
    expect(new Set(rows.map((r) => r.playbook))).toEqual(
      new Set([...ids].filter((id) => id !== 'gone-quiet')),
    );
  });

  it('sorts by created day, then account, then playbook', () => {
    const { rows } = parseRows(defaults.out);
    const key = (r: Row) => [r.created, r.account_id, r.playbook];
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [key(rows[i - 1]), key(rows[i])];
      const cmp = a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];
      expect(cmp, `row ${i + 1} after row ${i}`).toBe(true);
    }
  });

  it('never overlaps two tasks of one playbook and account, and keeps the cooldown', () => {
    const { rows } = parseRows(defaults.out);
    const cooldown = new Map(DEFAULT_PLAYBOOKS.map((p) => [p.id, p.cooldownDays]));
    const last = new Map<string, Row>();
    let pairsWithTwo = 0;
    for (const r of rows) {
      const key = `${r.playbook}|${r.account_id}`;
      const prev = last.get(key);
      if (prev) {
        pairsWithTwo++;
        expect(r.created > prev.due, `${key}: ${r.created} after ${prev.due}`).toBe(true);
        expect(isoToDay(r.created)! - isoToDay(prev.created)!).toBeGreaterThanOrEqual(
          cooldown.get(r.playbook)!,
        );
      }
      last.set(key, r);
    }
    expect(pairsWithTwo).toBeGreaterThan(0); // the check above did run
  });

  it('prints a one-line summary with the count per playbook on stderr', () => {
    const { rows } = parseRows(defaults.out);
    const count = (id: string) => rows.filter((r) => r.playbook === id).length;
    const perPlaybook = DEFAULT_PLAYBOOKS.map((p) => `${p.id} ${count(p.id)}`).join(', ');
    expect(defaults.err).toBe(
      `${rows.length} tasks from ${DEFAULT_PLAYBOOKS.length} playbooks over 365 days (${FROM} to ${TO}): ${perPlaybook}\n`,
    );
  });

  it('gives the same rows as the engine replay over the same files (agreement)', () => {
    const files = readdirSync(demoDir).map((name) => ({
      name,
      text: readFileSync(join(demoDir, name), 'utf8'),
    }));
    const read = readCanonicalBook(files);
    if (!read.ok) throw new Error(read.error.message);
    const tasks = replayPlaybooks({
      prepared: prepareBook(read.book),
      model: DEFAULT_MODEL,
      playbooks: DEFAULT_PLAYBOOKS,
      from: isoToDay(FROM)!,
      to: isoToDay(TO)!,
    });
    const expected = tasks
      .map((t) => ({
        account_id: t.accountId,
        playbook: t.playbookId,
        created: dayToIso(t.createdDay),
        due: dayToIso(t.dueDay),
        reason: t.reason,
      }))
      .sort((a, b) =>
        `${a.created}|${a.account_id}|${a.playbook}` < `${b.created}|${b.account_id}|${b.playbook}`
          ? -1
          : 1,
      );
    expect(parseRows(defaults.out).rows).toEqual(expected);
  });

  it('writes the same CSV to --out and says so on stderr', async () => {
    const out = join(work, 'tasks.csv');
    const r = await cli('plays', demoDir, '--from', FROM, '--to', TO, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(defaults.out);
    expect(r.err).toBe(defaults.err.replace(/\n$/, `; wrote ${out}\n`));
  });
});

describe('plays --playbooks FILE', () => {
  it('with one score playbook gives only its tasks, each below its threshold', async () => {
    const file = playbooksFile('one.json', [SCORE_PLAY]);
    const r = await cli('plays', demoDir, '--playbooks', file, '--from', FROM, '--to', TO);
    expect(r.code).toBe(0);
    const { rows } = parseRows(r.out);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.playbook).toBe('at-risk-40');
      expect(Number(/^Score (\d+) is below 40$/.exec(r.reason)?.[1])).toBeLessThan(40);
    }
    expect(r.err).toMatch(/^\d+ tasks from 1 playbook over 365 days .*: at-risk-40 \d+\n$/);
    // The {"playbooks": [...]} form reads the same.
    const wrapped = playbooksFile('wrapped.json', { playbooks: [SCORE_PLAY] });
    const again = await cli('plays', demoDir, '--playbooks', wrapped, '--from', FROM, '--to', TO);
    expect(again.out).toBe(r.out);
  });

  it('names the path of every problem in a bad playbooks file (exit 2)', async () => {
    const bad = playbooksFile('bad.json', [
      SCORE_PLAY,
      { ...SCORE_PLAY, id: 'second' },
      { ...SCORE_PLAY, id: 'third', trigger: { kind: 'score', below: 200 } },
      { ...SCORE_PLAY, id: 'Fourth' },
    ]);
    const r = await cli('plays', demoDir, '--playbooks', bad, '--from', FROM, '--to', TO);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      new RegExp(
        `^error: ${bad.replace(/[.\\]/g, '\\$&')}, at \\[2\\]\\.trigger\\.below: .+; at \\[3\\]\\.id: lower-case letters, digits and dashes\\n$`,
      ),
    );
    const dup = playbooksFile('dup.json', [SCORE_PLAY, SCORE_PLAY]);
    const d = await cli('plays', demoDir, '--playbooks', dup, '--from', FROM, '--to', TO);
    expect([d.code, d.err]).toEqual([
      2,
      `error: ${dup}, at [1].id: duplicate playbook id "at-risk-40"\n`,
    ]);
    const json = playbooksFile('syntax.json', '[\n  {"id": "x",}\n]');
    const j = await cli('plays', demoDir, '--playbooks', json, '--from', FROM, '--to', TO);
    expect(j.code).toBe(2);
    expect(j.err).toMatch(
      new RegExp(`^error: .*syntax\\.json: not valid JSON at line 2, column \\d+`),
    );
    const missing = join(work, 'nope.json');
    const m = await cli('plays', demoDir, '--playbooks', missing, '--from', FROM, '--to', TO);
    expect([m.code, m.err]).toEqual([2, `error: ${missing}: no such file\n`]);
  });
});

describe('plays: bad command lines', () => {
  it('refuses --from after --to, missing dates and a missing folder (exit 2)', async () => {
    const late = await cli('plays', demoDir, '--from', '2026-02-01', '--to', '2026-01-31');
    expect(late.code).toBe(2);
    expect(late.out).toBe('');
    expect(late.err).toMatch(
      /^error: --from 2026-02-01 is after --to 2026-01-31; the replay must not end before it starts\n\nUsage: npm run -s cli -- plays DIR/,
    );
    const noFrom = await cli('plays', demoDir, '--to', TO);
    expect([noFrom.code, noFrom.err.split('\n')[0]]).toEqual([2, 'error: --from is required']);
    const badDate = await cli('plays', demoDir, '--from', '2026-02-30', '--to', TO);
    expect(badDate.err.split('\n')[0]).toBe(
      'error: --from must be a date YYYY-MM-DD, got "2026-02-30"',
    );
    const noDir = await cli('plays', '--from', FROM, '--to', TO);
    expect([noDir.code, noDir.err.split('\n')[0]]).toEqual([2, 'error: missing DIR']);
    const gone = join(work, 'no-such-folder');
    const g = await cli('plays', gone, '--from', FROM, '--to', TO);
    expect([g.code, g.err]).toEqual([2, `error: ${gone}: no such folder\n`]);
  });

  it('exits 2 from a real child process, stdout empty', () => {
    const child = spawnSync(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['src/cli/main.ts', 'plays', demoDir, '--from', TO, '--to', FROM],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(child.status).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr).toContain(`error: --from ${TO} is after --to ${FROM}`);
  });
});
