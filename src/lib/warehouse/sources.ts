// Measure sources as SQL: each measure's raw value at a point (account, day), written exactly as
// src/lib/engine/score/measures.ts computes it. Window aggregates are collected into one
// GROUP BY over the joined observations; sums run in day order (ORDER BY inside the
// aggregate) so they add up in the engine's order and give the engine's very doubles.
import type { Aggregate, Measure } from '../engine/model/schema';
import { dbl, int, num, str, type Dialect } from './dialect';
import { attributeRead, type AttributeType } from './plan';

/** One window aggregate over (at − hi, at − lo] of one metric. */
interface WindowAggregate {
  metric: string;
  agg: Aggregate;
  hi: number;
  lo: number;
  /** Column name(s) in the `agg` CTE. */
  columns: { sum?: string; count?: string; value?: string };
}

/** A slope over (at − w, at]: first-pass sums in `agg`, second-pass sums in `slope`. */
interface SlopeSpec {
  key: number;
  metric: string;
  windowDays: number;
}

/** The SQL of one measure's raw value and (for text attributes) its text, in the point layer. */
export interface SourceSql {
  value: string;
  text: string | null;
}

/** Collects what the measures need from the signals and writes their value expressions. */
export class SourceCollector {
  readonly windows: WindowAggregate[] = [];
  readonly slopes: SlopeSpec[] = [];
  /** Metric → how many days back the window join reads (Infinity: whole history). */
  readonly lookback = new Map<string, number>();
  /**
   * As-of lookups: the last observation (its day, value, and last non-zero day) of a metric on
   * or before the point's day minus `offset` — for days since, and for `latest` over a window,
   * which needs no window scan at all.
   */
  readonly asOf: { metric: string; offset: number; value: boolean }[] = [];
  /** Every metric whose first observation day is needed, in first-use order. */
  readonly firstMetrics: string[] = [];
  /**
   * Offsets of the account's data lookups: the account's newest observation of any metric, or
   * pulse, on or before the point's day minus the offset (`ad.d<k>`) — for "has the account any
   * data in this window?" (an empty sum/count window is 0 events only then) and its freshness.
   */
  readonly dataOffsets: number[] = [];
  private windowKeys = new Map<string, WindowAggregate>();

  constructor(
    private readonly d: Dialect,
    private readonly halfLifeDays: number,
    private readonly attributeTypes: ReadonlyMap<string, AttributeType>,
    /** Sum in day order (the engine's order, bit for bit) or in any order (faster, less memory). */
    private readonly orderedSums = true,
  ) {}

  /** ` ORDER BY <day>` when sums follow the engine's order. */
  order(day: string): string {
    return this.orderedSums ? ` ORDER BY ${day}` : '';
  }

  private metricKey(metric: string, list: string[]): number {
    let i = list.indexOf(metric);
    if (i < 0) i = list.push(metric) - 1;
    return i;
  }

  /** The index of an as-of lookup (registering it); `value` when its value is read too. */
  private lookup(metric: string, offset: number, value: boolean): number {
    let k = this.asOf.findIndex((x) => x.metric === metric && x.offset === offset);
    if (k < 0) k = this.asOf.push({ metric, offset, value }) - 1;
    else if (value) this.asOf[k].value = true;
    return k;
  }

  private read(metric: string, days: number): void {
    this.lookback.set(metric, Math.max(this.lookback.get(metric) ?? 0, days));
  }

  /** `fw.f<k>`: the day of the metric's first observation (NULL when the account has none). */
  first(metric: string): string {
    return `fw.f${this.metricKey(metric, this.firstMetrics)}`;
  }

  /** `ad.d<k>`: the account's newest data day on or before the point's day − offset (NULL: none). */
  lastData(offset: number): string {
    let k = this.dataOffsets.indexOf(offset);
    if (k < 0) k = this.dataOffsets.push(offset) - 1;
    return `ad.d${k}`;
  }

  /**
   * True when the account has an observation of any metric, or a pulse, in (at − hi, at − lo]
   * (the engine's hasDataIn).
   */
  hasData(hi: number, lo: number): string {
    return `COALESCE(${this.lastData(lo)} > p.day - ${int(hi)}, FALSE)`;
  }

  /** The SQL filter of a window's rows inside the `agg` CTE. */
  static filter(metric: string, hi: number, lo: number): string {
    const upper = lo === 0 ? '' : ` AND w.day <= w.at_day - ${int(lo)}`;
    return `w.metric = ${str(metric)} AND w.day > w.at_day - ${int(hi)}${upper}`;
  }

