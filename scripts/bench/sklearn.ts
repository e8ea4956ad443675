// Run time against pandas + scikit-learn (issue 15: "2–12× faster than pandas + scikit-learn on
// the same folders"), run by scripts/bench.mjs through tsx. For each book folder — the demo
// book (150 and 2,000 accounts), IBM Telco and RavenStack from tests/datasets, written as
// canonical CSV files into a temporary folder (not timed, deleted after) — it times
// `npm run -s cli -- backtest DIR --fit --folds 5 --horizon 60` spawned as a user runs it and
// `python3 scripts/bench/sklearn_fit.py DIR` on the same folder: wall clock of the whole
// process, median of 3, the two alternated. Both AUCs are shown so a reader can see that both
// did a comparable job. Without a python that imports sklearn and pandas every row says so and
// is skipped; the bench never fails for it. Prints one JSON array line of rows, like node.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareBook } from '../../src/lib/engine';
import { outcomeRows, proposeModel } from '../../src/lib/engine/backtest';
import { logisticBaseline } from '../../src/lib/engine/backtest/baseline';
import { rocAuc } from '../../src/lib/engine/backtest/ranking';
import { writeCanonicalBook } from '../../src/lib/import/canonical';
import { readBookDir, writeFiles } from '../../src/cli/book-files';
import { backtestCommand } from '../../src/cli/backtest';
import { COMMANDS } from '../../src/cli/main';
import { runCli } from '../../src/cli/run';
import { TELCO_CSV } from '../../tests/datasets';
import { loadRavenStackBook } from '../../tests/dataset-books';

