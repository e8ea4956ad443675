// Benchmark support: times a full rescore of a generated book inside this worker against a
// floor (one pass over the same typed arrays), so `npm run bench` can report both.
import { makeBenchBook, prepareBook, scoreBook, DEFAULT_MODEL } from '../../engine';
import { BENCH_LAST_DAY } from '../../engine/score/bench-book';
import type { ProgressFn } from '../progress';

/** Timings of one scoring benchmark, in milliseconds. */
export interface RescoreBenchResult {
  accounts: number;
  metrics: number;
  days: number;
  observations: number;
  prepareMs: number;
  scoreMs: number;
  floorMs: number;
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
  return {
    accounts: request.accounts,
    metrics: request.metrics,
    days: request.days,
    observations,
    prepareMs: p1 - p0,
    scoreMs: p2 - p1,
    floorMs,
  };
}
