// The in-browser benchmarks behind the Performance check page (and `npm run bench`).
import { todayDay } from '$lib/engine/dates';
import { callWorker, type Progress } from '$lib/worker/client';

/** One measured figure. */
export interface BenchFigure {
  id: string;
  label: string;
  ms: number;
  floorMs: number | null;
  detail: string;
}

/** The benchmarks offered, in order. */
export const BENCHMARKS = [
  {
    id: 'rescore-book',
    label: 'Rescore this book',
    description:
      'Reads every account and signal from IndexedDB, scores them all as of today with the active model, and saves the scores. Floor: reading the book alone.',
  },
  {
    id: 'rescore-5000',
    label: 'Rescore 5,000 accounts',
    description:
      'Generates 5,000 accounts × 12 metrics × 2 years of daily data in memory and times scoring all of them. Floor: one pass over every observation. Uses about 600 MB of memory while it runs.',
  },
] as const;

/** Runs one benchmark in the worker. */
export async function runBenchmark(
  id: string,
  signal: AbortSignal,
  onProgress: (p: Progress) => void,
): Promise<BenchFigure> {
  if (id === 'rescore-book') {
    const r = await callWorker('rescore', [{ asOfDay: todayDay() }], { signal, onProgress });
    return {
      id,
      label: 'Rescore this book',
      ms: r.ms,
      floorMs: r.timings.readMs,
      detail: `${r.accounts} accounts; read ${Math.round(r.timings.readMs)} ms, score ${Math.round(r.timings.scoreMs)} ms, history ${Math.round(r.timings.historyMs)} ms, save ${Math.round(r.timings.saveMs)} ms`,
    };
  }
  if (id === 'rescore-5000') {
    const r = await callWorker('benchRescore', [{ accounts: 5000, metrics: 12, days: 730 }], {
      signal,
      onProgress,
    });
    return {
      id,
      label: 'Rescore 5,000 accounts',
      ms: r.prepareMs + r.scoreMs,
      floorMs: r.floorMs,
      detail: `${(r.observations / 1e6).toFixed(1)} M observations; index ${Math.round(r.prepareMs)} ms, score ${Math.round(r.scoreMs)} ms`,
    };
  }
  throw new Error(`Unknown benchmark ${id}`);
}
