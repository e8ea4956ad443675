// Pure helpers of the changes page and the digest: the period and threshold in the address
// (so the portfolio's tile, a bookmark and the digest link open the same view), and words.
import { isoToDay, dayToIso } from '../engine/dates';
import {
  DEFAULT_MIN_POINTS,
  DIGEST_EMPTY,
  digestHtml,
  digestMarkdown,
  digestTables,
  PERIOD_PRESETS,
  type Digest,
  type PeriodChoice,
} from '../engine/changes';

/** What the address asks for. */
export interface ChangesQuery {
  period: PeriodChoice;
  minPoints: number;
}

/** The default: the last 7 days, moves of 10 points or more. */
export const DEFAULT_QUERY: ChangesQuery = {
  period: { kind: 'last', days: PERIOD_PRESETS[0] },
  minPoints: DEFAULT_MIN_POINTS,
};

/**
 * Reads `?days=30&min=5` or `?from=2026-10-01&to=2026-11-01&min=5`. Anything unreadable falls
 * back to the default of that part (a bad link still opens the page).
 */
export function parseChangesQuery(params: URLSearchParams): ChangesQuery {
  const min = Number(params.get('min'));
  const minPoints =
    params.get('min') !== null && Number.isFinite(min) && min >= 0 && min <= 100
      ? Math.round(min)
      : DEFAULT_MIN_POINTS;
  const from = isoToDay(params.get('from') ?? '');
  const to = isoToDay(params.get('to') ?? '');
  if (from !== null && to !== null) return { period: { kind: 'custom', from, to }, minPoints };
  const days = Number(params.get('days'));
  if (Number.isInteger(days) && days >= 1 && days <= 3660)
    return { period: { kind: 'last', days }, minPoints };
  return { period: DEFAULT_QUERY.period, minPoints };
}

/** The query as address parameters (default parts included, so links are explicit). */
export function changesSearch(q: ChangesQuery): string {
  const p = new URLSearchParams();
  if (q.period.kind === 'last') p.set('days', String(q.period.days));
  else {
    p.set('from', dayToIso(q.period.from));
    p.set('to', dayToIso(q.period.to));
  }
  p.set('min', String(q.minPoints));
  return `?${p.toString()}`;
}

/** Same query? (to skip reloading the same view) */
export function sameQuery(a: ChangesQuery, b: ChangesQuery): boolean {
  return changesSearch(a) === changesSearch(b);
}

/** The digest's file name for a day: "canary-digest-2026-11-23.md". */
export function digestFileName(day: number, kind: 'html' | 'md'): string {
  return `canary-digest-${dayToIso(day)}.${kind}`;
}

/** The digest as a file to download: self-contained HTML, or Markdown. */
export function digestFile(
  d: Digest,
  kind: 'html' | 'md',
): { name: string; mimeType: string; text: string } {
  return kind === 'html'
    ? { name: digestFileName(d.today, 'html'), mimeType: 'text/html', text: digestHtml(d) }
    : { name: digestFileName(d.today, 'md'), mimeType: 'text/markdown', text: digestMarkdown(d) };
}

/** The digest's sections as rows of text (what the page, the HTML and the Markdown show). */
export function digestSections(d: Digest) {
  return digestTables(d).map((t) => ({ ...t, empty: DIGEST_EMPTY[t.id] }));
}

/** A day as the value of a date input, and back (null for an empty or invalid date). */
export const dateInputValue = (day: number): string => dayToIso(day);
export const dayOfDateInput = (value: string): number | null => isoToDay(value);
