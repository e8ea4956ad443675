// Checks of the columnar invariants every stored series and score history must keep.
import { InvalidSeriesError } from './errors';

/** Throws InvalidSeriesError unless `days` is strictly ascending and as long as `values`. */
export function assertSeriesShape(
  label: string,
  days: Int32Array,
  values: ArrayLike<number>,
): void {
  if (!(days instanceof Int32Array)) {
    throw new InvalidSeriesError(`${label}: days must be an Int32Array`);
  }
  if (days.length !== values.length) {
    throw new InvalidSeriesError(`${label}: ${days.length} days but ${values.length} values`);
  }
  for (let i = 1; i < days.length; i++) {
    if (days[i] <= days[i - 1]) {
      throw new InvalidSeriesError(`${label}: days not strictly ascending at index ${i}`);
    }
  }
}

/**
 * The same typed array, copied only when it is a view on a larger buffer: IndexedDB clones the
 * whole underlying buffer, so a small view on a big one would store the big one.
 */
export function compact<T extends Int32Array | Float64Array | Float32Array | Uint8Array>(a: T): T {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : (a.slice() as T);
}
