// The plain-English explanation: at most two sentences, built only from the score's own facts,
// so the same score always reads the same way.
import { dayToIso } from '../dates';
import type { Measure, ModelDocument } from '../model/schema';
import { MIN_COVERAGE, modelLookbackDays } from './freshness';
import {
  bandWord,
  capitalise,
  formatChange,
  formatDays,
  formatNumber,
  formatValue,
  formatWindow,
  joinAnd,
} from './format';
import type { AccountScore, MeasureContribution } from './result';

/** Below this many points a measure is not worth naming as a driver. */
const MIN_DRIVER_POINTS = 1;

function windowOf(measure: Measure): number | null {
  const s = measure.source;
  return 'windowDays' in s ? s.windowDays : null;
}

/**
 * A measure's name inside a sentence: lower case ("Active Users" → "active users"), except
 * acronyms — words with two or more capitals — kept as written ("NPS", "QBRs", "ARR").
 */
export function inlineName(name: string): string {
  return name.replace(/[A-Za-z]+/g, (w) =>
    (w.match(/[A-Z]/g)?.length ?? 0) >= 2 ? w : w.toLowerCase(),
  );
}

/** Renders a measure's phrase template for its contribution. */
export function measurePhrase(
  measure: Measure,
  c: MeasureContribution,
  as: 'strength' | 'weakness',
): string {
  const p = measure.phrase;
  const template =
    p === undefined
      ? `${inlineName(measure.name)} is {value}`
      : typeof p === 'string'
        ? p
        : c.value === 0 && p.zero !== undefined
          ? p.zero
          : as === 'strength'
            ? p.good
            : p.bad;
  const v = c.value;
  const w = windowOf(measure);
  const text = template.replace(/\{(value|abs|change|window)\}/g, (_, key: string) => {
    if (key === 'window') return w === null ? 'the window' : formatWindow(w);
    if (v === null) return c.text ?? 'unknown';
    if (key === 'value') return formatValue(v, measure.format);
    if (key === 'abs') return formatValue(Math.abs(v), measure.format);
    return formatChange(v, measure.format);
  });
  // A template's unit after its value ("{value} months") is singular after exactly 1.
  return text.replace(
    /(^|[^\d.,])1 (second|minute|hour|day|week|month|year)s\b/g,
    (_, before: string, unit: string) => `${before}1 ${unit}`,
  );
}

function trendText(s: AccountScore): string {
  const t = s.trend;
  const span = `in ${formatWindow(t.windowDays)}`;
  if (t.direction === 'unknown') return `no ${t.windowDays}-day trend yet`;
  if (t.direction === 'flat') return `steady over ${formatWindow(t.windowDays)}`;
  return `${t.direction} ${Math.abs(t.change ?? 0)} ${span}`;
}

function renewalText(days: number): string {
  if (days === 0) return 'renewal today';
  if (days === 1) return 'renewal tomorrow';
  return `renewal in ${days} days`;
}

/** How many measures an explanation names at most. */
const DRIVER_COUNT = 3;

/**
 * Picks the measures to name, at most `count` (three by default): the biggest point losses when
 * not green, the biggest gains when green; ties keep the model's order.
 */
export function topDrivers(s: AccountScore, count = DRIVER_COUNT): MeasureContribution[] {
  const key = s.scoredBand === 'green' ? 'points' : 'lost';
  return s.measures
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => !c.missing && c[key] >= MIN_DRIVER_POINTS)
    .sort((x, y) => y.c[key] - x.c[key] || x.i - y.i)
    .slice(0, count)
    .map(({ c }) => c);
}

/** Why an account has no score: stale, too little of the model's weight, or no data at all. */
function whyNoScore(model: ModelDocument, s: AccountScore): string {
  if (s.status === 'stale' && s.lastDataDay !== null) {
    return (
      `Stale: no data since ${dayToIso(s.lastDataDay)}, ${formatDays(s.day - s.lastDataDay)} ` +
      `before ${dayToIso(s.day)} and outside every window the model reads ` +
      `(the longest is ${formatDays(modelLookbackDays(model))}), so there is nothing to score.`
    );
  }
  if (s.lastDataDay === null && s.coverage >= MIN_COVERAGE) {
    // Enough weight had data, so only the rule for accounts not observed yet can leave it out.
    return (
      `Not scored: no data yet on or before ${dayToIso(s.day)} (its first observation is later); ` +
      `its undated attributes alone are not a score of that day.`
    );
  }
  if (s.coverage > 0) {
    const had = s.measures.filter((c) => !c.missing && c.share > 0).map((c) => c.name);
    const named = had.length > 3 ? [...had.slice(0, 2), `${had.length - 2} more`] : had;
    return (
      `Not scored: only ${formatNumber(s.coverage * 100, 0)}% of the model's weight had data ` +
      `as of ${dayToIso(s.day)} (a score needs at least ${formatNumber(MIN_COVERAGE * 100, 0)}%)` +
      `${named.length > 0 ? `, from ${joinAnd(named.map(inlineName))}` : ''}.`
    );
  }
  return `No score: none of the model's measures has data as of ${dayToIso(s.day)}.`;
}

/** Builds the explanation sentence(s) for a scored account. */
export function explainScore(model: ModelDocument, s: AccountScore): string {
  const measuresById = new Map(model.groups.flatMap((g) => g.measures).map((m) => [m.id, m]));
  const second: string[] = [];
  if (s.patterns.length > 0)
    second.push(`matches ${joinAnd(s.patterns.map((p) => `'${p.name}'`))}`);
  if (s.override) {
    const reason = s.override.reason.trim() ? ` (${s.override.reason.trim()})` : '';
    second.push(
      `shown ${s.override.band} by override until ${dayToIso(s.override.expiresDay)}${reason}`,
    );
  }
  if (s.score !== null && s.coverage < 0.5) {
    second.push(`only ${formatNumber(s.coverage * 100, 0)}% of the model's weight had data`);
  }
  const tail = second.length > 0 ? ` ${capitalise(second.join('; '))}.` : '';
  if (s.score === null || s.scoredBand === null) return `${whyNoScore(model, s)}${tail}`;
  const as = s.scoredBand === 'green' ? 'strength' : 'weakness';
  const drivers = topDrivers(s).map((c) => measurePhrase(measuresById.get(c.measureId)!, c, as));
  const clauses: string[] = [];
  if (drivers.length > 0) clauses.push(joinAnd(drivers));
  const inRenewalWindow =
    s.daysToRenewal !== null && s.daysToRenewal <= model.lifecycle.renewalWindowDays;
  if (inRenewalWindow) clauses.push(renewalText(s.daysToRenewal!));
  const head = `${bandWord(s.scoredBand)} ${s.score}, ${trendText(s)}`;
  const body = clauses.length > 0 ? `: ${clauses.join('; ')}` : '';
  return `${head}${body}.${tail}`;
}
