// The account page's chart data, built from stored records (pure, tested): score history lines
// per model version, markers (pulses, outcomes, overrides, model changes) and signal summaries.
import { bandFromCode, type ModelVersionRecord, type ScoreHistoryRecord } from '../db';
import { dateToDay } from '../engine/dates';
import type { Band, BandOverride, Outcome, Pulse, SignalSeries } from '../engine/types';
import { formatDay, formatNumber, formatShare } from '../format';

/** The ranges the history chart offers. */
export type HistoryRange = '90d' | '1y' | 'all';

/** Label and length (days; null = everything) of each range. */
export const HISTORY_RANGES: readonly { id: HistoryRange; label: string; days: number | null }[] = [
  { id: '90d', label: '90 days', days: 90 },
  { id: '1y', label: '1 year', days: 365 },
  { id: 'all', label: 'All', days: null },
];

/** The first day shown for a range ending at `lastDay` (−∞ for "all"). */
export function rangeStartDay(range: HistoryRange, lastDay: number): number {
  const days = HISTORY_RANGES.find((r) => r.id === range)?.days ?? null;
  return days === null ? Number.NEGATIVE_INFINITY : lastDay - days;
}

/** One model version's score line for the chart. */
export interface HistoryLine {
  modelKey: string;
  label: string;
  active: boolean;
  days: number[];
  scores: number[];
  bands: Band[];
}

/** "Canary default v2" for a model key, from the saved versions. */
export function modelLabel(key: string, models: readonly ModelVersionRecord[]): string {
  const m = models.find((x) => x.key === key);
  return m ? `${m.name} v${m.version}` : key;
}

/**
 * Score lines of every model version with history for the account, from `fromDay` on; the
 * active version first, the others (older versions, kept for comparison) after it.
 */
export function historyLines(
  records: readonly ScoreHistoryRecord[],
  activeKey: string | null,
  models: readonly ModelVersionRecord[],
  fromDay: number,
): HistoryLine[] {
  const lines = records.map((r): HistoryLine => {
    const line: HistoryLine = {
      modelKey: r.modelKey,
      label: modelLabel(r.modelKey, models),
      active: r.modelKey === activeKey,
      days: [],
      scores: [],
      bands: [],
    };
    for (let i = 0; i < r.days.length; i++) {
      if (r.days[i] < fromDay) continue;
      line.days.push(r.days[i]);
      line.scores.push(Math.round(r.scores[i]));
      line.bands.push(bandFromCode(r.bands[i]));
    }
    return line;
  });
  return lines.sort((a, b) => Number(b.active) - Number(a.active));
}

/** A marked event on the history chart. */
export interface ChartMarker {
  day: number;
  kind: 'pulse' | 'outcome' | 'override' | 'model';
  /** One letter drawn on the chart, so markers do not rely on colour. */
  glyph: string;
  label: string;
}

/** Everything markers are made from. */
export interface MarkerSources {
  pulses: readonly Pulse[];
  outcomes: readonly Outcome[];
  overrides: readonly BandOverride[];
  /** Model versions with history for this account. */
  models: readonly ModelVersionRecord[];
}

/**
 * Markers between `fromDay` and `toDay`, oldest first. A model change is marked on the day a
 * later version was saved (its own history is backfilled, so its first snapshot is not when the
 * change happened); the first version saved is the starting point, not a change.
 */
export function chartMarkers(s: MarkerSources, fromDay: number, toDay: number): ChartMarker[] {
  const out: ChartMarker[] = [];
  for (const p of s.pulses) {
    out.push({ day: p.day, kind: 'pulse', glyph: 'P', label: `CSM pulse ${pulseLabel(p.value)}` });
  }
  for (const o of s.outcomes) {
    out.push({ day: o.day, kind: 'outcome', glyph: 'O', label: `Outcome: ${o.outcome}` });
  }
  for (const o of s.overrides) {
    out.push({ day: o.day, kind: 'override', glyph: 'B', label: `Band set to ${o.band}` });
  }
  const byAge = [...s.models].sort((a, b) => a.createdAt - b.createdAt);
  for (const m of byAge.slice(1)) {
    out.push({
      day: dateToDay(new Date(m.createdAt)),
      kind: 'model',
      glyph: 'M',
      label: `Model changed to ${m.name} v${m.version}`,
    });
  }
  return out.filter((m) => m.day >= fromDay && m.day <= toDay).sort((a, b) => a.day - b.day);
}

