// The scale benchmark of the warehouse path (npm run bench -- --warehouse): the bench book of
// 5,000 accounts × 12 metrics × 730 daily observations (≈ 44 M signal rows) plus one renewal
// outcome per account, written to signals.parquet in a temporary folder (deleted after),
// scored and backtested in DuckDB beside the engine on the same book, with the engine's
// memory at that size. Prints one JSON array line of rows, like node.ts.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBDataChunk, DuckDBInstance, DOUBLE, INTEGER, VARCHAR } from '@duckdb/node-api';
import { DEFAULT_MODEL, makeBenchBook, prepareBook, scoreBook } from '../../src/lib/engine';
import { runBacktest } from '../../src/lib/engine/backtest';
import { BENCH_LAST_DAY } from '../../src/lib/engine/score/bench-book';
import { createRandom } from '../../src/lib/engine/random';
import type { Book } from '../../src/lib/engine/types';
import { writeCanonicalBook } from '../../src/lib/import/canonical';
import { writeFiles } from '../../src/cli/book-files';
import { openInput } from '../../src/cli/warehouse/input';
import { warehouseBacktest, warehouseScore } from '../../src/cli/warehouse/run';
import { DEFAULT_TABLES } from '../../src/lib/warehouse/tables';

interface Row {
  where: string;
  name: string;
  ms: number;
  floorMs: number | null;
  notes?: string;
}

