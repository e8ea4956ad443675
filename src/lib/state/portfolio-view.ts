// Filtering, searching and sorting the portfolio (pure, so it is tested in Node), and the
// summary figures shown in the tiles.
import type { Band } from '$lib/engine/types';
import { HEALTH_GROUPS, type HealthGroup, type PortfolioRow } from './portfolio-row';
import { compareText } from '../collate';

/** Sortable columns. */
export type SortKey = 'priority' | 'name' | 'arr' | 'score' | 'trend' | 'renewal' | 'coverage';

/** A saved or current view of the portfolio. */
export interface PortfolioView {
  search: string;
  /** Health groups to show (bands, stale, not scored); empty = all. */
  bands: HealthGroup[];
  /** Show the archived accounts (churned) instead of the live portfolio. */
  archived: boolean;
  segment: string;
  owner: string;
  stage: string;
  /** Only accounts renewing within this many days (null = any). */
  renewalWithinDays: number | null;
  pattern: string;
  sort: SortKey;
  descending: boolean;
}

/** The default view: everything, ordered by priority. */
export const DEFAULT_VIEW: PortfolioView = {
  search: '',
  bands: [],
  archived: false,
  segment: '',
  owner: '',
  stage: '',
  renewalWithinDays: null,
  pattern: '',
  sort: 'priority',
  descending: false,
};

const BAND_ORDER: Record<Band, number> = { red: 0, amber: 1, green: 2 };

function normalise(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function compare(a: PortfolioRow, b: PortfolioRow, key: SortKey): number {
  // Unknowns sort last in ascending order.
  const num = (x: number | null, y: number | null) =>
    x === null ? (y === null ? 0 : 1) : y === null ? -1 : x - y;
  switch (key) {
    case 'priority':
      return a.rank - b.rank;
    case 'name':
      return compareText(a.name, b.name);
    case 'arr':
      return num(a.arr, b.arr);
    case 'score':
      return num(a.score, b.score);
    case 'trend':
      return num(a.trendChange, b.trendChange);
    case 'renewal':
      return num(a.daysToRenewal, b.daysToRenewal);
    case 'coverage':
      return a.coverage - b.coverage;
  }
}

/** Applies a view's filters, search and sort; returns a new array. */
export function applyView(rows: readonly PortfolioRow[], view: PortfolioView): PortfolioRow[] {
  const search = view.search.trim();
  const q = search ? normalise(search) : '';
  const out = rows.filter((r) => {
    if ((r.archivedDay !== null) !== view.archived) return false;
    if (q && !normalise(r.name).includes(q) && !normalise(r.id).includes(q)) return false;
    if (view.bands.length > 0 && !view.bands.includes(r.group)) return false;
    if (view.segment && r.segment !== view.segment) return false;
    if (view.owner && r.owner !== view.owner) return false;
    if (view.stage && r.stage !== view.stage) return false;
    if (view.pattern && !r.patterns.includes(view.pattern)) return false;
    if (view.renewalWithinDays !== null) {
      if (
        r.daysToRenewal === null ||
        r.daysToRenewal < 0 ||
        r.daysToRenewal > view.renewalWithinDays
      )
        return false;
    }
    return true;
  });
  out.sort((a, b) => {
    const c = compare(a, b, view.sort);
    const primary = view.descending ? -c : c;
    return primary || a.rank - b.rank || compareText(a.id, b.id);
  });
  return out;
}

/** Distinct non-empty values of a row field, sorted, for filter menus. */
export function distinctValues(
  rows: readonly PortfolioRow[],
  pick: (r: PortfolioRow) => string | null,
): string[] {
  return [...new Set(rows.map(pick).filter((v): v is string => !!v))].sort((a, b) =>
    compareText(a, b),
  );
}

/** Accounts and ARR of a group. */
export interface GroupFigures {
  accounts: number;
  arr: number;
}

/**
 * Accounts and ARR per health group of the live portfolio (each row in its `group`, exactly as
 * the band filter picks it), the archived accounts, and band moves since last week.
 */
export interface PortfolioSummary {
  bands: Record<HealthGroup, GroupFigures>;
  archived: GroupFigures;
  movedDown: number;
  movedUp: number;
  newlyRed: string[];
  /** False when no account has an ARR (a file without one): the tiles then show no "$0 ARR". */
  arrKnown: boolean;
}

/** Summarises rows for the tiles: live rows by group; archived rows counted apart. */
export function summarise(rows: readonly PortfolioRow[]): PortfolioSummary {
  const bands = Object.fromEntries(
    HEALTH_GROUPS.map((g) => [g, { accounts: 0, arr: 0 }]),
  ) as PortfolioSummary['bands'];
  const archived: GroupFigures = { accounts: 0, arr: 0 };
  let movedDown = 0;
  let movedUp = 0;
  const newlyRed: string[] = [];
  for (const r of rows) {
    if (r.archivedDay !== null) {
      archived.accounts++;
      archived.arr += r.arr ?? 0;
      continue;
    }
    const b = bands[r.group];
    b.accounts++;
    b.arr += r.arr ?? 0;
    if (r.band && r.bandLastWeek && r.band !== r.bandLastWeek) {
      if (BAND_ORDER[r.band] < BAND_ORDER[r.bandLastWeek]) movedDown++;
      else movedUp++;
      if (r.band === 'red') newlyRed.push(r.name);
    }
  }
  const arrKnown = rows.some((r) => r.arr !== null);
  return { bands, archived, movedDown, movedUp, newlyRed, arrKnown };
}