/** "4 of 5" style label of a pulse value, with its band where it has one. */
export function pulseLabel(value: number): string {
  const band = value <= 1 ? ' (red)' : value === 3 ? ' (amber)' : value >= 5 ? ' (green)' : '';
  return `${value} of 5${band}`;
}

const ACRONYMS = new Set(['nps', 'csat', 'qbr', 'arr', 'mrr', 'api', 'sla', 'csm']);

/** A metric name for people: "champion_replies" → "Champion replies", "nps" → "NPS". */
export function metricLabel(metric: string): string {
  const words = metric
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase()));
  if (words.length === 0) return metric;
  const first = words[0];
  words[0] = first === first.toUpperCase() ? first : first[0].toUpperCase() + first.slice(1);
  return words.join(' ');
}

/** A signal value for people ("1,204", "4.5"). */
export function formatSignal(value: number | null): string {
  return formatNumber(value, 1);
}

/** One signal's points in range and what they say. */
export interface SignalSummary {
  metric: string;
  label: string;
  days: number[];
  values: number[];
  latest: number | null;
  latestDay: number | null;
  /** Latest minus the first value in range (null with fewer than two points). */
  change: number | null;
  /** change relative to the first value (null when that is 0 or unknown). */
  changeShare: number | null;
  /** What the values say, without the label ("latest 42 on Mar 4, 2026, down 3 (7%) since …"). */
  detail: string;
  /** One sentence for people and screen readers: label and detail. */
  text: string;
}

/** Summarises a series from `fromDay` on. */
export function signalSummary(series: SignalSeries, fromDay: number): SignalSummary {
  const days: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < series.days.length; i++) {
    if (series.days[i] < fromDay || !Number.isFinite(series.values[i])) continue;
    days.push(series.days[i]);
    values.push(series.values[i]);
  }
  const n = values.length;
  const latest = n > 0 ? values[n - 1] : null;
  const latestDay = n > 0 ? days[n - 1] : null;
  const change = n > 1 ? values[n - 1] - values[0] : null;
  const changeShare = change !== null && values[0] !== 0 ? change / Math.abs(values[0]) : null;
  const label = metricLabel(series.metric);
  let detail: string;
  if (latest === null) detail = 'no data in this range.';
  else {
    detail = `latest ${formatSignal(latest)} on ${formatDay(latestDay)}`;
    if (change !== null) {
      const dir = change > 0 ? 'up' : change < 0 ? 'down' : 'unchanged';
      const by = change === 0 ? '' : ` ${formatSignal(Math.abs(change))}`;
      const share =
        changeShare !== null && change !== 0 ? ` (${formatShare(Math.abs(changeShare))})` : '';
      detail += `, ${dir}${by}${share} since ${formatDay(days[0])}`;
    }
    detail += '.';
  }
  const text = `${label}: ${detail}`;
  return {
    metric: series.metric,
    label,
    days,
    values,
    latest,
    latestDay,
    change,
    changeShare,
    detail,
    text,
  };
}

/** A sentence describing a history line (the chart's text alternative). */
export function historySummary(line: HistoryLine | undefined): string {
  if (!line || line.days.length === 0) return 'No score history in this range.';
  const n = line.days.length;
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < n; i++) {
    if (line.scores[i] < line.scores[lo]) lo = i;
    if (line.scores[i] > line.scores[hi]) hi = i;
  }
  const at = (i: number) => `${line.scores[i]} (${line.bands[i]}) on ${formatDay(line.days[i])}`;
  if (n === 1) return `One score: ${at(0)}.`;
  return `From ${at(0)} to ${at(n - 1)}; lowest ${at(lo)}, highest ${at(hi)}.`;
}
