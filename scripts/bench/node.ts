// Engine benchmarks in Node (run by scripts/bench.mjs through tsx). Prints one JSON array line.
import { generateDemoBook } from '../../src/lib/engine/demo';
import { isoToDay } from '../../src/lib/engine/dates';
import {
  DEFAULT_MODEL,
  makeBenchBook,
  prepareBook,
  scoreBook,
  scoreHistory,
  weeklyDays,
} from '../../src/lib/engine';
import { BENCH_LAST_DAY } from '../../src/lib/engine/score/bench-book';
import type { Book } from '../../src/lib/engine/types';

interface Row {
  where: string;
  name: string;
  ms: number;
  floorMs: number | null;
  target?: string;
  met?: boolean;
  notes?: string;
}

/** Median of `runs` timings of fn. */
function time(fn: () => void, runs = 3): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function touchAll(book: Book): number {
  let sink = 0;
  for (const s of book.series) {
    const v = s.values;
    for (let i = 0; i < v.length; i++) sink += v[i];
  }
  return sink;
}

const rows: Row[] = [];
const today = isoToDay('2026-11-23')!;

const genMs = time(() => generateDemoBook({ endDay: today }));
const demo = generateDemoBook({ endDay: today });
const demoFloor = time(() => touchAll(demo), 5);
const demoScore = time(() => scoreBook(prepareBook(demo), DEFAULT_MODEL, today));
const days = weeklyDays(today - 7, 104);
const demoHistory = time(() => scoreHistory(prepareBook(demo), DEFAULT_MODEL, days));
rows.push({
  where: 'node',
  name: 'demo book: generate (150 accounts, 104 weeks)',
  ms: genMs,
  floorMs: null,
});
rows.push({
  where: 'node',
  name: 'demo book: score today (with explanations)',
  ms: demoScore,
  floorMs: demoFloor,
  notes: 'floor = one pass over every observation',
});
rows.push({
  where: 'node',
  name: 'demo book: 104 weekly history points per account',
  ms: demoHistory,
  floorMs: demoFloor,
});

const big = makeBenchBook(5000, 12, 730, 7);
const bigFloor = time(() => touchAll(big), 3);
const bigMs = time(() => scoreBook(prepareBook(big), DEFAULT_MODEL, BENCH_LAST_DAY), 3);
rows.push({
  where: 'node',
  name: 'rescore 5,000 accounts × 12 metrics × 730 days',
  ms: bigMs,
  floorMs: bigFloor,
  target: '≤ 1000 ms (in the worker; see chromium row)',
  met: bigMs <= 1000,
  notes: 'prepare + score, median of 3',
});

console.log(JSON.stringify(rows));
