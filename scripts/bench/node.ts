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
import {
  DEFAULT_PLAYBOOKS,
  bookFacts,
  evaluateDay,
  stateKey,
  type PlayState,
} from '../../src/lib/engine/plays';
import { pointFeatures } from '../../src/lib/engine/backtest/features';
import { fitVersusBaseline, type FitVersusBaseline } from '../../src/lib/engine/backtest/baseline';
import { loadRavenStackBook, loadTelcoBook } from '../../tests/dataset-books';
import {
  outcomeRows,
  proposeModel,
  runBacktestBench,
  syntheticBacktestBook,
  type BacktestBenchSummary,
} from '../../src/lib/engine/backtest';

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

// The default playbooks over the same 5,000 scores (engine part: facts and the state machine;
// the worker's row in Chromium adds the database reads and writes). Floor: the rescore above.
const bigPrepared = prepareBook(big);
const bigScores = scoreBook(bigPrepared, DEFAULT_MODEL, BENCH_LAST_DAY);
const firstRun = evaluateDay({
  playbooks: DEFAULT_PLAYBOOKS,
  facts: bookFacts(bigPrepared, bigScores),
  states: new Map(),
  openTasks: new Set(),
});
const states = new Map<string, PlayState>();
for (const [k, v] of firstRun.changed) if (v) states.set(k, v);
const open = new Set(firstRun.tasks.map((t) => stateKey(t.playbookId, t.accountId)));
const playsMs = time(() => {
  const facts = bookFacts(bigPrepared, bigScores).map((f) => ({ ...f, day: BENCH_LAST_DAY + 1 }));
  evaluateDay({ playbooks: DEFAULT_PLAYBOOKS, facts, states, openTasks: open });
}, 5);
rows.push({
  where: 'node',
  name: 'default playbooks after a rescore of 5,000 accounts (engine part)',
  ms: playsMs,
  floorMs: bigMs,
  target: '≤ 10% of the rescore',
  met: playsMs <= 0.1 * bigMs,
  notes: `floor = the rescore above; ${firstRun.tasks.length} tasks on the first run, ${states.size} states kept; median of 5`,
});

// Backtest: 5,000 accounts, 30/60/90-day horizons, 5-fold fit (book generation not timed).
// Floor: reading the point-in-time measure values of the same outcome points once (prepareBook +
// pointFeatures), the input every fit must build. (evaluatePoints of the proposed, percentile-
// scored model takes ~3 s for these 15,000 points — more than the whole fitted backtest, which
// never needs it — so it is no floor.)
const btBook = syntheticBacktestBook(5000, 1);
const btModel = proposeModel(btBook);
const btPoints = [30, 60, 90].flatMap((h) => {
  const r = outcomeRows(btBook, h);
  return r.accountIds.map((accountId, i) => ({ accountId, day: r.predictionDays[i] }));
});
const btFloor = time(() => pointFeatures(prepareBook(btBook), btModel, btPoints), 3);
const btRuns: number[] = [];
let btSummary: BacktestBenchSummary | null = null;
for (let i = 0; i < 3; i++) {
  let t0 = 0;
  btSummary = runBacktestBench(5000, 1, () => (t0 = performance.now()));
  btRuns.push(performance.now() - t0);
}
const btMs = btRuns.sort((a, b) => a - b)[1];
rows.push({
  where: 'node',
  name: 'backtest 5,000 accounts, 3 horizons, 5-fold fit',
  ms: btMs,
  floorMs: btFloor,
  target: '≤ 5000 ms (in the worker; see chromium row)',
  met: btMs <= 5000,
  notes: `${btSummary!.outcomes} outcomes; floor = point-in-time measure values of the same points; median of 3`,
});

// Fit quality (issue 15's goal): out of sample, on the same outcomes, `backtest --fit --folds 5`
// (the proposed model's measures, as the CLI fits) against a logistic regression on the same
// point-in-time features and folds, and against the default model as it is; the notes add that
// regression held to the card's readability rule (baseline.ts fitSoundLogistic). ms = the fitted
// backtest, floor = the logistic regression.
const fitBooks: [string, Book][] = [
  ['demo book (150 accounts)', demo],
  ['demo book (600 accounts)', generateDemoBook({ endDay: today, accounts: 600 })],
  ['synthetic book (600 accounts)', syntheticBacktestBook(600, 11)],
  ['synthetic book (2,000 accounts)', syntheticBacktestBook(2000, 12)],
  ['IBM Telco (7,043 customers)', loadTelcoBook(60)],
  ['RavenStack (500 accounts)', await loadRavenStackBook()],
];
// Three fold seeds: one split's AUCs differ by up to 0.02 from another's on a 600-account book,
// so "met" is judged on the mean over the seeds and every seed's figures are printed.
const FIT_SEEDS = [1, 2, 3];
for (const [name, book] of fitBooks) {
  const prepared = prepareBook(book);
  const proposed = proposeModel(book);
  const runs = FIT_SEEDS.map((seed) =>
    fitVersusBaseline(prepared, proposed, DEFAULT_MODEL, { horizonDays: 60, folds: 5, seed }),
  );
  const lin = fitVersusBaseline(prepared, proposed, DEFAULT_MODEL, {
    horizonDays: 60,
    folds: 5,
    fit: { linear: true },
  });
  const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
  const mean = (pick: (v: FitVersusBaseline) => number | null) => {
    const xs = runs.map(pick);
    return xs.some((x) => x === null) ? null : xs.reduce((a, x) => a + x!, 0) / xs.length;
  };
  const each = (pick: (v: FitVersusBaseline) => number | null) =>
    `${f(mean(pick))} (${runs.map((v) => f(pick(v))).join(' / ')})`;
  const fitted = mean((v) => v.fittedAuc);
  const lr = mean((v) => v.logisticAuc);
  const own = mean((v) => v.modelAuc);
  const beatsLr = fitted !== null && lr !== null && fitted >= lr;
  const beatsOwn = !runs[0].modelScored || (fitted !== null && own !== null && fitted >= own);
  const v = runs[0];
  rows.push({
    where: 'node',
    name: `fit quality, ${name}: fitted vs logistic regression vs default model`,
    ms: v.fittedMs,
    floorMs: v.logisticMs,
    target:
      'fitted AUC ≥ logistic regression and ≥ default model, out of sample (mean of 3 fold seeds)',
    met: beatsLr && beatsOwn,
    notes: `AUC, mean (fold seeds ${FIT_SEEDS.join(' / ')}): fitted ${each((x) => x.fittedAuc)} · logistic regression ${each((x) => x.logisticAuc)} · the same held to the card's rule that no measure runs against its own evidence ${each((x) => x.soundLogisticAuc)} · default model ${v.modelScored ? f(own) : 'reads none of this data'}; ${v.outcomes} outcomes (${v.churned} churned), 60-day horizon, 5 folds grouped by account; with the opt-in linear terms (seed 1): fitted ${f(lin.fittedAuc)} in ${Math.round(lin.fittedMs)} ms; ms and floor = seed 1's fitted backtest and logistic regression`,
  });
}

console.log(JSON.stringify(rows));
