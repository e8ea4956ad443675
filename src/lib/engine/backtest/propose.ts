// Proposes measures from the data itself, so fitting (and scoring) works on a book whose metric
// names no preset has seen: every metric's level and, for real series, its change over a
// window, plus the account attributes — each named in words, placed in one of the five health
// dimensions where its name allows, with a direction guessed from its name, and scored against
// the data's own percentiles. The CLI's `fit` and the app's "Build a model from your data" both
// start here.
import type { ScoringDirection } from '../model/direction';
import { parseModelOrThrow } from '../model/parse';
import type { ModelDocument, ModelDocumentInput } from '../model/schema';
import type { Book } from '../types';
import {
  columnLabel,
  dimensionOf,
  directionFromName,
  directionSentence,
  DIMENSION_NAMES,
  DIMENSIONS,
  inlineLabel,
  measurePhraseTemplate,
  namesALevel,
  qualifiedLabel,
  unitlessLabel,
  type Dimension,
} from './propose-names';

type GroupInput = ModelDocumentInput['groups'][number];
type MeasureInput = GroupInput['measures'][number];

/** Window of the proposed level measures of real series (mean or total of the last 90 days). */
export const LEVEL_WINDOW_DAYS = 90;
/** Window of the proposed change measures (last 30 days against the 30 before). */
export const CHANGE_WINDOW_DAYS = 30;
/** How long a snapshot's single value (one observation per account) stays its latest value. */
export const SNAPSHOT_WINDOW_DAYS = 365;
/** Text attributes with more distinct values than this are names, not categories. */
const MAX_CATEGORIES = 20;
/** Attribute names that usually restate the outcome; fitting on them would leak it. */
const OUTCOME_LIKE = /churn|cancel|renew|outcome|closed|lost/i;

/** How a proposed measure reads its column. */
export type ProposedKind = 'latest' | 'mean' | 'total' | 'change' | 'number' | 'category';

/** One proposed measure, described for the page and the CLI. */
export interface ProposedMeasure {
  id: string;
  name: string;
  /** The metric or attribute it reads. */
  column: string;
  kind: ProposedKind;
  dimension: Dimension;
  /** Which values score better: 'higher', 'lower', 'category' (points per category), … */
  direction: ScoringDirection;
  /**
   * 'name': a word of the name decided it; 'assumed': nothing did, higher assumed better;
   * 'outcomes': fitted to the book's outcomes; 'none': categories before a fit.
   */
  directionFrom: 'name' | 'assumed' | 'outcomes' | 'none';
  /** The word that decided the direction ("tickets"), when the name did. */
  matched: string | null;
  /** The direction in words: "fewer active users → lower score" (`directionSentence`). */
  directionText?: string;
  /** Accounts with any value of the column. */
  accountsWithData: number;
  /** False when a fit found no evidence for it and left it out of the fitted model. */
  inModel: boolean;
  /** A yes/no column: every value is 0 or 1 ("paperless billing: yes"). */
  binary?: boolean;
}

/** A column the proposal left out, and why. */
export interface SkippedColumn {
  column: string;
  reason: string;
}

/** The proposed model and what it was made of. */
export interface Proposal {
  model: ModelDocument;
  measures: ProposedMeasure[];
  skipped: SkippedColumn[];
  accounts: number;
}

/** A safe model id from any metric or attribute name. */
export function toId(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return id || 'measure';
}

interface MetricProfile {
  accounts: number;
  medianObservations: number;
  /**
   * A count of events recorded only on the days they happened (every value a whole number ≥ 1,
   * observations irregularly spaced): its level is the window's total, not a mean of ≥ 1s.
   */
  eventCounts: boolean;
  /** Median days between an account's consecutive observations (NaN with none). */
  medianGapDays: number;
  constant: boolean;
  /** Every value is 0 or 1: a yes/no column. */
  binary: boolean;
}

/** Observations on a regular grid (weekly levels) have one gap between them far more than any. */
const REGULAR_GAP_SHARE = 0.8;

