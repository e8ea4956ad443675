// Writing signal series: idempotent merges of incoming points into the columnar store.
import type { SignalSeries } from '../engine/types';
import type { CanaryDb } from './canary-db';
import { InvalidSeriesError } from './errors';
import type { SeriesDelta, SeriesRecord } from './records';
import {
  concatPoints,
  mergePoints,
  normalizePoints,
  type DuplicatePolicy,
  type Points,
} from './series-merge';

/** Counts of what a series merge did. */
export interface SeriesMergeCounts {
  seriesCreated: number;
  seriesChanged: number;
  pointsAdded: number;
  pointsChanged: number;
  pointsUnchanged: number;
}

/** A merge's counts plus the per-series deltas that undo it. */
export interface SeriesMergeOutcome extends SeriesMergeCounts {
  deltas: SeriesDelta[];
}

interface Group {
  accountId: string;
  metric: string;
  parts: Points[];
}

function groupIncoming(series: readonly SignalSeries[]): Group[] {
  const groups = new Map<string, Group>();
  for (const s of series) {
    if (!(s.days instanceof Int32Array) || !(s.values instanceof Float64Array)) {
      throw new InvalidSeriesError(
        `${s.accountId}/${s.metric}: days must be an Int32Array and values a Float64Array`,
      );
    }
    if (s.days.length !== s.values.length) {
      throw new InvalidSeriesError(
        `${s.accountId}/${s.metric}: ${s.days.length} days but ${s.values.length} values`,
      );
    }
    const key = `${s.accountId}\u0000${s.metric}`;
    const group = groups.get(key);
    if (group) group.parts.push(s);
    else groups.set(key, { accountId: s.accountId, metric: s.metric, parts: [s] });
  }
  return [...groups.values()];
}

/**
 * Merges `series` into the store; must run inside a rw transaction covering `series`. Repeated
 * days in the input collapse by `policy`; an incoming day replaces the stored value.
 */
export async function mergeSeriesInTransaction(
  db: CanaryDb,
  series: readonly SignalSeries[],
  policy: DuplicatePolicy,
): Promise<SeriesMergeOutcome> {
  const groups = groupIncoming(series);
  const stored = await db.series.bulkGet(groups.map((g) => [g.accountId, g.metric]));
  const counts: SeriesMergeOutcome = {
    seriesCreated: 0,
    seriesChanged: 0,
    pointsAdded: 0,
    pointsChanged: 0,
    pointsUnchanged: 0,
    deltas: [],
  };
  const writes: SeriesRecord[] = [];
  groups.forEach((g, k) => {
    const joined = concatPoints(g.parts);
    const incoming = normalizePoints(joined.days, joined.values, policy);
    const before = stored[k];
    const merged = mergePoints(before, incoming);
    counts.pointsAdded += merged.added;
    counts.pointsChanged += merged.changed;
    counts.pointsUnchanged += merged.unchanged;
    if (merged.changedDays.length === 0) return;
    if (!before) counts.seriesCreated++;
    counts.seriesChanged++;
    writes.push({
      accountId: g.accountId,
      metric: g.metric,
      days: merged.days,
      values: merged.values,
    });
    counts.deltas.push({
      accountId: g.accountId,
      metric: g.metric,
      created: !before,
      days: merged.changedDays,
      previous: merged.previous,
      existed: merged.existed,
    });
  });
  if (writes.length > 0) await db.series.bulkPut(writes);
  return counts;
}

/**
 * Merges signal points into the store in one transaction (not logged, so not undoable: app
 * imports go through applyImport). Idempotent: merging the same points twice changes nothing.
 */
export async function mergeSeries(
  db: CanaryDb,
  series: readonly SignalSeries[],
  policy: DuplicatePolicy = 'last',
): Promise<SeriesMergeCounts> {
  const { deltas: _deltas, ...counts } = await db.transaction('rw', db.series, () =>
    mergeSeriesInTransaction(db, series, policy),
  );
  return counts;
}

/** Every series of one account, ordered by metric. */
export function loadAccountSeries(db: CanaryDb, accountId: string): Promise<SeriesRecord[]> {
  return db.series.where('accountId').equals(accountId).sortBy('metric');
}

/**
 * Writes series records as they are, in one transaction, with no merge: the floor the import
 * benchmark measures the app's import against.
 */
export async function putSeriesRaw(db: CanaryDb, series: SeriesRecord[]): Promise<void> {
  await db.transaction('rw', db.series, () => db.series.bulkPut(series));
}
