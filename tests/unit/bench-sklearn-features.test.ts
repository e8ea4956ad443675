// The bench's pandas + scikit-learn comparison (scripts/bench/sklearn_fit.py) must do the work
// `backtest --fit` does: the same proposed measures with the same point-in-time values at every
// outcome. Checked against the engine's pointFeatures on canonical folders written as a user
// gets them. Needs a python that imports sklearn and pandas (Debian: apt-get install -y
// python3-sklearn python3-pandas, or $CANARY_PYTHON); skipped without one, as the bench is.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { readBookDir, writeFiles } from '../../src/cli/book-files';
import { COMMANDS } from '../../src/cli/main';
import { runCli } from '../../src/cli/run';
import { prepareBook } from '../../src/lib/engine';
import { outcomeRows, proposeModel } from '../../src/lib/engine/backtest';
import { pointFeatures } from '../../src/lib/engine/backtest/features';
import { writeCanonicalBook } from '../../src/lib/import/canonical';
import { loadRavenStackBook } from '../dataset-books';
import { TELCO_CSV } from '../datasets';

const SCRIPT = fileURLToPath(new URL('../../scripts/bench/sklearn_fit.py', import.meta.url));
const python = (
  process.env.CANARY_PYTHON ? [process.env.CANARY_PYTHON] : ['/usr/bin/python3', 'python3']
).find((p) => spawnSync(p, ['-c', 'import sklearn, pandas']).status === 0);
const root = mkdtempSync(join(tmpdir(), 'canary-sklearn-features-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(args: string[]): Promise<void> {
  const status = await runCli(args, COMMANDS, { stdout: () => {}, stderr: () => {} });
  expect(status).toBe(0);
}

/** Canary's features and the script's, for the folder's outcomes at horizon 60. */
function bothFeatures(dir: string) {
  const book = readBookDir(dir);
  const model = proposeModel(book);
  const rows = outcomeRows(book, 60);
  const points = rows.accountIds.map((accountId, i) => ({
    accountId,
    day: rows.predictionDays[i],
  }));
  const canary = pointFeatures(prepareBook(book), model, points);
  const out = join(dir, 'features-python.csv');
  const r = spawnSync(python!, [SCRIPT, dir, '--features', out], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const summary = JSON.parse(r.stdout);
  const py = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  return { canary, points, py: py.data, pyColumns: py.meta.fields!, summary };
}

function expectSameFeatures(dir: string) {
  const { canary, points, py, pyColumns, summary } = bothFeatures(dir);
  const ids = canary.columns.map((c) => c.id);
  expect(pyColumns.filter((c) => c !== 'account_id' && c !== 'day').sort()).toEqual(
    [...ids].sort(),
  );
  expect(summary.measures).toBe(ids.length);
  expect(py.map((r) => `${r.account_id}|${r.day}`)).toEqual(
    points.map((p) => `${p.accountId}|${p.day}`),
  );
  let compared = 0;
  let filled = 0;
  const differ: string[] = [];
  const { data, cols } = canary.raw;
  canary.columns.forEach((c, j) => {
    py.forEach((row, r) => {
      const v = data[r * cols + j];
      const cell = row[c.id];
      compared++;
      if (!Number.isNaN(v)) filled++;
      const same = Number.isNaN(v)
        ? cell === ''
        : c.categories
          ? cell === c.categories[v]
          : cell !== '' && Math.abs(Number(cell) - v) <= 1e-9 * Math.max(1, Math.abs(v));
      if (!same) differ.push(`${c.id} at ${row.account_id} day ${row.day}: ${v} vs "${cell}"`);
    });
  });
  expect(differ.slice(0, 5)).toEqual([]);
  expect(filled).toBeGreaterThan(compared / 3);
  return summary;
}

describe.skipIf(!python)(
  'the bench script sklearn_fit.py reads the features backtest --fit reads',
  () => {
    it('on the demo book (weekly series and their changes, categories, tenure left out on anniversaries)', async () => {
      const dir = join(root, 'demo');
      await cli(['demo', dir]);
      const summary = expectSameFeatures(dir);
      expect(summary.outcomes).toBe(163);
      expect(summary.auc).toBeGreaterThan(0.8);
    });

    it('on IBM Telco as the snapshot command writes it (one observation per customer)', async () => {
      const dir = join(root, 'telco');
      await cli([
        'snapshot',
        TELCO_CSV,
        dir,
        '--id',
        'customerID',
        '--outcome',
        'Churn',
        '--date',
        '2024-06-30',
        '--churn-value',
        'Yes',
        '--horizon',
        '60',
      ]);
      const summary = expectSameFeatures(dir);
      expect(summary.outcomes).toBe(7043);
      expect(summary.churned).toBe(1869);
    });

    it('on RavenStack (irregular events, sums, dated ARR and seats)', async () => {
      const dir = join(root, 'ravenstack');
      writeFiles(dir, writeCanonicalBook(await loadRavenStackBook()));
      expectSameFeatures(dir);
    });
  },
);