function profileMetrics(book: Book): Map<string, MetricProfile> {
  type Tally = {
    ids: Set<string>;
    counts: number[];
    wholeCounts: boolean;
    first: number;
    same: boolean;
    binary: boolean;
    gaps: Map<number, number>;
  };
  const acc = new Map<string, Tally>();
  for (const s of book.series) {
    if (!s.days.length) continue;
    let p = acc.get(s.metric);
    if (!p) {
      p = {
        ids: new Set(),
        counts: [],
        wholeCounts: true,
        first: s.values[0],
        same: true,
        binary: true,
        gaps: new Map(),
      };
      acc.set(s.metric, p);
    }
    p.ids.add(s.accountId);
    p.counts.push(s.days.length);
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i];
      if (p.wholeCounts && !(v >= 1 && Number.isInteger(v))) p.wholeCounts = false;
      if (p.binary && v !== 0 && v !== 1) p.binary = false;
      if (p.same && v !== p.first && !(Number.isNaN(v) && Number.isNaN(p.first))) p.same = false;
      if (i > 0) {
        const gap = s.days[i] - s.days[i - 1];
        p.gaps.set(gap, (p.gaps.get(gap) ?? 0) + 1);
      }
    }
  }
  const out = new Map<string, MetricProfile>();
  for (const [metric, p] of acc) {
    const counts = p.counts.sort((a, b) => a - b);
    let gaps = 0;
    let modal = 0;
    for (const n of p.gaps.values()) {
      gaps += n;
      modal = Math.max(modal, n);
    }
    const regular = gaps > 0 && modal >= REGULAR_GAP_SHARE * gaps;
    let medianGapDays = NaN;
    let seen = 0;
    for (const [gap, n] of [...p.gaps].sort(([a], [b]) => a - b)) {
      seen += n;
      if (seen * 2 >= gaps) {
        medianGapDays = gap;
        break;
      }
    }
    out.set(metric, {
      accounts: p.ids.size,
      medianObservations: counts[Math.floor(counts.length / 2)],
      eventCounts: p.wholeCounts && !regular && !namesALevel(metric),
      medianGapDays,
      constant: p.same,
      binary: p.binary && !p.same,
    });
  }
  return out;
}

type Draft = { measure: MeasureInput; info: ProposedMeasure };

function draft(
  info: Omit<ProposedMeasure, 'direction' | 'directionFrom' | 'matched' | 'inModel'>,
  source: MeasureInput['source'],
  format: MeasureInput['format'] = 'number',
  phrase: { sparseLevel?: boolean; gapDays?: number; binary?: boolean } = {},
): Draft {
  const categorical = info.kind === 'category';
  const binary = phrase.binary === true && !categorical;
  const guess = directionFromName(info.column);
  const direction = categorical ? 'category' : guess.higherIsBetter ? 'higher' : 'lower';
  const full: ProposedMeasure = {
    ...info,
    direction,
    directionText: directionSentence(info.column, info.kind, direction, { binary }),
    directionFrom: categorical ? 'none' : guess.matched ? 'name' : 'assumed',
    matched: categorical ? null : guess.matched,
    inModel: true,
    ...(binary ? { binary } : {}),
  };
  return {
    info: full,
    measure: {
      id: info.id,
      name: info.name,
      weight: 1,
      source,
      scoring: categorical
        ? { type: 'categorical', points: {}, otherwise: 50 }
        : { type: 'percentile', higherIsBetter: guess.higherIsBetter },
      horizon: 'leading',
      nature: 'activity',
      missing: 'skip',
      format,
      phrase: measurePhraseTemplate(info.column, info.kind, format ?? 'number', phrase),
    },
  };
}