  private window(metric: string, agg: Aggregate, hi: number, lo: number): WindowAggregate {
    const key = `${metric}\u0000${agg}\u0000${hi}\u0000${lo}`;
    let w = this.windowKeys.get(key);
    if (!w) {
      const k = this.windows.length;
      const columns: WindowAggregate['columns'] = {};
      if (agg === 'sum' || agg === 'mean') columns.sum = `s${k}`;
      if (agg === 'count' || agg === 'mean') columns.count = `n${k}`;
      if (agg === 'latest' || agg === 'min' || agg === 'max') columns.value = `v${k}`;
      w = { metric, agg, hi, lo, columns };
      this.windows.push(w);
      this.windowKeys.set(key, w);
      this.read(metric, hi);
    }
    return w;
  }

  /**
   * The aggregate of a window as the engine's measures read it: sum and count of no rows are 0
   * events while the account has some other data in the window (missing when it has none, or
   * always 0 with `eventsNeedData` false: a ratio's denominator), every other aggregate of no
   * rows is missing.
   */
  aggregate(metric: string, agg: Aggregate, hi: number, lo: number, eventsNeedData = true): string {
    if (agg === 'latest') {
      // The value on the last observation day at or before at − lo, if that day is in the window.
      const k = this.lookup(metric, lo, true);
      return `CASE WHEN ds.l${k} > p.day - ${int(hi)} THEN ds.v${k} END`;
    }
    const w = this.window(metric, agg, hi, lo);
    const { sum, count, value } = w.columns;
    switch (agg) {
      case 'sum':
        if (!eventsNeedData) return `COALESCE(g.${sum}, ${num(this.d, 0)})`;
        // sum() of no rows is NULL: the values of observations are never NULL.
        return `CASE WHEN g.${sum} IS NOT NULL THEN g.${sum} WHEN ${this.hasData(hi, lo)} THEN ${num(this.d, 0)} END`;
      case 'count':
        if (!eventsNeedData) return dbl(this.d, `COALESCE(g.${count}, 0)`);
        return `CASE WHEN g.${count} > 0 THEN ${dbl(this.d, `g.${count}`)} WHEN ${this.hasData(hi, lo)} THEN ${num(this.d, 0)} END`;
      case 'mean':
        return `CASE WHEN g.${count} > 0 THEN g.${sum} / ${dbl(this.d, `g.${count}`)} END`;
      default:
        return `g.${value}`;
    }
  }

  /** The agg CTE's select list for every collected window. */
  aggregateColumns(): string[] {
    const out: string[] = [];
    for (const w of this.windows) {
      const f = SourceCollector.filter(w.metric, w.hi, w.lo);
      const { sum, count, value } = w.columns;
      if (sum) out.push(`sum(w.value${this.order('w.day')}) FILTER (WHERE ${f}) AS ${sum}`);
      if (count) out.push(`count(*) FILTER (WHERE ${f}) AS ${count}`);
      if (value) {
        const expr =
          w.agg === 'latest'
            ? this.d.latest('w.value', 'w.day', f)
            : `${w.agg}(w.value) FILTER (WHERE ${f})`;
        out.push(`${expr} AS ${value}`);
      }
    }
    for (const s of this.slopes) {
      const f = SourceCollector.filter(s.metric, s.windowDays, 0);
      out.push(
        `count(*) FILTER (WHERE ${f}) AS sn${s.key}`,
        `min(w.day) FILTER (WHERE ${f}) AS sx${s.key}`,
        `sum(w.day) FILTER (WHERE ${f}) AS sd${s.key}`,
        `sum(w.value${this.order('w.day')}) FILTER (WHERE ${f}) AS sy${s.key}`,
      );
    }
    return out;
  }

  private slope(metric: string, windowDays: number): SlopeSpec {
    let s = this.slopes.find((x) => x.metric === metric && x.windowDays === windowDays);
    if (!s) {
      s = { key: this.slopes.length, metric, windowDays };
      this.slopes.push(s);
      this.read(metric, windowDays);
    }
    return s;
  }

