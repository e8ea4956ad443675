// Compiles each measure's source into a function (account index, asOf day) → raw value that
// reads only observations dated ≤ asOf. Attribute values are resolved once per account.
import type { Aggregate, MeasureSource } from '../model/schema';
import type { Account, SignalSeries } from '../types';
import { hasDataIn } from './freshness';
import type { PreparedBook } from './prepare';
import { aggregateRange, slopeRange, upperBound } from './window';

/** A measure source ready to evaluate: numeric value (NaN = missing) and, for text attributes, text. */
export interface CompiledSource {
  value(a: number, day: number): number;
  /** Text value for categorical attributes (null when missing or numeric); null function if never text. */
  text: ((a: number) => string | null) | null;
}

const EMPTY: (SignalSeries | undefined)[] = [];

/** `sum` and `count` read an empty window as 0 events; the others read it as no data. */
const countsEvents = (agg: Aggregate) => agg === 'sum' || agg === 'count';
// Keyed by the values array (not the series object) so replacing a series' data never reuses a stale index.
const lastNonZeroCache = new WeakMap<Float64Array, Int32Array>();

/** For each index i, the index of the last non-zero value at or before i (−1 when none). */
function lastNonZero(s: SignalSeries): Int32Array {
  let idx = lastNonZeroCache.get(s.values);
  if (!idx || idx.length !== s.values.length) {
    idx = new Int32Array(s.values.length);
    let last = -1;
    for (let i = 0; i < idx.length; i++) {
      if (s.values[i] !== 0 && !Number.isNaN(s.values[i])) last = i;
      idx[i] = last;
    }
    lastNonZeroCache.set(s.values, idx);
  }
  return idx;
}

/** Days from contract start to `day` (NaN if unknown or before the start). */
export function tenureDays(account: Account, day: number): number {
  if (account.contractStart === null) return NaN;
  const t = day - account.contractStart;
  return t >= 0 ? t : NaN;
}

/** Days from `day` to the renewal date (NaN if unknown or already past). */
export function daysToRenewal(account: Account, day: number): number {
  if (account.renewalDate === null) return NaN;
  const d = account.renewalDate - day;
  return d >= 0 ? d : NaN;
}

/** Numeric and text values of a static account attribute (custom or built-in). */
export function staticAttribute(
  account: Account,
  name: string,
): { num: number; text: string | null } {
  let raw: unknown;
  if (name === 'segment' || name === 'owner' || name === 'arr' || name === 'seats')
    raw = account[name];
  else raw = account.attributes[name];
  if (typeof raw === 'number') return { num: Number.isFinite(raw) ? raw : NaN, text: null };
  if (typeof raw === 'boolean') return { num: raw ? 1 : 0, text: raw ? 'true' : 'false' };
  if (typeof raw === 'string' && raw !== '') return { num: NaN, text: raw };
  return { num: NaN, text: null };
}

function compileAttribute(prepared: PreparedBook, name: string): CompiledSource {
  const accounts = prepared.accounts;
  if (name === 'tenureDays') return { value: (a, day) => tenureDays(accounts[a], day), text: null };
  if (name === 'daysToRenewal') {
    return { value: (a, day) => daysToRenewal(accounts[a], day), text: null };
  }
  const nums = new Float64Array(accounts.length);
  const texts: (string | null)[] = new Array(accounts.length);
  let anyText = false;
  accounts.forEach((acc, i) => {
    const v = staticAttribute(acc, name);
    nums[i] = v.num;
    texts[i] = v.text;
    if (v.text !== null) anyText = true;
  });
  return { value: (a) => nums[a], text: anyText ? (a) => texts[a] : null };
}