function metricMeasures(
  metric: string,
  p: MetricProfile,
  uniqueId: (base: string) => string,
): Draft[] {
  const label = columnLabel(metric);
  const common = { column: metric, dimension: dimensionOf(metric), accountsWithData: p.accounts };
  const latest = (name: string, sparseLevel: boolean) =>
    draft(
      { ...common, id: uniqueId(`${metric}_level`), name, kind: 'latest' },
      { kind: 'aggregate', metric, agg: 'latest', windowDays: SNAPSHOT_WINDOW_DAYS },
      'number',
      { sparseLevel, binary: p.binary },
    );
  // A snapshot: one value per account is its latest value, not an average over a window.
  if (p.medianObservations <= 1) return [latest(label, false)];
  // A level observed more rarely than the window: most windows would hold no observation.
  if (!p.eventCounts && p.medianGapDays > LEVEL_WINDOW_DAYS)
    return [latest(qualifiedLabel(label, 'latest'), true)];
  const agg = p.eventCounts ? 'sum' : 'mean';
  const out = [
    draft(
      {
        ...common,
        id: uniqueId(`${metric}_level`),
        name: qualifiedLabel(label, `${LEVEL_WINDOW_DAYS}-day ${p.eventCounts ? 'total' : 'mean'}`),
        kind: p.eventCounts ? 'total' : 'mean',
      },
      { kind: 'aggregate', metric, agg, windowDays: LEVEL_WINDOW_DAYS },
      'number',
      { gapDays: p.medianGapDays },
    ),
  ];
  if (denseSeries(p)) {
    out.push(
      draft(
        {
          ...common,
          id: uniqueId(`${metric}_change`),
          name: `Change in ${inlineLabel(unitlessLabel(label))} (${CHANGE_WINDOW_DAYS} days)`,
          kind: 'change',
        },
        { kind: 'change', metric, agg, windowDays: CHANGE_WINDOW_DAYS },
        'percent',
      ),
    );
  }
  return out;
}

/** Metrics that count an account's licensed seats: the denominators of "per seat" ratios. */
const SEAT_METRIC = /seat|licen/i;
/** Metrics that count an account's users: the denominators of "per user" ratios. */
const USER_METRIC = /user|active|member/i;

/** A series dense enough for a window's level to mean something (the change measures' test). */
const denseSeries = (p: MetricProfile) =>
  !p.constant && p.medianObservations >= 4 && p.medianGapDays <= CHANGE_WINDOW_DAYS;

/** "licensed_seats" → "licensed_seat": the ratio's "per" reads one of the denominator. */
const singular = (metric: string) => metric.replace(/s$/i, '');

/**
 * The natural ratios of a book's usage metrics: each usage count per licensed seat, and each
 * (non-user) usage count per active user, over the level window. A level confounded by the
 * account's size ("40 active users" in a 50-seat or a 500-seat account) reads as health only
 * against that size; on the synthetic books the ratio of active users to seats is what churn
 * follows, which neither level shows alone.
 */
function ratioMeasures(
  profiles: Map<string, MetricProfile>,
  uniqueId: (base: string) => string,
): Draft[] {
  const dense = [...profiles.keys()].filter((k) => denseSeries(profiles.get(k)!)).sort();
  const out: Draft[] = [];
  for (const den of dense) {
    const seats = SEAT_METRIC.test(den);
    if (!seats && !USER_METRIC.test(den)) continue;
    for (const num of dense) {
      if (num === den || dimensionOf(num) !== 'usage' || SEAT_METRIC.test(num)) continue;
      // Users per user is no ratio; users per seat is utilisation.
      if (!seats && USER_METRIC.test(num)) continue;
      const p = profiles.get(num)!;
      const column = `${num}_per_${singular(den)}`;
      out.push(
        draft(
          {
            id: uniqueId(column),
            name: columnLabel(column),
            column,
            kind: 'mean',
            dimension: 'usage',
            accountsWithData: Math.min(p.accounts, profiles.get(den)!.accounts),
          },
          {
            kind: 'ratio',
            numerator: { metric: num, agg: p.eventCounts ? 'sum' : 'mean' },
            denominator: { metric: den, agg: 'mean' },
            windowDays: LEVEL_WINDOW_DAYS,
          },
        ),
      );
    }
  }
  return out;
}

interface AttributeCandidate {
  name: string;
  text: boolean;
  accounts: number;
  /** A number that is only ever 0 or 1: a yes/no column. */
  binary?: boolean;
}

