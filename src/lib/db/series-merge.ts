// Pure merging of columnar series: sort and collapse incoming points, then merge them into a
// stored series, recording exactly which days changed so an import can be undone.

/** How repeated days within incoming data collapse: the last one wins, or they are summed. */
export type DuplicatePolicy = 'last' | 'sum';

/** Day-ascending points with unique days. */
export interface Points {
  days: Int32Array;
  values: Float64Array;
}

/** The outcome of merging incoming points into a stored series. */
export interface SeriesMergeResult extends Points {
  /** Days added or changed, ascending, with the previous value and whether one existed. */
  changedDays: Int32Array;
  previous: Float64Array;
  existed: Uint8Array;
  added: number;
  changed: number;
  unchanged: number;
}

function sameValue(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

/**
 * Sorts points by day and collapses repeated days by `policy` ('last' keeps the later point in
 * input order). Returns the inputs themselves when they are already strictly ascending.
 */
export function normalizePoints(
  days: Int32Array,
  values: Float64Array,
  policy: DuplicatePolicy,
): Points {
  if (days.length !== values.length) {
    throw new RangeError(`${days.length} days but ${values.length} values`);
  }
  let ascending = true;
  for (let i = 1; i < days.length && ascending; i++) ascending = days[i] > days[i - 1];
  if (ascending) return { days, values };

  const order = new Uint32Array(days.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // Tie-break on input position so 'last' means last in input order.
  order.sort((a, b) => days[a] - days[b] || a - b);
  const outDays = new Int32Array(days.length);
  const outValues = new Float64Array(days.length);
  let n = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (n > 0 && outDays[n - 1] === days[i]) {
      outValues[n - 1] = policy === 'sum' ? outValues[n - 1] + values[i] : values[i];
    } else {
      outDays[n] = days[i];
      outValues[n] = values[i];
      n++;
    }
  }
  return { days: outDays.slice(0, n), values: outValues.slice(0, n) };
}

/** Concatenates several point sets (in order) before normalising. */
export function concatPoints(parts: readonly Points[]): Points {
  if (parts.length === 1) return parts[0];
  let total = 0;
  for (const p of parts) total += p.days.length;
  const days = new Int32Array(total);
  const values = new Float64Array(total);
  let at = 0;
  for (const p of parts) {
    days.set(p.days, at);
    values.set(p.values, at);
    at += p.days.length;
  }
  return { days, values };
}

/**
 * Merges normalised `incoming` points into `stored` (undefined = no series yet). An incoming
 * value replaces the stored value of the same day, so merging the same points twice changes
 * nothing the second time.
 */
export function mergePoints(stored: Points | undefined, incoming: Points): SeriesMergeResult {
  const sd = stored?.days ?? new Int32Array(0);
  const sv = stored?.values ?? new Float64Array(0);
  const id = incoming.days;
  const iv = incoming.values;
  const days = new Int32Array(sd.length + id.length);
  const values = new Float64Array(sd.length + id.length);
  const changedDays = new Int32Array(id.length);
  const previous = new Float64Array(id.length);
  const existed = new Uint8Array(id.length);
  let s = 0;
  let i = 0;
  let n = 0;
  let c = 0;
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  while (s < sd.length || i < id.length) {
    if (i >= id.length || (s < sd.length && sd[s] < id[i])) {
      days[n] = sd[s];
      values[n++] = sv[s++];
    } else if (s >= sd.length || id[i] < sd[s]) {
      days[n] = id[i];
      values[n++] = iv[i];
      changedDays[c] = id[i];
      existed[c++] = 0;
      added++;
      i++;
    } else {
      days[n] = id[i];
      values[n++] = iv[i];
      if (sameValue(sv[s], iv[i])) {
        unchanged++;
      } else {
        changedDays[c] = id[i];
        previous[c] = sv[s];
        existed[c++] = 1;
        changed++;
      }
      s++;
      i++;
    }
  }
  return {
    days: n === days.length ? days : days.slice(0, n),
    values: n === values.length ? values : values.slice(0, n),
    changedDays: changedDays.slice(0, c),
    previous: previous.slice(0, c),
    existed: existed.slice(0, c),
    added,
    changed,
    unchanged,
  };
}

/**
 * Reverts a merge: removes days the merge added and restores values it changed. `stored` is
 * the series as it is now; the result is the series before the merge.
 */
export function revertPoints(
  stored: Points,
  changedDays: Int32Array,
  previous: Float64Array,
  existed: Uint8Array,
): Points {
  const days = new Int32Array(stored.days.length);
  const values = new Float64Array(stored.days.length);
  let n = 0;
  let c = 0;
  for (let s = 0; s < stored.days.length; s++) {
    const day = stored.days[s];
    while (c < changedDays.length && changedDays[c] < day) c++;
    if (c < changedDays.length && changedDays[c] === day) {
      if (existed[c]) {
        days[n] = day;
        values[n++] = previous[c];
      }
      c++;
    } else {
      days[n] = day;
      values[n++] = stored.values[s];
    }
  }
  return { days: days.slice(0, n), values: values.slice(0, n) };
}
