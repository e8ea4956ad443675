import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatPoints, mergePoints, normalizePoints, revertPoints } from './series-merge';

const pts = (days: number[], values: number[]) => ({
  days: Int32Array.from(days),
  values: Float64Array.from(values),
});

describe('normalizePoints', () => {
  it('returns ascending input unchanged', () => {
    const p = pts([1, 2, 5], [1, 2, 3]);
    const n = normalizePoints(p.days, p.values, 'last');
    expect(n.days).toBe(p.days);
    expect(n.values).toBe(p.values);
  });

  it('sorts and keeps the last duplicate in input order', () => {
    const p = pts([5, 1, 5, 3, 1], [10, 20, 30, 40, 50]);
    expect(normalizePoints(p.days, p.values, 'last')).toEqual(pts([1, 3, 5], [50, 40, 30]));
  });

  it('sums duplicates', () => {
    const p = pts([5, 1, 5, 3, 1], [10, 20, 30, 40, 50]);
    expect(normalizePoints(p.days, p.values, 'sum')).toEqual(pts([1, 3, 5], [70, 40, 40]));
  });

  it('rejects mismatched lengths', () => {
    expect(() => normalizePoints(Int32Array.of(1), new Float64Array(0), 'last')).toThrow(
      RangeError,
    );
  });
});

describe('mergePoints', () => {
  it('adds, replaces and keeps points, recording what changed', () => {
    const r = mergePoints(pts([1, 3, 5], [10, 30, 50]), pts([2, 3, 5], [20, 33, 50]));
    expect(r.days).toEqual(Int32Array.from([1, 2, 3, 5]));
    expect(r.values).toEqual(Float64Array.from([10, 20, 33, 50]));
    expect(r.changedDays).toEqual(Int32Array.from([2, 3]));
    expect(r.existed).toEqual(Uint8Array.from([0, 1]));
    expect(r.previous[1]).toBe(30);
    expect([r.added, r.changed, r.unchanged]).toEqual([1, 1, 1]);
  });

  it('creates a series from nothing', () => {
    const r = mergePoints(undefined, pts([4, 8], [1, 2]));
    expect(r.days).toEqual(Int32Array.from([4, 8]));
    expect(r.added).toBe(2);
  });

  it('treats NaN as equal to NaN', () => {
    const r = mergePoints(pts([1], [NaN]), pts([1], [NaN]));
    expect(r.changedDays.length).toBe(0);
  });

  const arbPoints = fc
    .uniqueArray(fc.integer({ min: -50, max: 50 }), { maxLength: 30 })
    .chain((days) =>
      fc
        .array(fc.integer({ min: -5, max: 5 }), { minLength: days.length, maxLength: days.length })
        .map((values) => {
          const order = days.map((d, i) => [d, values[i]]).sort((a, b) => a[0] - b[0]);
          return pts(
            order.map((o) => o[0]),
            order.map((o) => o[1]),
          );
        }),
    );

  it('is idempotent: merging the same points again changes nothing', () => {
    fc.assert(
      fc.property(arbPoints, arbPoints, (stored, incoming) => {
        const once = mergePoints(stored, incoming);
        const twice = mergePoints(once, incoming);
        expect(twice.changedDays.length).toBe(0);
        expect(twice.days).toEqual(once.days);
        expect(twice.values).toEqual(once.values);
      }),
    );
  });

  it('revertPoints undoes a merge exactly', () => {
    fc.assert(
      fc.property(arbPoints, arbPoints, (stored, incoming) => {
        const merged = mergePoints(stored, incoming);
        const back = revertPoints(merged, merged.changedDays, merged.previous, merged.existed);
        expect(back.days).toEqual(stored.days);
        expect(back.values).toEqual(stored.values);
      }),
    );
  });
});

describe('concatPoints', () => {
  it('joins parts in order', () => {
    expect(concatPoints([pts([1], [1]), pts([0, 2], [5, 6])])).toEqual(pts([1, 0, 2], [1, 5, 6]));
  });
});