/** Series (lower-case metric names) that hold an account field's figure over time. */
const DATED_FIELD_SERIES: Record<string, readonly string[]> = {
  arr: ['arr', 'mrr'],
  seats: ['seats', 'licensed_seats'],
};

/** Outcomes this close to a contract anniversary count as "on" it (days). */
export const ANNIVERSARY_SLACK_DAYS = 31;
/** Share of outcomes on anniversaries above which tenure reads the calendar (with enough of them). */
export const ANNIVERSARY_SHARE = 0.8;
const ANNIVERSARY_MIN_OUTCOMES = 20;

/**
 * When (nearly) every outcome falls on a contract anniversary, tenure at an outcome only says
 * which anniversary it is: it separates outcomes by the calendar (first renewals against later
 * ones), not by health, and a fitted model would put weight on it. Counted from the outcomes'
 * days and the contract starts alone — no churn label is read — so leaving it out cannot leak
 * the outcome. Null when tenure is fine to use.
 */
export function calendarTenure(book: Book): { onAnniversary: number; outcomes: number } | null {
  const start = new Map(book.accounts.map((a) => [a.id, a.contractStart]));
  let outcomes = 0;
  let onAnniversary = 0;
  for (const o of book.outcomes) {
    const s = start.get(o.accountId);
    if (s === null || s === undefined || o.day <= s) continue;
    outcomes++;
    const phase = (o.day - s) % 365.25;
    if (Math.min(phase, 365.25 - phase) <= ANNIVERSARY_SLACK_DAYS) onAnniversary++;
  }
  return outcomes >= ANNIVERSARY_MIN_OUTCOMES && onAnniversary >= ANNIVERSARY_SHARE * outcomes
    ? { onAnniversary, outcomes }
    : null;
}

function attributeCandidates(book: Book, skipped: SkippedColumn[]): AttributeCandidate[] {
  const out: AttributeCandidate[] = [];
  const count = (f: (a: Book['accounts'][number]) => unknown) =>
    book.accounts.filter((a) => f(a) !== null && f(a) !== undefined).length;
  const builtIn: [string, (a: Book['accounts'][number]) => unknown][] = [
    ['tenureDays', (a) => a.contractStart],
    ['arr', (a) => a.arr],
    ['seats', (a) => a.seats],
  ];
  const metrics = new Set(book.series.map((s) => s.metric.toLowerCase()));
  const calendar = calendarTenure(book);
  for (const [name, f] of builtIn) {
    const n = count(f);
    if (n === 0) continue;
    if (name === 'tenureDays' && calendar) {
      skipped.push({
        column: name,
        reason: `${calendar.onAnniversary} of ${calendar.outcomes} renewal outcomes fall within a month of a contract anniversary, so at a renewal tenure only says which anniversary it is — it reads the calendar, not health`,
      });
      continue;
    }
    // The account's ARR and seats are today's values (a churned Stripe customer's ARR is 0):
    // read as an undated attribute they would tell every backtest how the account ended. When
    // a dated series holds the same figure, the measure reads that series instead.
    const dated = DATED_FIELD_SERIES[name]?.find((m) => metrics.has(m));
    if (dated) {
      skipped.push({
        column: name,
        reason: `today's value would leak later changes into the past; the dated ${dated} series is read instead`,
      });
      continue;
    }
    out.push({ name, text: false, accounts: n });
  }
  const segments = new Set(book.accounts.map((a) => a.segment).filter((s) => s !== null));
  if (segments.size > MAX_CATEGORIES) {
    skipped.push({ column: 'segment', reason: `more than ${MAX_CATEGORIES} different values` });
  } else if (segments.size > 1) {
    out.push({ name: 'segment', text: true, accounts: count((a) => a.segment) });
  }
  const custom = new Map<string, { numeric: boolean; values: Set<string>; accounts: number }>();
  for (const a of book.accounts) {
    for (const [k, v] of Object.entries(a.attributes)) {
      if (v === null || v === '') continue;
      let c = custom.get(k);
      if (!c) custom.set(k, (c = { numeric: true, values: new Set(), accounts: 0 }));
      c.accounts++;
      if (typeof v !== 'number') c.numeric = false;
      if (c.values.size <= MAX_CATEGORIES) c.values.add(String(v));
    }
  }
  for (const [name, c] of [...custom.entries()].sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (OUTCOME_LIKE.test(name)) {
      skipped.push({ column: name, reason: 'it looks like the outcome itself' });
    } else if (c.values.size < 2) {
      skipped.push({ column: name, reason: 'the same value for every account' });
    } else if (c.numeric) {
      const binary = c.values.size === 2 && c.values.has('0') && c.values.has('1');
      out.push({ name, text: false, accounts: c.accounts, binary });
    } else if (c.values.size <= MAX_CATEGORIES) {
      out.push({ name, text: true, accounts: c.accounts });
    } else {
      skipped.push({ column: name, reason: `more than ${MAX_CATEGORIES} different values` });
    }
  }
  return out;
}

