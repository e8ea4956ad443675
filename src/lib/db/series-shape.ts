// Checks of the columnar invariants every stored series and score history must keep.
import { InvalidSeriesError } from './errors';

/**
 * Why `days` and `values` do not make a stored series (days not strictly ascending, lengths
 * differ), or null when they do.
 */
export function seriesShapeProblem(days: Int32Array, values: ArrayLike<number>): string | null {
  if (!(days instanceof Int32Array)) return 'days must be an Int32Array';
  if (days.length !== values.length) return `${days.length} days but ${values.length} values`;
  for (let i = 1; i < days.length; i++) {
    if (days[i] <= days[i - 1]) return `days not strictly ascending at index ${i}`;
  }
  return null;
}

/** Throws InvalidSeriesError unless `days` is strictly ascending and as long as `values`. */
export function assertSeriesShape(
  label: string,
  days: Int32Array,
  values: ArrayLike<number>,
): void {
  const problem = seriesShapeProblem(days, values);
  if (problem !== null) throw new InvalidSeriesError(`${label}: ${problem}`);
}

/**
 * The same typed array, copied only when it is a view on a larger buffer: IndexedDB clones the
 * whole underlying buffer, so a small view on a big one would store the big one.
 */
export function compact<T extends Int32Array | Float64Array | Float32Array | Uint8Array>(a: T): T {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : (a.slice() as T);
}
