// Scoring functions: a measure's raw value → a 0–100 measure score (NaN = no data).
import type { ScoringFunction } from '../model/schema';

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/** Scores a numeric or text value; percentile functions are scored elsewhere (they need the book). */
export function scoreValue(fn: ScoringFunction, value: number, text: string | null): number {
  switch (fn.type) {
    case 'linear': {
      if (Number.isNaN(value)) return NaN;
      const t = (value - fn.red) / (fn.green - fn.red);
      return t <= 0 ? 0 : t >= 1 ? 100 : t * 100;
    }
    case 'target': {
      if (Number.isNaN(value)) return NaN;
      if (value >= fn.low && value <= fn.high) return 100;
      const off = value < fn.low ? fn.low - value : value - fn.high;
      return fn.falloff > 0 ? Math.max(0, 1 - off / fn.falloff) * 100 : 0;
    }
    case 'tiers': {
      if (Number.isNaN(value)) return NaN;
      let pts = fn.base;
      for (const step of fn.steps) if (value >= step.atLeast) pts = step.points;
      return pts;
    }
    case 'categorical': {
      const key = text ?? (Number.isNaN(value) ? null : String(value));
      if (key === null) return NaN;
      const lower = key.toLowerCase();
      for (const [k, pts] of Object.entries(fn.points)) if (k.toLowerCase() === lower) return pts;
      return fn.otherwise;
    }
    case 'boolean': {
      let truth: boolean | null = null;
      if (text !== null) {
        const t = text.trim().toLowerCase();
        truth = TRUE_WORDS.has(t) ? true : FALSE_WORDS.has(t) ? false : null;
      } else if (!Number.isNaN(value)) truth = value !== 0;
      return truth === null ? NaN : truth ? fn.whenTrue : fn.whenFalse;
    }
    case 'percentile':
      throw new Error('percentile scoring needs the book distribution (see percentileScore)');
  }
}

/** Mid-rank percentile (0–100) of `value` within the sorted finite `sorted`; 50 for a book of one. */
export function percentileScore(
  sorted: Float64Array,
  value: number,
  higherIsBetter: boolean,
): number {
  const n = sorted.length;
  if (Number.isNaN(value) || n === 0) return NaN;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  const below = lo;
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  const equal = lo - below;
  const rank = below + Math.max(0, equal - 1) / 2;
  const p = n === 1 ? 50 : Math.min(100, (rank / (n - 1)) * 100);
  return higherIsBetter ? p : 100 - p;
}
