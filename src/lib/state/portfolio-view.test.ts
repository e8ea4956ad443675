import { describe, expect, it } from 'vitest';
import { HEALTH_GROUPS, type PortfolioRow } from './portfolio-row';
import { applyView, DEFAULT_VIEW, distinctValues, summarise } from './portfolio-view';

function row(id: string, over: Partial<PortfolioRow> = {}): PortfolioRow {
  return {
    id,
    name: `Account ${id}`,
    owner: 'Ana',
    segment: 'SMB',
    arr: 10_000,
    score: 50,
    band: 'amber',
    group: over.band === undefined ? 'amber' : (over.band ?? 'unscored'),
    lastDataDay: null,
    archivedDay: null,
    overridden: false,
    trendChange: 0,
    trendDirection: 'flat',
    trendWindowDays: 30,
    coverage: 1,
    explanation: '',
    renewalDay: null,
    daysToRenewal: 100,
    stage: 'Mature',
    patterns: [],
    priority: 10,
    rank: 1,
    priorityReason: '',
    spark: [],
    bandLastWeek: 'amber',
    tasksToDo: 0,
    tasksDue: 0,
    ...over,
  };
}

const rows = [
  row('a', {
    name: 'Zürich Labs',
    band: 'red',
    score: 20,
    rank: 1,
    arr: 5_000,
    daysToRenewal: 20,
    patterns: ['Silent champion before renewal'],
    bandLastWeek: 'amber',
  }),
  row('b', {
    name: 'Acme',
    band: 'green',
    score: 90,
    rank: 3,
    arr: 90_000,
    owner: 'Ben',
    bandLastWeek: 'green',
    segment: 'Enterprise',
  }),
  row('c', {
    name: 'Beta Co',
    band: 'amber',
    score: 55,
    rank: 2,
    arr: null,
    daysToRenewal: 300,
    bandLastWeek: 'red',
  }),
];

describe('applyView', () => {
  it('orders by priority rank by default', () => {
    expect(applyView(rows, DEFAULT_VIEW).map((r) => r.id)).toEqual(['a', 'c', 'b']);
  });
  it('searches names accent-insensitively', () => {
    expect(applyView(rows, { ...DEFAULT_VIEW, search: 'zurich' }).map((r) => r.id)).toEqual(['a']);
  });
  it('filters by band, owner, segment, renewal window and pattern', () => {
    expect(
      applyView(rows, { ...DEFAULT_VIEW, bands: ['green', 'amber'] }).map((r) => r.id),
    ).toEqual(['c', 'b']);
    expect(applyView(rows, { ...DEFAULT_VIEW, owner: 'Ben' }).map((r) => r.id)).toEqual(['b']);
    expect(applyView(rows, { ...DEFAULT_VIEW, segment: 'SMB' }).map((r) => r.id)).toEqual([
      'a',
      'c',
    ]);
    expect(applyView(rows, { ...DEFAULT_VIEW, renewalWithinDays: 30 }).map((r) => r.id)).toEqual([
      'a',
    ]);
    expect(
      applyView(rows, { ...DEFAULT_VIEW, pattern: 'Silent champion before renewal' }).map(
        (r) => r.id,
      ),
    ).toEqual(['a']);
  });
  it('sorts by any column, unknowns last', () => {
    expect(applyView(rows, { ...DEFAULT_VIEW, sort: 'arr' }).map((r) => r.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(
      applyView(rows, { ...DEFAULT_VIEW, sort: 'score', descending: true }).map((r) => r.id),
    ).toEqual(['b', 'c', 'a']);
    expect(applyView(rows, { ...DEFAULT_VIEW, sort: 'name' }).map((r) => r.id)).toEqual([
      'b',
      'c',
      'a',
    ]);
  });
});

// A book with every group: live accounts per band, stale and not scored, and archived ones.
const mixed = [
  ...rows,
  row('s1', { band: null, score: null, group: 'stale', lastDataDay: 19_000, arr: 7_000 }),
  row('s2', { band: null, score: null, group: 'stale', lastDataDay: 19_100, arr: null }),
  row('u1', { band: null, score: null, group: 'unscored', arr: 3_000 }),
  row('g2', { band: 'green', score: 80, arr: 1_000, bandLastWeek: 'green' }),
  // Archived: a churned account whose last score was green, and a stale one.
  row('x1', { band: 'green', score: 75, arr: 40_000, archivedDay: 20_000 }),
  row('x2', { band: null, score: null, group: 'stale', arr: 2_000, archivedDay: 19_500 }),
];

describe('groups and the archive', () => {
  it('filters stale and not-scored accounts as groups of their own', () => {
    const ids = (bands: PortfolioRow['group'][]) =>
      applyView(mixed, { ...DEFAULT_VIEW, bands, sort: 'name' }).map((r) => r.id);
    expect(ids(['stale'])).toEqual(['s1', 's2']);
    expect(ids(['unscored'])).toEqual(['u1']);
    expect(ids(['green', 'stale'])).toEqual(['g2', 's1', 's2', 'b']);
  });

  it('leaves archived accounts out of the live list and shows only them under Archived', () => {
    expect(applyView(mixed, DEFAULT_VIEW).map((r) => r.id)).not.toContain('x1');
    expect(
      applyView(mixed, { ...DEFAULT_VIEW, archived: true, sort: 'name' }).map((r) => r.id),
    ).toEqual(['x1', 'x2']);
    expect(summarise(mixed).archived).toEqual({ accounts: 2, arr: 42_000 });
  });

  it('counts in each tile exactly the rows its filter shows, accounts and ARR', () => {
    const s = summarise(mixed);
    for (const g of HEALTH_GROUPS) {
      const shown = applyView(mixed, { ...DEFAULT_VIEW, bands: [g] });
      expect(s.bands[g].accounts, g).toBe(shown.length);
      expect(s.bands[g].arr, g).toBe(shown.reduce((n, r) => n + (r.arr ?? 0), 0));
      // Every row shown under a tile carries that tile's group (its label says the same).
      expect(shown.every((r) => r.group === g)).toBe(true);
    }
    const live = applyView(mixed, DEFAULT_VIEW).length;
    const tiles = HEALTH_GROUPS.reduce((n, g) => n + s.bands[g].accounts, 0);
    expect(tiles).toBe(live);
    expect(s.archived.accounts).toBe(applyView(mixed, { ...DEFAULT_VIEW, archived: true }).length);
    expect(live + s.archived.accounts).toBe(mixed.length);
  });
});

describe('summarise', () => {
  it('counts accounts and ARR per band and moves since last week', () => {
    const s = summarise(rows);
    expect(s.bands.red).toEqual({ accounts: 1, arr: 5_000 });
    expect(s.bands.green).toEqual({ accounts: 1, arr: 90_000 });
    expect(s.bands.amber).toEqual({ accounts: 1, arr: 0 });
    expect(s.movedDown).toBe(1);
    expect(s.movedUp).toBe(1);
    expect(s.newlyRed).toEqual(['Zürich Labs']);
  });
  it('knows the ARR only when some account has one (a file without ARR shows no "$0 ARR")', () => {
    expect(summarise(rows).arrKnown).toBe(true);
    expect(summarise(rows.map((r) => ({ ...r, arr: null }))).arrKnown).toBe(false);
  });
  it('lists distinct filter values', () => {
    expect(distinctValues(rows, (r) => r.owner)).toEqual(['Ana', 'Ben']);
  });
});
