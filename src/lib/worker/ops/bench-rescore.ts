// Benchmark support: times a full rescore of a generated book inside this worker against a
// floor (one pass over the same typed arrays), so `npm run bench` can report both; then what the
// default playbooks add after it, with the app's own reads and writes (evaluateScoredBook) in a
// scratch database that is deleted afterwards: first over a book with no playbook history
// (every trigger new — the heaviest write), then the next day (states and open tasks read back
// — every rescore after the first).
import { makeBenchBook, prepareBook, scoreBook, DEFAULT_MODEL } from '../../engine';
import { BENCH_LAST_DAY } from '../../engine/score/bench-book';
import { CanaryDb } from '../../db';
import type { ProgressFn } from '../progress';
import { evaluateScoredBook } from './evaluate-playbooks';

const BENCH_DB = 'canary-bench-playbooks';

/** Timings of one scoring benchmark, in milliseconds. */
export interface RescoreBenchResult {
  accounts: number;
  metrics: number;
  days: number;
  observations: number;
  prepareMs: number;
  scoreMs: number;
  floorMs: number;
  /** The default playbooks after the rescore: the first evaluation and the next day's. */
  playbooksFirstMs: number;
  playbooksNextMs: number;
  tasksFirst: number;
  tasksNext: number;
}

/** Generates a book of `accounts` × `metrics` × `days` daily points and times scoring it. */
export default async function benchRescore(
  request: { accounts: number; metrics: number; days: number; seed?: number },
  onProgress?: ProgressFn,
): Promise<RescoreBenchResult> {
  onProgress?.({ fraction: 0.1, label: 'Generating the benchmark book' });
  const book = makeBenchBook(request.accounts, request.metrics, request.days, request.seed ?? 7);
  let observations = 0;
  for (const s of book.series) observations += s.days.length;

  // Floor: touch every observation once (the least any scorer must do).
  const f0 = performance.now();
  let sink = 0;
  for (const s of book.series) {
    const v = s.values;
    for (let i = 0; i < v.length; i++) sink += v[i];
  }
  const floorMs = performance.now() - f0;

  onProgress?.({ fraction: 0.4, label: 'Scoring' });
  const p0 = performance.now();
  const prepared = prepareBook(book);
  const p1 = performance.now();
  const scores = scoreBook(prepared, DEFAULT_MODEL, BENCH_LAST_DAY);
  const p2 = performance.now();
  if (scores.length !== request.accounts || Number.isNaN(sink))
    throw new Error('Benchmark produced no scores');

  onProgress?.({ fraction: 0.8, label: 'Running the playbooks' });
  await CanaryDb.delete(BENCH_DB);
  const db = new CanaryDb(BENCH_DB);
  let first;
  let next;
  try {
    const input = {
      prepared,
      scores,
      model: DEFAULT_MODEL,
      modelKey: 'bench@1',
      archived: new Map<string, number>(),
    };
    first = await evaluateScoredBook(db, { ...input, today: BENCH_LAST_DAY });
    next = await evaluateScoredBook(db, { ...input, today: BENCH_LAST_DAY + 1 });
  } finally {
    db.close();
    await CanaryDb.delete(BENCH_DB);
  }
  return {
    accounts: request.accounts,
    metrics: request.metrics,
    days: request.days,
    observations,
    prepareMs: p1 - p0,
    scoreMs: p2 - p1,
    floorMs,
    playbooksFirstMs: first.ms,
    playbooksNextMs: next.ms,
    tasksFirst: first.created,
    tasksNext: next.created,
  };
}
