// Small statistics shared by the metrics: Wilson intervals, numpy-style percentiles and
// index orderings. Plain arrays in, numbers out.

/** z for a two-sided 95% interval (scipy.stats.norm.ppf(0.975)). */
export const Z95 = 1.959963984540054;

/** A proportion with its Wilson score interval. */
export interface RateInterval {
  rate: number;
  ciLow: number;
  ciHigh: number;
}

/** Wilson score interval for `successes` out of `n` (NaN everywhere when n is 0). */
export function wilsonInterval(successes: number, n: number, z = Z95): RateInterval {
  if (n <= 0) return { rate: NaN, ciLow: NaN, ciHigh: NaN };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { rate: p, ciLow: Math.max(0, center - half), ciHigh: Math.min(1, center + half) };
}

/** Percentile (0–100) with numpy's default linear interpolation; `sorted` must be ascending. */
export function percentileSorted(sorted: ArrayLike<number>, pct: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = ((n - 1) * pct) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Ascending copy of the finite values of `values`. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) count++;
  const out = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[j++] = values[i];
  return out.sort();
}

/** Indices of `values` ordered by descending value (ties by ascending index, so stable). */
export function descendingOrder(values: ArrayLike<number>): Uint32Array {
  const idx = new Uint32Array(values.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => values[b] - values[a] || a - b);
}

/** Weight of observation i: 1 without weights. */
export function weightAt(weights: ArrayLike<number> | undefined, i: number): number {
  return weights === undefined ? 1 : weights[i];
}

/** Throws when parallel arrays differ in length (a programming error, not bad user input). */
export function assertSameLength(...arrays: (ArrayLike<number> | undefined)[]): void {
  const n = arrays[0]?.length ?? 0;
  for (const a of arrays) {
    if (a !== undefined && a.length !== n) {
      throw new Error(`parallel arrays differ in length (${a.length} vs ${n})`);
    }
  }
}

/** How many of the given rows churned (labels y: 1 = churned). */
export function churnsIn(rows: Uint32Array, y: ArrayLike<number>): number {
  let churns = 0;
  for (const r of rows) churns += y[r];
  return churns;
}