interface Row {
  where: string;
  name: string;
  ms: number | null;
  floorMs: number | null;
  target?: string;
  met?: boolean;
  notes?: string;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/bench/sklearn_fit.py');
const RUNS = 3;
const HORIZON = '60';
const FOLDS = '5';
const INSTALL = 'apt-get install -y python3-sklearn python3-pandas';
const TARGET = 'CLI ≤ ½ the time of pandas + scikit-learn (issue 15: 2–12× faster)';

/** A python that imports sklearn and pandas: $CANARY_PYTHON alone when set, else Debian's, then the PATH's. */
function findPython(): { path: string; versions: string } | { reason: string } {
  const tried: string[] = [];
  const chosen = process.env.CANARY_PYTHON;
  const candidates = chosen ? [chosen] : ['/usr/bin/python3', 'python3', 'python'];
  for (const path of candidates) {
    if (tried.includes(path)) continue;
    tried.push(path);
    const r = spawnSync(
      path,
      ['-c', 'import sklearn, pandas; print(sklearn.__version__, pandas.__version__)'],
      { encoding: 'utf8' },
    );
    if (r.status === 0) {
      const [sk, pd] = r.stdout.trim().split(' ');
      return { path, versions: `scikit-learn ${sk}, pandas ${pd}` };
    }
  }
  return {
    reason: `no python that imports sklearn and pandas (tried ${tried.join(', ')}); on Debian: ${INSTALL}, or set CANARY_PYTHON`,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall clock of one spawned process (ms) and its stdout; throws with its stderr on failure. */
function timedSpawn(cmd: string, args: string[]): { ms: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t;
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr.trim()}`);
  }
  return { ms, stdout: r.stdout };
}

/** The same command in this process (no npm, node or tsx start-up): what the engine itself takes. */
function inProcessMs(dir: string): number {
  const io = { out: () => {}, err: () => {} };
  const args = [dir, '--fit', '--folds', FOLDS, '--horizon', HORIZON];
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    backtestCommand(args, io);
    t.push(performance.now() - s);
  }
  return median(t);
}

/**
 * The Python script's own job done by Canary's engine in this process: read the folder, propose
 * the measures, point-in-time features, the logistic-regression baseline on 5 grouped folds
 * (baseline.ts, the yardstick of the fit-quality rows) and its AUC. Like for like with the
 * script, where the CLI's fitted backtest does more (scorecards, inner calibration, lead time).
 */
function sameJob(dir: string): { ms: number; auc: number } {
  const t: number[] = [];
  let auc = NaN;
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    const book = readBookDir(dir);
    const rows = outcomeRows(book, Number(HORIZON));
    const points = rows.accountIds.map((accountId, r) => ({
      accountId,
      day: rows.predictionDays[r],
    }));
    const p = logisticBaseline(prepareBook(book), proposeModel(book), rows, points, {
      folds: Number(FOLDS),
    });
    const keep = [...p.keys()].filter((r) => Number.isFinite(p[r]));
    auc = rocAuc(
      keep.map((r) => rows.y[r]),
      keep.map((r) => p[r]),
    );
    t.push(performance.now() - s);
  }
  return { ms: median(t), auc };
}

async function cli(args: string[]): Promise<void> {
  let err = '';
  const status = await runCli(args, COMMANDS, { stdout: () => {}, stderr: (t) => (err += t) });
  if (status !== 0) throw new Error(`cli ${args.join(' ')} exited ${status}: ${err}`);
}

/** The book folders, written as a user would get them (the CLI's demo and snapshot commands). */
const FOLDERS: [string, (dir: string) => Promise<void>][] = [
  ['demo book (150 accounts)', (dir) => cli(['demo', dir])],
  ['demo book (2,000 accounts)', (dir) => cli(['demo', dir, '--accounts', '2000'])],
  [
    'IBM Telco (7,043 customers)',
    (dir) =>
      cli(
        ['snapshot', TELCO_CSV, dir, '--id', 'customerID', '--outcome', 'Churn'].concat([
          '--date',
          '2024-06-30',
          '--churn-value',
          'Yes',
          '--horizon',
          HORIZON,
        ]),
      ),
  ],
  [
    'RavenStack (500 accounts)',
    async (dir) => void writeFiles(dir, writeCanonicalBook(await loadRavenStackBook())),
  ],
];

const python = findPython();
const rows: Row[] = [];
const load = loadavg()[0].toFixed(1);
const root = mkdtempSync(join(tmpdir(), 'canary-bench-sklearn-'));
try {
  for (const [i, [book, write]] of FOLDERS.entries()) {
    const name = `backtest --fit --folds 5 --horizon 60 vs pandas + scikit-learn, ${book}`;
    if ('reason' in python) {
      rows.push({
        where: 'node',
        name,
        ms: null,
        floorMs: null,
        notes: `skipped: ${python.reason}`,
      });
      continue;
    }
    const dir = join(root, String(i));
    await write(dir);
    const cliTimes: number[] = [];
    const pyTimes: number[] = [];
    let cliAuc = 'n/a';
    let py: Record<string, number | null> = {};
    const pyInProcess: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const c = timedSpawn(
        'npm',
        ['run', '-s', 'cli', '--', 'backtest', dir, '--fit'].concat([
          '--folds',
          FOLDS,
          '--horizon',
          HORIZON,
        ]),
      );
      cliTimes.push(c.ms);
      cliAuc = /^AUC (\S+)/m.exec(c.stdout)?.[1] ?? 'n/a';
      const p = timedSpawn(python.path, [SCRIPT, dir, '--folds', FOLDS, '--horizon', HORIZON]);
      pyTimes.push(p.ms);
      py = JSON.parse(p.stdout.trim().split('\n').pop()!);
      pyInProcess.push(1000 * py.seconds!);
    }
    const cliMs = median(cliTimes);
    const pyMs = median(pyTimes);
    const engineMs = inProcessMs(dir);
    const pyOwnMs = median(pyInProcess);
    const same = sameJob(dir);
    const faster = (a: number, b: number) =>
      a <= b ? `${(b / a).toFixed(2)}× faster` : `${(a / b).toFixed(2)}× slower`;
    const auc = py.auc === null ? 'n/a' : py.auc!.toFixed(3);
    rows.push({
      where: 'node',
      name,
      ms: cliMs,
      floorMs: pyMs,
      target: TARGET,
      met: 2 * cliMs <= pyMs,
      notes:
        `wall clock, median of ${RUNS}: CLI ${(cliMs / 1000).toFixed(2)} s, Python ${(pyMs / 1000).toFixed(2)} s — Canary ${faster(cliMs, pyMs)}; ` +
        `AUC: CLI ${cliAuc} (fitted scorecard), scikit-learn logistic regression ${auc}, on ${py.outcomes} outcomes (${py.churned} churned), ${py.measures} measures; ` +
        `without start-up: Canary in-process ${Math.round(engineMs)} ms, Python ${Math.round(pyOwnMs)} ms after ${Math.round(1000 * py.import_seconds!)} ms of imports — Canary ${faster(engineMs, pyOwnMs)}; ` +
        `the script's own job (read, propose, features, logistic regression) in Canary's engine: ${Math.round(same.ms)} ms, AUC ${same.auc.toFixed(3)} — ${faster(same.ms, pyOwnMs)}; ` +
        `floor = the Python script's wall clock (${python.path}, ${python.versions}); load average ${load} at start`,
    });
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

console.log(JSON.stringify(rows));
