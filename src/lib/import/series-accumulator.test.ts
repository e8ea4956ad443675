import { describe, expect, it } from 'vitest';
import { SeriesAccumulator } from './series-accumulator';

function filled(points: [string, string, number, number][]): SeriesAccumulator {
  const acc = new SeriesAccumulator();
  points.forEach(([a, m, day, v], i) => acc.add(a, m, day, v, i + 2));
  return acc;
}

const plain = (s: {
  accountId: string;
  metric: string;
  days: Int32Array;
  values: Float64Array;
}) => [s.accountId, s.metric, [...s.days], [...s.values]];

describe('SeriesAccumulator', () => {
  const points: [string, string, number, number][] = [
    ['A', 'x', 10, 1],
    ['B', 'x', 5, 2],
    ['A', 'x', 3, 3],
    ['A', 'x', 10, 4],
    ['A', 'y', 1, 5],
    ['A', 'x', 10, 6],
  ];

  it('groups per account × metric in order of first appearance, days ascending', () => {
    const series = filled(points).finish(() => 'last');
    expect(series.map(plain)).toEqual([
      ['A', 'x', [3, 10], [3, 6]],
      ['B', 'x', [5], [2]],
      ['A', 'y', [1], [5]],
    ]);
    expect(series[0].days).toBeInstanceOf(Int32Array);
    expect(series[0].values).toBeInstanceOf(Float64Array);
  });

  it('collapses repeated days by sum, mean, max and min', () => {
    const pick = (how: 'sum' | 'mean' | 'max' | 'min') =>
      filled(points).finish(() => how)[0].values[1];
    expect(pick('sum')).toBe(11);
    expect(pick('mean')).toBeCloseTo(11 / 3, 12);
    expect(pick('max')).toBe(6);
    expect(pick('min')).toBe(1);
  });

  it('reports each repeat with the kept and the dropped row', () => {
    const reports: number[][] = [];
    filled(points).finish(
      () => 'last',
      (kept, dropped, _a, _m, day) => reports.push([kept, dropped, day]),
    );
    // Rows are 2-based here: row 2 (first A/x/10) lost to row 5, which lost to row 7.
    expect(reports).toEqual([
      [5, 2, 10],
      [7, 5, 10],
    ]);
  });

  it('grows past its initial capacity', () => {
    const acc = new SeriesAccumulator();
    for (let i = 0; i < 5000; i++) acc.add(`A${i % 7}`, 'm', i, i, i + 2);
    expect(acc.size).toBe(5000);
    const series = acc.finish(() => 'last');
    expect(series.reduce((n, s) => n + s.days.length, 0)).toBe(5000);
  });
});
