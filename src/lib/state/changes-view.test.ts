import { describe, expect, it } from 'vitest';
import { isoToDay } from '../engine/dates';
import { changesSearch, DEFAULT_QUERY, digestFileName, parseChangesQuery } from './changes-view';

const q = (s: string) => parseChangesQuery(new URLSearchParams(s));

describe('changes query', () => {
  it('reads presets, custom dates and the threshold, and falls back on nonsense', () => {
    expect(q('')).toEqual(DEFAULT_QUERY);
    expect(q('days=30&min=5')).toEqual({ period: { kind: 'last', days: 30 }, minPoints: 5 });
    expect(q('from=2026-10-01&to=2026-11-01')).toEqual({
      period: { kind: 'custom', from: isoToDay('2026-10-01'), to: isoToDay('2026-11-01') },
      minPoints: 10,
    });
    expect(q('days=-3&min=abc')).toEqual(DEFAULT_QUERY);
    expect(q('from=2026-02-30&to=2026-03-01&days=90').period).toEqual({ kind: 'last', days: 90 });
  });

  it('writes what it reads', () => {
    for (const s of ['?days=90&min=0', '?from=2026-10-01&to=2026-11-01&min=15']) {
      expect(changesSearch(q(s.slice(1)))).toBe(s);
    }
    expect(digestFileName(isoToDay('2026-11-23')!, 'md')).toBe('canary-digest-2026-11-23.md');
  });
});
