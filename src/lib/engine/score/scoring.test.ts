import type { ScoringFunction } from '../model/schema';
import { describe, expect, it } from 'vitest';
import { bestValueOf } from './account';
import { percentileScore, scoreValue } from './scoring';
import { aggregateRange, slopeRange, upperBound } from './window';

describe('scoring functions', () => {
  it('linear runs from red (0) to green (100) in either direction, clamped', () => {
    const up = { type: 'linear', red: 0.3, green: 0.8 } as const;
    expect(scoreValue(up, 0.55, null)).toBeCloseTo(50, 12);
    expect(scoreValue(up, 0.1, null)).toBe(0);
    expect(scoreValue(up, 0.9, null)).toBe(100);
    const down = { type: 'linear', red: 30, green: 7 } as const;
    expect(scoreValue(down, 7, null)).toBe(100);
    expect(scoreValue(down, 18.5, null)).toBeCloseTo(50, 12);
    expect(scoreValue(down, 45, null)).toBe(0);
    expect(scoreValue(down, NaN, null)).toBeNaN();
  });

  it('target band scores 100 inside and falls off linearly outside', () => {
    const fn = { type: 'target', low: 10, high: 20, falloff: 5 } as const;
    expect(scoreValue(fn, 15, null)).toBe(100);
    expect(scoreValue(fn, 8, null)).toBeCloseTo(60, 12);
    expect(scoreValue(fn, 22.5, null)).toBeCloseTo(50, 12);
    expect(scoreValue(fn, 40, null)).toBe(0);
    expect(scoreValue({ ...fn, falloff: 0 }, 21, null)).toBe(0);
  });

  it('step tiers take the points of the highest step reached', () => {
    const fn = {
      type: 'tiers',
      base: 0,
      steps: [
        { atLeast: 1, points: 40 },
        { atLeast: 5, points: 80 },
        { atLeast: 10, points: 100 },
      ],
    } satisfies ScoringFunction;
    expect([0, 1, 4.9, 5, 12].map((v) => scoreValue(fn, v, null))).toEqual([0, 40, 40, 80, 100]);
  });

  it('categorical points match text case-insensitively, numbers by their text', () => {
    const fn = {
      type: 'categorical',
      points: { Enterprise: 80, SMB: 40, '3': 70 },
      otherwise: 50,
    } as const;
    expect(scoreValue(fn, NaN, 'enterprise')).toBe(80);
    expect(scoreValue(fn, NaN, 'Startup')).toBe(50);
    expect(scoreValue(fn, 3, null)).toBe(70);
    expect(scoreValue(fn, NaN, null)).toBeNaN();
  });

  it('boolean reads numbers and yes/no words; anything else is missing', () => {
    const fn = { type: 'boolean', whenTrue: 100, whenFalse: 20 } as const;
    expect(scoreValue(fn, 1, null)).toBe(100);
    expect(scoreValue(fn, 0, null)).toBe(20);
    expect(scoreValue(fn, NaN, 'Yes')).toBe(100);
    expect(scoreValue(fn, NaN, 'false')).toBe(20);
    expect(scoreValue(fn, NaN, 'maybe')).toBeNaN();
  });

  it('percentile ranks within the book with mid-ranks for ties', () => {
    const sorted = Float64Array.from([1, 2, 2, 3, 5]);
    expect(percentileScore(sorted, 1, true)).toBe(0);
    expect(percentileScore(sorted, 5, true)).toBe(100);
    expect(percentileScore(sorted, 2, true)).toBe(37.5);
    expect(percentileScore(sorted, 2, false)).toBe(62.5);
    expect(percentileScore(Float64Array.from([7]), 7, true)).toBe(50);
    expect(percentileScore(sorted, NaN, true)).toBeNaN();
    expect(() => scoreValue({ type: 'percentile', higherIsBetter: true }, 1, null)).toThrow();
  });
});

describe('bestValueOf', () => {
  it('names the value at which each scoring function reaches its best', () => {
    expect(bestValueOf({ type: 'linear', red: 30, green: 7 }, 21)).toBe(7);
    const target = { type: 'target', low: 10, high: 20, falloff: 5 } as const;
    expect(bestValueOf(target, 4)).toBe(10);
    expect(bestValueOf(target, 25)).toBe(20);
    const tiers = {
      type: 'tiers',
      base: 10,
      steps: [
        { atLeast: 1, points: 100 },
        { atLeast: 5, points: 60 },
      ],
    } satisfies ScoringFunction;
    expect(bestValueOf(tiers, 7)).toBe(1);
    expect(bestValueOf({ type: 'boolean', whenTrue: 100, whenFalse: 0 }, 0)).toBeNull();
  });
});

describe('window arithmetic', () => {
  const days = Int32Array.from([0, 7, 14, 21, 28]);
  const values = Float64Array.from([4, 0, 6, 2, 8]);

  it('finds window bounds by binary search', () => {
    expect([-1, 0, 6, 7, 28, 99].map((d) => upperBound(days, d))).toEqual([0, 1, 1, 2, 5, 5]);
  });

  it('aggregates latest, mean, sum, min, max and count; empty windows', () => {
    expect(aggregateRange(values, 1, 4, 'latest')).toBe(2);
    expect(aggregateRange(values, 1, 4, 'mean')).toBeCloseTo(8 / 3, 12);
    expect(aggregateRange(values, 1, 4, 'sum')).toBe(8);
    expect(aggregateRange(values, 1, 4, 'min')).toBe(0);
    expect(aggregateRange(values, 1, 4, 'max')).toBe(6);
    expect(aggregateRange(values, 1, 4, 'count')).toBe(3);
    expect(aggregateRange(values, 2, 2, 'sum')).toBe(0);
    expect(aggregateRange(values, 2, 2, 'count')).toBe(0);
    expect(aggregateRange(values, 2, 2, 'mean')).toBeNaN();
  });

  it('fits a least-squares slope per day', () => {
    const line = Float64Array.from([1, 2, 3, 4, 5]);
    expect(slopeRange(days, line, 0, 5)).toBeCloseTo(1 / 7, 12);
    expect(slopeRange(days, line, 0, 1)).toBeNaN();
  });
});