/** Compiles a measure source against a prepared book. */
export function compileSource(
  prepared: PreparedBook,
  source: MeasureSource,
  pulseHalfLifeDays: number,
): CompiledSource {
  const series = (metric: string) => prepared.seriesByMetric.get(metric) ?? EMPTY;
  switch (source.kind) {
    case 'aggregate': {
      const per = series(source.metric);
      const { agg, windowDays: w } = source;
      return {
        text: null,
        value(a, day) {
          const s = per[a];
          if (!s) return NaN;
          const end = upperBound(s.days, day);
          if (end === 0) return NaN;
          const start = upperBound(s.days, day - w);
          // An empty window is "no events" only while the account's data reaches it: when
          // nothing at all arrived for the account in the window, it is missing, not 0.
          if (start === end && countsEvents(agg) && !hasDataIn(prepared, a, day - w, day))
            return NaN;
          return aggregateRange(s.values, start, end, agg);
        },
      };
    }
    case 'change': {
      const per = series(source.metric);
      const { agg, windowDays: w } = source;
      return {
        text: null,
        value(a, day) {
          const s = per[a];
          if (!s) return NaN;
          const mid = upperBound(s.days, day - w);
          // No observation before the current window: there is no previous window to compare with.
          if (mid === 0) return NaN;
          const end = upperBound(s.days, day);
          const start = upperBound(s.days, day - 2 * w);
          if (countsEvents(agg)) {
            // As for aggregates: an empty window the account's data does not reach is missing.
            if (mid === end && !hasDataIn(prepared, a, day - w, day)) return NaN;
            if (start === mid && !hasDataIn(prepared, a, day - 2 * w, day - w)) return NaN;
          }
          const cur = aggregateRange(s.values, mid, end, agg);
          const prev = aggregateRange(s.values, start, mid, agg);
          if (Number.isNaN(cur) || Number.isNaN(prev)) return NaN;
          if (prev === 0) return cur === 0 ? 0 : NaN;
          return ((cur - prev) / Math.abs(prev)) * 100;
        },
      };
    }
    case 'slope': {
      const per = series(source.metric);
      const { windowDays: w, relative } = source;
      return {
        text: null,
        value(a, day) {
          const s = per[a];
          if (!s) return NaN;
          const end = upperBound(s.days, day);
          const start = upperBound(s.days, day - w);
          const perWeek = slopeRange(s.days, s.values, start, end) * 7;
          if (!relative || Number.isNaN(perWeek)) return perWeek;
          const mean = aggregateRange(s.values, start, end, 'mean');
          return mean === 0 ? NaN : (perWeek / Math.abs(mean)) * 100;
        },
      };
    }
    case 'daysSince': {
      const per = series(source.metric);
      const nonZero = source.event === 'nonZero';
      return {
        text: null,
        value(a, day) {
          const s = per[a];
          if (!s) return NaN;
          const end = upperBound(s.days, day);
          if (end === 0) return NaN;
          if (!nonZero) return day - s.days[end - 1];
          const last = lastNonZero(s)[end - 1];
          // Never non-zero: silent for at least as long as the series has existed.
          return day - s.days[last >= 0 ? last : 0];
        },
      };
    }
    case 'ratio': {
      const num = series(source.numerator.metric);
      const den = series(source.denominator.metric);
      const w = source.windowDays;
      const nAgg = source.numerator.agg;
      const dAgg = source.denominator.agg;
      return {
        text: null,
        value(a, day) {
          const sn = num[a];
          const sd = den[a];
          if (!sn || !sd) return NaN;
          const ne = upperBound(sn.days, day);
          const de = upperBound(sd.days, day);
          if (ne === 0 || de === 0) return NaN;
          const ns = upperBound(sn.days, day - w);
          if (ns === ne && countsEvents(nAgg) && !hasDataIn(prepared, a, day - w, day)) return NaN;
          const n = aggregateRange(sn.values, ns, ne, nAgg);
          const d = aggregateRange(sd.values, upperBound(sd.days, day - w), de, dAgg);
          return d === 0 || Number.isNaN(d) ? NaN : n / d;
        },
      };
    }
    case 'attribute':
      return compileAttribute(prepared, source.attribute);
    case 'pulse':
      return {
        text: null,
        value(a, day) {
          const p = prepared.pulses[a];
          if (!p) return NaN;
          const i = upperBound(p.days, day) - 1;
          if (i < 0) return NaN;
          const decay =
            pulseHalfLifeDays > 0 ? Math.pow(0.5, (day - p.days[i]) / pulseHalfLifeDays) : 1;
          return 3 + (p.values[i] - 3) * decay;
        },
      };
  }
}
