// The in-browser benchmarks behind the Performance check page (and `npm run bench`).
import { todayDay } from '$lib/engine/dates';
import { callWorker, type Progress } from '$lib/worker/client';

function share(part: number, whole: number): string {
  return `${Math.round((100 * part) / whole)}%`;
}

/** One measured figure. */
export interface BenchFigure {
  id: string;
  label: string;
  ms: number;
  floorMs: number | null;
  detail: string;
  /** Further figures for `npm run bench` (data attributes on the row). */
  extra?: Record<string, number>;
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
  {
    id: 'backtest-5000',
    label: 'Backtest 5,000 accounts',
    description:
      'Generates a 5,000-account book with renewal outcomes in memory and times the point-in-time backtest at 30, 60 and 90 days with a 5-fold fitted scorecard (lead times included). Floor: reading the point-in-time measure values of the same outcome points once.',
  },
  {
    id: 'import-1m',
    label: 'Import 1,000,000 signal rows',
    description:
      'Generates a 1,000,000-row (about 26 MB) long-form signals CSV in the worker (1,000 accounts × 10 metrics × 100 days) and imports it along the app’s own path — decode, parse and check every row, build the plan, one applyImport transaction — into a scratch database that is deleted afterwards. Floor: a bare papaparse parse of the same text plus one bulk write of the same series. Also reports the longest main-thread task meanwhile.',
  },
] as const;

/** Runs `work` while watching the main thread for long tasks (over 50 ms); returns the longest. */
async function watchLongTasks<T>(
  work: () => Promise<T>,
): Promise<{ value: T; longestMs: number; count: number }> {
  let longestMs = 0;
  let count = 0;
  let observer: PerformanceObserver | null = null;
  if (PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
    observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        count++;
        longestMs = Math.max(longestMs, e.duration);
      }
    });
    observer.observe({ type: 'longtask' });
  }
  try {
    const value = await work();
    // Entries are delivered asynchronously: flush what is queued before disconnecting.
    for (const e of observer?.takeRecords() ?? []) {
      count++;
      longestMs = Math.max(longestMs, e.duration);
    }
    return { value, longestMs, count };
  } finally {
    observer?.disconnect();
  }
}

/** Runs one benchmark in the worker. */
export async function runBenchmark(
  id: string,
  signal: AbortSignal,
  onProgress: (p: Progress) => void,
): Promise<BenchFigure> {
  if (id === 'rescore-book') {
    const r = await callWorker('rescore', [{ today: todayDay() }], { signal, onProgress });
    return {
      id,
      label: 'Rescore this book',
      ms: r.ms,
      floorMs: r.timings.readMs,
      detail: `${r.accounts} accounts; read ${Math.round(r.timings.readMs)} ms, score ${Math.round(r.timings.scoreMs)} ms, history ${Math.round(r.timings.historyMs)} ms, save ${Math.round(r.timings.saveMs)} ms, playbooks ${Math.round(r.timings.playbooksMs)} ms (${share(r.timings.playbooksMs, r.ms - r.timings.playbooksMs)} of the rest; ${r.playbooks?.created ?? 0} new tasks)`,
      extra: { playbooksMs: r.timings.playbooksMs },
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
      detail: `${(r.observations / 1e6).toFixed(1)} M observations; index ${Math.round(r.prepareMs)} ms, score ${Math.round(r.scoreMs)} ms; default playbooks after it: ${Math.round(r.playbooksNextMs)} ms (${share(r.playbooksNextMs, r.prepareMs + r.scoreMs)} of the rescore; ${r.tasksNext} new tasks), ${Math.round(r.playbooksFirstMs)} ms on the first run (${r.tasksFirst} tasks)`,
      extra: { playbooksNextMs: r.playbooksNextMs, playbooksFirstMs: r.playbooksFirstMs },
    };
  }
  if (id === 'backtest-5000') {
    const r = await callWorker('benchBacktest', [{ accounts: 5000 }], { signal, onProgress });
    return {
      id,
      label: 'Backtest 5,000 accounts',
      ms: r.ms,
      floorMs: r.floorMs,
      detail: `${r.outcomes} outcomes × ${r.horizons.length} horizons, 5-fold fit; out-of-sample AUC ${r.auc.map((a) => a?.toFixed(3) ?? 'n/a').join(' / ')}`,
    };
  }
  if (id === 'import-1m') {
    const {
      value: r,
      longestMs,
      count,
    } = await watchLongTasks(() =>
      callWorker('benchImport', [{ accounts: 1000, metrics: 10, days: 100 }], {
        signal,
        onProgress,
      }),
    );
    const ms = (x: number) => `${Math.round(x)} ms`;
    return {
      id,
      label: 'Import 1,000,000 signal rows',
      ms: r.totalMs,
      floorMs: r.floorMs,
      detail:
        `${(r.rows / 1e6).toFixed(1)} M rows, ${(r.bytes / 1e6).toFixed(1)} MB; decode ${ms(r.decodeMs)}, ` +
        `parse + check + plan ${ms(r.prepareMs)}, applyImport ${ms(r.applyMs)}; floor: papaparse ` +
        `${ms(r.floorParseMs)} + bulkPut ${ms(r.floorWriteMs)}; longest main-thread task ` +
        `${count === 0 ? 'none over 50 ms' : `${ms(longestMs)} (${count} over 50 ms)`}`,
    };
  }
  throw new Error(`Unknown benchmark ${id}`);
}
