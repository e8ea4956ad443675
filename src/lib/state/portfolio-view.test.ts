import { describe, expect, it } from 'vitest';
import type { PortfolioRow } from './portfolio-row';
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
  it('lists distinct filter values', () => {
    expect(distinctValues(rows, (r) => r.owner)).toEqual(['Ana', 'Ben']);
  });
});
