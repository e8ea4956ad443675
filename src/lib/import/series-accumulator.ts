// Observations gathered columnar (Int32 days, Float64 values, Int32 row numbers) with account
// and metric names interned, then grouped into one SignalSeries per account × metric. No object
// is built per observation: a 1,000,000-row long signal file becomes a few typed arrays.
import type { DayNumber, SignalSeries } from '../engine/types';

/** How points of one account, metric and day collapse into one. */
export type Collapse = 'last' | 'sum' | 'mean' | 'max' | 'min';

/** Repeated points of one account, metric and day, reported as rows. */
export type DuplicateReporter = (
  keptRow: number,
  droppedRow: number,
  accountId: string,
  metric: string,
  day: DayNumber,
) => void;

/** Columnar buffer of observations, grouped per account × metric on finish(). */
export class SeriesAccumulator {
  #accounts: string[] = [];
  #accountIndex = new Map<string, number>();
  #metrics: string[] = [];
  #metricIndex = new Map<string, number>();
  #seriesIndex = new Map<number, number>();
  #seriesAccount: number[] = [];
  #seriesMetric: number[] = [];
  #series = new Int32Array(1024);
  #days = new Int32Array(1024);
  #values = new Float64Array(1024);
  #rows = new Int32Array(1024);
  #n = 0;

  /** Number of observations added. */
  get size(): number {
    return this.#n;
  }

  #grow(): void {
    const cap = this.#days.length * 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.#series = grow(this.#series, (n) => new Int32Array(n));
    this.#days = grow(this.#days, (n) => new Int32Array(n));
    this.#values = grow(this.#values, (n) => new Float64Array(n));
    this.#rows = grow(this.#rows, (n) => new Int32Array(n));
  }

  #intern(name: string, list: string[], index: Map<string, number>): number {
    let i = index.get(name);
    if (i === undefined) {
      i = list.length;
      list.push(name);
      index.set(name, i);
    }
    return i;
  }

  /** Adds one observation from CSV row `row`. */
  add(accountId: string, metric: string, day: DayNumber, value: number, row: number): void {
    const a = this.#intern(accountId, this.#accounts, this.#accountIndex);
    const m = this.#intern(metric, this.#metrics, this.#metricIndex);
    // Account and metric indexes stay far below 2^26, so the pair key is an exact double.
    const key = a * 67_108_864 + m;
    let s = this.#seriesIndex.get(key);
    if (s === undefined) {
      s = this.#seriesAccount.length;
      this.#seriesAccount.push(a);
      this.#seriesMetric.push(m);
      this.#seriesIndex.set(key, s);
    }
    if (this.#n === this.#days.length) this.#grow();
    const n = this.#n++;
    this.#series[n] = s;
    this.#days[n] = day;
    this.#values[n] = value;
    this.#rows[n] = row;
  }

  /**
   * Groups observations into series (in order of first appearance), days ascending and unique;
   * points sharing a day collapse by `collapseOf(metric)`. For 'last' and 'sum', each repeat is
   * reported to `onDuplicate` (event aggregation is expected, so it is not reported).
   */
  finish(
    collapseOf: (metric: string) => Collapse,
    onDuplicate?: DuplicateReporter,
  ): SignalSeries[] {
    const nSeries = this.#seriesAccount.length;
    const offsets = new Int32Array(nSeries + 1);
    for (let i = 0; i < this.#n; i++) offsets[this.#series[i] + 1]++;
    for (let s = 0; s < nSeries; s++) offsets[s + 1] += offsets[s];
    const order = new Uint32Array(this.#n);
    const fill = offsets.slice(0, nSeries);
    // A stable scatter: within a series, observations keep file order, so 'last' is the last row.
    for (let i = 0; i < this.#n; i++) order[fill[this.#series[i]]++] = i;
    const days = this.#days;
    const out: SignalSeries[] = [];
    for (let s = 0; s < nSeries; s++) {
      const group = order.subarray(offsets[s], offsets[s + 1]);
      let sorted = true;
      for (let k = 1; k < group.length && sorted; k++) sorted = days[group[k]] > days[group[k - 1]];
      if (!sorted) group.sort((x, y) => days[x] - days[y] || x - y);
      const accountId = this.#accounts[this.#seriesAccount[s]];
      const metric = this.#metrics[this.#seriesMetric[s]];
      out.push(this.#collapse(group, accountId, metric, collapseOf(metric), onDuplicate));
    }
    return out;
  }

  #collapse(
    group: Uint32Array,
    accountId: string,
    metric: string,
    how: Collapse,
    onDuplicate: DuplicateReporter | undefined,
  ): SignalSeries {
    const outDays = new Int32Array(group.length);
    const outValues = new Float64Array(group.length);
    let n = 0;
    let runLength = 0;
    let keptRow = 0;
    for (let k = 0; k < group.length; k++) {
      const i = group[k];
      const day = this.#days[i];
      const v = this.#values[i];
      if (n > 0 && outDays[n - 1] === day) {
        const prev = outValues[n - 1];
        runLength++;
        if (how === 'last') outValues[n - 1] = v;
        else if (how === 'sum') outValues[n - 1] = prev + v;
        else if (how === 'max') outValues[n - 1] = Math.max(prev, v);
        else if (how === 'min') outValues[n - 1] = Math.min(prev, v);
        else outValues[n - 1] = prev + (v - prev) / runLength; // running mean
        if (onDuplicate && (how === 'last' || how === 'sum')) {
          onDuplicate(
            how === 'last' ? this.#rows[i] : keptRow,
            how === 'last' ? keptRow : this.#rows[i],
            accountId,
            metric,
            day,
          );
        }
        if (how === 'last') keptRow = this.#rows[i];
      } else {
        outDays[n] = day;
        outValues[n] = v;
        n++;
        runLength = 1;
        keptRow = this.#rows[i];
      }
    }
    return {
      accountId,
      metric,
      days: n === group.length ? outDays : outDays.slice(0, n),
      values: n === group.length ? outValues : outValues.slice(0, n),
    };
  }
}
