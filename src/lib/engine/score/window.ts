// Window arithmetic over one columnar series. Windows are (from, to]: they end on `to` (asOf)
// inclusive and start the day after `from`, so a 28-day window ending Monday holds 4 Mondays.
import type { Aggregate } from '../model/schema';

/** First index whose day is > `day` (days ascending). */
export function upperBound(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sum of values in index range [start, end). */
export function rangeSum(values: Float64Array, start: number, end: number): number {
  let s = 0;
  for (let i = start; i < end; i++) s += values[i];
  return s;
}

/**
 * Aggregates values in index range [start, end). `sum` and `count` of an empty range are 0
 * (no rows in an event series means no events); other aggregates are NaN (missing).
 */
export function aggregateRange(
  values: Float64Array,
  start: number,
  end: number,
  agg: Aggregate,
): number {
  if (agg === 'count') return end - start;
  if (end <= start) return agg === 'sum' ? 0 : NaN;
  switch (agg) {
    case 'latest':
      return values[end - 1];
    case 'sum':
      return rangeSum(values, start, end);
    case 'mean':
      return rangeSum(values, start, end) / (end - start);
    case 'min': {
      let m = Infinity;
      for (let i = start; i < end; i++) if (values[i] < m) m = values[i];
      return m;
    }
    case 'max': {
      let m = -Infinity;
      for (let i = start; i < end; i++) if (values[i] > m) m = values[i];
      return m;
    }
  }
}

/** Least-squares slope of values against day over index range [start, end), per day; NaN below 2 points. */
export function slopeRange(
  days: Int32Array,
  values: Float64Array,
  start: number,
  end: number,
): number {
  const n = end - start;
  if (n < 2) return NaN;
  const x0 = days[start];
  let sx = 0;
  let sy = 0;
  for (let i = start; i < end; i++) {
    sx += days[i] - x0;
    sy += values[i];
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = start; i < end; i++) {
    const dx = days[i] - x0 - mx;
    sxy += dx * (values[i] - my);
    sxx += dx * dx;
  }
  return sxx === 0 ? NaN : sxy / sxx;
}
