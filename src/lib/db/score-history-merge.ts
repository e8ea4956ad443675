// Pure merge of score snapshots: one snapshot per scored day, incoming replaces the same day.
import type { Band } from '../engine/types';
import { bandFromCode } from './records';

/** Columnar score snapshots, day-ascending and unique. */
export interface HistoryColumns {
  days: Int32Array;
  scores: Float32Array;
  bands: Uint8Array;
  coverage: Float32Array;
}

/** Merges `incoming` snapshots into `stored`; a day present in both takes the incoming one. */
export function mergeHistory(
  stored: HistoryColumns | undefined,
  incoming: HistoryColumns,
): HistoryColumns {
  if (!stored || stored.days.length === 0) {
    return {
      days: incoming.days.slice(),
      scores: incoming.scores.slice(),
      bands: incoming.bands.slice(),
      coverage: incoming.coverage.slice(),
    };
  }
  const cap = stored.days.length + incoming.days.length;
  const out: HistoryColumns = {
    days: new Int32Array(cap),
    scores: new Float32Array(cap),
    bands: new Uint8Array(cap),
    coverage: new Float32Array(cap),
  };
  let s = 0;
  let i = 0;
  let n = 0;
  const take = (from: HistoryColumns, k: number) => {
    out.days[n] = from.days[k];
    out.scores[n] = from.scores[k];
    out.bands[n] = from.bands[k];
    out.coverage[n++] = from.coverage[k];
  };
  while (s < stored.days.length || i < incoming.days.length) {
    if (
      i >= incoming.days.length ||
      (s < stored.days.length && stored.days[s] < incoming.days[i])
    ) {
      take(stored, s++);
    } else {
      if (s < stored.days.length && stored.days[s] === incoming.days[i]) s++;
      take(incoming, i++);
    }
  }
  return {
    days: out.days.slice(0, n),
    scores: out.scores.slice(0, n),
    bands: out.bands.slice(0, n),
    coverage: out.coverage.slice(0, n),
  };
}

/** Days of history the portfolio's sparkline shows. */
export const SPARK_DAYS = 90;
/** How far back "last week" looks for the band shown then. */
export const LAST_WEEK_DAYS = 7;

/**
 * The recent history a portfolio row shows, taken from a model version's snapshots; its fields
 * are the ones of the current score's summary (ScoreSummary) of the same names.
 */
export interface RecentHistory {
  /** Snapshot days within SPARK_DAYS before `asOfDay` (inclusive), ascending. */
  sparkDays: number[];
  /** Scores of those days. */
  sparkScores: number[];
  /** Band of the latest snapshot at least LAST_WEEK_DAYS before `asOfDay`, or null. */
  bandLastWeek: Band | null;
}

/** Picks the sparkline and last week's band out of a history, as of `asOfDay`. */
export function recentHistory(history: HistoryColumns | undefined, asOfDay: number): RecentHistory {
  const out: RecentHistory = { sparkDays: [], sparkScores: [], bandLastWeek: null };
  if (!history) return out;
  let lastWeek = -1;
  for (let i = 0; i < history.days.length; i++) {
    const day = history.days[i];
    if (day >= asOfDay - SPARK_DAYS && day <= asOfDay) {
      out.sparkDays.push(day);
      // Float32 → the nearest short decimal, so a stored 64.1 reads back as 64.1.
      out.sparkScores.push(Number(history.scores[i].toPrecision(6)));
    }
    if (day <= asOfDay - LAST_WEEK_DAYS) lastWeek = i;
  }
  if (lastWeek >= 0) out.bandLastWeek = bandFromCode(history.bands[lastWeek]);
  return out;
}