const ACCOUNTS = 5000;
const HORIZON = 60;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/** One outcome per account, churned when its recent seat use is low (plus noise): deterministic. */
function addOutcomes(book: Book): void {
  const rnd = createRandom(11);
  const byKey = new Map(book.series.map((s) => [`${s.accountId}\u0000${s.metric}`, s]));
  for (const a of book.accounts) {
    const day = BENCH_LAST_DAY - rnd.int(30, 330);
    const active = byKey.get(`${a.id}\u0000active_users`)!;
    const i = active.days.indexOf(day - HORIZON);
    const use = active.values[Math.max(0, i)] / (a.seats ?? 1);
    const churned = use + 0.25 * rnd.normal() < 0.45;
    book.outcomes.push({
      accountId: a.id,
      day,
      outcome: churned ? 'churned' : 'renewed',
      reason: null,
      avoidable: null,
    });
  }
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** Peak resident memory while `fn` runs, sampled every 50 ms (DuckDB's memory is in-process). */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const value = await fn();
    return { value, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

const rows: Row[] = [];
const dir = mkdtempSync(join(tmpdir(), 'canary-bench-warehouse-'));
try {
  const before = process.memoryUsage();
  const book = makeBenchBook(ACCOUNTS, 12, 730, 7);
  addOutcomes(book);
  const observations = book.series.reduce((n, s) => n + s.days.length, 0);
  const prep = timed(() => prepareBook(book));
  const held = process.memoryUsage();
  const engineBytes = held.heapUsed + held.arrayBuffers - before.heapUsed - before.arrayBuffers;

  // Engine: score and backtest (no fit) on the book in memory, median of 3.
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
  const scoreRuns = [0, 1, 2].map(() =>
    timed(() => scoreBook(prepareBook(book), DEFAULT_MODEL, BENCH_LAST_DAY)),
  );
  const engineScores = scoreRuns[0].value;
  const btRuns = [0, 1, 2].map(() =>
    timed(() => runBacktest(prepareBook(book), DEFAULT_MODEL, { horizons: [HORIZON] })),
  );
  const engineReport = btRuns[0].value.reports[0];

  // The files: signals.parquet written by DuckDB from the same arrays; the rest as CSV.
  writeFiles(
    dir,
    writeCanonicalBook({ ...book, series: [] }).filter((f) => f.name !== 'signals.csv'),
  );
  const write = await timedAsync(async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run(
      'CREATE TABLE s (account_id VARCHAR, day INTEGER, metric VARCHAR, value DOUBLE)',
    );
    const appender = await conn.createAppender('s');
    for (const s of book.series) {
      const n = s.days.length;
      for (let start = 0; start < n; start += 2048) {
        const end = Math.min(n, start + 2048);
        const chunk = DuckDBDataChunk.create([VARCHAR, INTEGER, VARCHAR, DOUBLE], end - start);
        chunk.setColumns([
          new Array(end - start).fill(s.accountId),
          Array.from(s.days.subarray(start, end)),
          new Array(end - start).fill(s.metric),
          Array.from(s.values.subarray(start, end)),
        ]);
        appender.appendDataChunk(chunk);
      }
    }
    appender.closeSync();
    await conn.run(
      `COPY (SELECT account_id, DATE '1970-01-01' + day AS "date", metric, value FROM s) TO '${join(dir, 'signals.parquet')}' (FORMAT parquet)`,
    );
    conn.closeSync();
    instance.closeSync();
  });
  const parquetBytes = statSync(join(dir, 'signals.parquet')).size;

  // DuckDB: open the folder (accounts through the canonical reader, signals.parquet checked
  // in SQL: keys, known accounts, no repeated observation), then the score query.
  const rssBefore = process.memoryUsage().rss;
  const open = await timedAsync(() =>
    openInput({ engine: 'duckdb', path: dir, url: undefined, tableNames: DEFAULT_TABLES }),
  );
  const input = open.value;
  const score = await peakRss(() =>
    timedAsync(() => warehouseScore(input, DEFAULT_MODEL, BENCH_LAST_DAY)),
  );
  const fastScore = await peakRss(() =>
    timedAsync(() => warehouseScore(input, DEFAULT_MODEL, BENCH_LAST_DAY, false)),
  );
  // The backtest with sums in the engine's order holds every window's rows for its ordered
  // aggregates and runs out of this machine's 24 GB at this size; it runs with --fast-sums.
  const backtest = await peakRss(() =>
    timedAsync(() => warehouseBacktest(input, DEFAULT_MODEL, HORIZON, false)),
  );
  await input.session.close();

  // The same answers: every account's score and band, and the backtest's JSON fields.
  const same = (rows: (string | number | null)[][]) =>
    rows.slice(1).every((r, i) => r[1] === engineScores[i].score && r[2] === engineScores[i].band);
  const sameScores = same(score.value.value.rows);
  const sameFast = same(fastScore.value.value.rows);
  const sameBacktest =
    JSON.stringify({ ...backtest.value.value.report, details: null }) ===
    JSON.stringify({ ...engineReport, details: null });

  const engineScoreMs = median(scoreRuns.map((r) => r.ms));
  const engineBtMs = median(btRuns.map((r) => r.ms));
  const book44 = `${ACCOUNTS} accounts, ${(observations / 1e6).toFixed(1)} M signal rows`;
  rows.push(
    {
      where: 'node',
      name: `warehouse bench: engine score (${book44})`,
      ms: engineScoreMs,
      floorMs: null,
      notes: `prepare + scoreBook, median of 3; book in memory: ${mb(engineBytes)} (heap + typed arrays; prepareBook alone ${prep.ms.toFixed(0)} ms)`,
    },
    {
      where: 'node',
      name: `warehouse bench: engine backtest, ${HORIZON}-day horizon, no fit`,
      ms: engineBtMs,
      floorMs: null,
      notes: `${engineReport.n_outcomes} outcomes, ${engineReport.n_churned} churned; median of 3`,
    },
    {
      where: 'duckdb',
      name: 'warehouse bench: write signals.parquet (not counted below)',
      ms: write.ms,
      floorMs: null,
      notes: mb(parquetBytes),
    },
    {
      where: 'duckdb',
      name: 'warehouse bench: open the folder and check signals.parquet',
      ms: open.ms,
      floorMs: null,
      notes: 'keys present, accounts known, no repeated (account, date, metric)',
    },
    {
      where: 'duckdb',
      name: 'warehouse bench: score query, every account as of the last day',
      ms: score.value.ms,
      floorMs: engineScoreMs,
      notes: `sums in the engine's order; ${sameScores ? 'same scores and bands as the engine' : 'SCORES DIFFER FROM THE ENGINE'}; peak RSS +${mb(score.peak - rssBefore)}`,
    },
    {
      where: 'duckdb',
      name: 'warehouse bench: score query with --fast-sums',
      ms: fastScore.value.ms,
      floorMs: engineScoreMs,
      notes: `${sameFast ? 'same scores and bands as the engine' : 'SCORES DIFFER FROM THE ENGINE'}; peak RSS +${mb(fastScore.peak - rssBefore)}`,
    },
    {
      where: 'duckdb',
      name: `warehouse bench: backtest query with --fast-sums, ${HORIZON}-day horizon + lead-time samples`,
      ms: backtest.value.ms,
      floorMs: engineBtMs,
      notes: `${sameBacktest ? 'same report fields as the engine' : 'REPORT DIFFERS FROM THE ENGINE'} (in the engine's order the ordered sums need more than 24 GB here); peak RSS +${mb(backtest.peak - rssBefore)}`,
    },
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(rows));