const ATTRIBUTE_FORMATS: Record<string, MeasureInput['format']> = {
  arr: 'currency',
  tenureDays: 'days',
};

/** The proposal: measures from every metric and attribute, grouped by dimension. */
export function proposeMeasures(book: Book): Proposal {
  const used = new Set<string>();
  const uniqueId = (base: string) => {
    let id = toId(base);
    for (let k = 2; used.has(id); k++) id = `${toId(base)}_${k}`;
    used.add(id);
    return id;
  };
  const skipped: SkippedColumn[] = [];
  const drafts: Draft[] = [];
  const profiles = profileMetrics(book);
  for (const metric of [...profiles.keys()].sort()) {
    const p = profiles.get(metric)!;
    if (p.constant) skipped.push({ column: metric, reason: 'the same value everywhere' });
    else drafts.push(...metricMeasures(metric, p, uniqueId));
  }
  drafts.push(...ratioMeasures(profiles, uniqueId));
  for (const a of attributeCandidates(book, skipped)) {
    drafts.push(
      draft(
        {
          id: uniqueId(`attr_${a.name}`),
          name: columnLabel(a.name),
          column: a.name,
          kind: a.text ? 'category' : 'number',
          dimension: a.name === 'segment' ? 'other' : dimensionOf(a.name),
          accountsWithData: a.accounts,
        },
        { kind: 'attribute', attribute: a.name },
        ATTRIBUTE_FORMATS[a.name],
        { binary: a.binary },
      ),
    );
  }
  if (!drafts.length)
    throw new Error('The book has no metrics or attributes to propose measures from.');
  // Without outcomes every category scores the same, so categories carry no weight until a fit
  // gives each its points (unless nothing else is there to score).
  const ranked = drafts.some((d) => d.info.kind !== 'category');
  for (const d of drafts) if (ranked && d.info.kind === 'category') d.measure.weight = 0;
  const groups: GroupInput[] = [];
  for (const dimension of DIMENSIONS) {
    const measures = drafts.filter((d) => d.info.dimension === dimension).map((d) => d.measure);
    if (!measures.length) continue;
    const weight = measures.reduce((s, m) => s + m.weight, 0);
    groups.push({ id: dimension, name: DIMENSION_NAMES[dimension], weight, measures });
  }
  const model = parseModelOrThrow({
    format: 'canary-model/1',
    id: 'proposed',
    name: 'Built from your data',
    version: 1,
    description: `${drafts.length} measures proposed from the book's own metrics and attributes, scored against the book's own percentiles.`,
    groups,
  });
  const order = new Map(model.groups.flatMap((g) => g.measures).map((m, i) => [m.id, i]));
  const measures = drafts.map((d) => d.info).sort((x, y) => order.get(x.id)! - order.get(y.id)!);
  return { model, measures, skipped, accounts: book.accounts.length };
}

/** A model with measures for every metric and attribute found in the book (see proposeMeasures). */
export function proposeModel(book: Book): ModelDocument {
  return proposeMeasures(book).model;
}