  /** The raw value of a measure at the point (`p.day`), NULL when missing. */
  source(m: Measure): SourceSql {
    const d = this.d;
    const src = m.source;
    const at = 'p.day';
    const noneBy = (first: string, day: string) => `${first} IS NULL OR ${first} > ${day}`;
    switch (src.kind) {
      case 'aggregate': {
        const f = this.first(src.metric);
        const v = this.aggregate(src.metric, src.agg, src.windowDays, 0);
        return { value: `CASE WHEN ${noneBy(f, at)} THEN NULL ELSE ${v} END`, text: null };
      }
      case 'change': {
        const f = this.first(src.metric);
        const w = src.windowDays;
        const cur = this.aggregate(src.metric, src.agg, w, 0);
        const prev = this.aggregate(src.metric, src.agg, 2 * w, w);
        // No observation on or before at − w: no previous window to compare with.
        const value =
          `CASE WHEN ${noneBy(f, `${at} - ${int(w)}`)} THEN NULL ` +
          `WHEN (${cur}) IS NULL OR (${prev}) IS NULL THEN NULL ` +
          `WHEN (${prev}) = 0 THEN CASE WHEN (${cur}) = 0 THEN ${num(d, 0)} END ` +
          `ELSE (((${cur}) - (${prev})) / abs(${prev})) * ${num(d, 100)} END`;
        return { value, text: null };
      }
      case 'slope': {
        const s = this.slope(src.metric, src.windowDays);
        const k = s.key;
        const perWeek = `(sl.sxy${k} / sl.sxx${k}) * ${num(d, 7)}`;
        const mean = `(g.sy${k} / ${dbl(d, `g.sn${k}`)})`;
        const body = src.relative
          ? `CASE WHEN ${mean} = 0 THEN NULL ELSE ((${perWeek}) / abs(${mean})) * ${num(d, 100)} END`
          : perWeek;
        return {
          value: `CASE WHEN g.sn${k} IS NULL OR g.sn${k} < 2 OR sl.sxx${k} = 0 THEN NULL ELSE ${body} END`,
          text: null,
        };
      }
      case 'daysSince': {
        const f = this.first(src.metric);
        const k = this.lookup(src.metric, 0, false);
        // Never non-zero: silent for as long as the series has existed.
        const last = src.event === 'any' ? `ds.l${k}` : `COALESCE(ds.z${k}, ${f})`;
        return {
          value: `CASE WHEN ${noneBy(f, at)} THEN NULL ELSE ${dbl(d, `${at} - ${last}`)} END`,
          text: null,
        };
      }
      case 'ratio': {
        const w = src.windowDays;
        const fn = this.first(src.numerator.metric);
        const fd = this.first(src.denominator.metric);
        const n = this.aggregate(src.numerator.metric, src.numerator.agg, w, 0);
        // The engine reads the denominator's empty window as 0 (then the ratio is missing anyway).
        const den = this.aggregate(src.denominator.metric, src.denominator.agg, w, 0, false);
        return {
          value:
            `CASE WHEN ${noneBy(fn, at)} OR ${noneBy(fd, at)} THEN NULL ` +
            `WHEN (${den}) IS NULL OR (${den}) = 0 THEN NULL ELSE (${n}) / (${den}) END`,
          text: null,
        };
      }
      case 'attribute':
        return attributeSql(d, src.attribute, this.attributeTypes, at);
      case 'pulse': {
        const decay =
          this.halfLifeDays > 0
            ? ` * power(${num(d, 0.5)}, ${dbl(d, `${at} - pl.pday`)} / ${num(d, this.halfLifeDays)})`
            : '';
        return {
          value: `${num(d, 3)} + (pl.pvalue - ${num(d, 3)})${decay}`,
          text: null,
        };
      }
    }
  }
}

/**
 * An account attribute's numeric value and text at a point, as the engine's staticAttribute
 * types them: numbers are numbers; booleans are 1/0 and "true"/"false"; text is text (empty =
 * missing); tenure and days to renewal are counted from the point's day (NULL before the
 * contract or after the renewal).
 */
export function attributeSql(
  d: Dialect,
  name: string,
  types: ReadonlyMap<string, AttributeType>,
  at: string,
): SourceSql {
  const r = attributeRead(name, types);
  switch (r.kind) {
    case 'tenure':
      return {
        value: `CASE WHEN ${at} - a.start_day >= 0 THEN ${dbl(d, `${at} - a.start_day`)} END`,
        text: null,
      };
    case 'renewal':
      return {
        value: `CASE WHEN a.renewal_day - ${at} >= 0 THEN ${dbl(d, `a.renewal_day - ${at}`)} END`,
        text: null,
      };
    case 'none':
      return { value: `CAST(NULL AS ${d.double})`, text: null };
    case 'column': {
      const col = `a.${attributeColumn(r.column)}`;
      if (r.type === 'number') return { value: col, text: null };
      if (r.type === 'boolean') {
        return {
          value: `CASE WHEN ${col} THEN ${num(d, 1)} WHEN NOT ${col} THEN ${num(d, 0)} END`,
          text: `CASE WHEN ${col} THEN 'true' WHEN NOT ${col} THEN 'false' END`,
        };
      }
      return { value: `CAST(NULL AS ${d.double})`, text: col };
    }
  }
}

/** The normalised column name an attribute gets in the `acc` CTE. */
export function attributeColumn(name: string): string {
  return `"attr:${name.replace(/"/g, '""')}"`;
}
