// Why an account's score or band moved between two days, in words: the measure that moved most
// (by the points it gave), a pattern rule that fired or cleared, a pulse logged, an override set
// or ended, a model change. Pure: it reads two AccountScores the engine computed point in time
// (each as of its own day; an override in force shows in each) and the pulses of the period.
import { dayToIso } from '../dates';
import type { Measure, ModelDocument } from '../model/schema';
import { bandWord, formatNumber, joinAnd } from '../score/format';
import type { AccountScore, MeasureContribution } from '../score/result';
import type { Band, BandOverride, DayNumber, Pulse } from '../types';
import { inPeriod, type ChangePeriod } from './period';

/** What kind of thing moved the score. */
export type CauseKind =
  'measure' | 'pattern' | 'pulse' | 'override' | 'model' | 'context' | 'status';

/** One cause of a change, in words, with the points it moved (null when it moved no points). */
export interface ChangeCause {
  kind: CauseKind;
  /** A clause starting lower case: "active seats fell from 40 to 22 (−9 points)". */
  text: string;
  /** Signed points this cause moved the score; null for a band-only cause (an override). */
  points: number | null;
  /** The measure's id (kind `measure` / `pulse`). */
  measureId?: string;
}

/** The model versions in force at the period's start and end, when the active model changed. */
export interface ModelSwitch {
  from: { key: string; name: string; version: number };
  to: { key: string; name: string; version: number };
  /** The day the new version was saved (and so made active). */
  day: DayNumber;
}

/** What is compared for one account. */
export interface ComparisonInput {
  /** As of the period's start, under the model in force then. */
  before: AccountScore;
  /** As of the period's start under the active model (only when the model changed). */
  beforeActive: AccountScore | null;
  /** As of the period's end, under the active model. */
  after: AccountScore;
  /** The account's pulses (any day; those in the period are used). */
  pulses: readonly Pulse[];
}

/** One account's change over the period. */
export interface AccountComparison {
  accountId: string;
  name: string;
  scoreBefore: number | null;
  scoreAfter: number | null;
  /** scoreAfter − scoreBefore, null unless both were scored. */
  delta: number | null;
  bandBefore: Band | null;
  bandAfter: Band | null;
  bandChanged: boolean;
  /** Worse (down), better (up) or neither — by the band when the score is missing. */
  direction: 'down' | 'up' | 'none';
  /** Causes, the main one first. */
  causes: ChangeCause[];
  /** The main cause as a sentence ("Active seats fell from 40 to 22 (−9 points)."). */
  cause: string;
}

/** Below this many points a measure is not named as a cause. */
export const MIN_CAUSE_POINTS = 0.5;

const BAND_RANK: Record<Band, number> = { red: 0, amber: 1, green: 2 };

/** "Active seats" → "active seats"; "NPS" stays "NPS". */
export function lowerName(name: string): string {
  if (name.length > 1 && name[1] === name[1].toUpperCase() && /[A-Z]/.test(name[1])) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** "+6 points" / "−9 points" / "−1 point" (true minus sign). */
export function signedPoints(points: number): string {
  const r = Math.round(points);
  const n = Math.abs(r);
  const sign = r > 0 ? '+' : r < 0 ? '−' : '±';
  return `${sign}${formatNumber(n, 0)} ${n === 1 ? 'point' : 'points'}`;
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}

function measureText(b: MeasureContribution, a: MeasureContribution, points: number): string {
  const name = lowerName(a.name);
  const tail = ` (${signedPoints(points)})`;
  if (b.missing && a.missing) return `${name} scored differently${tail}`;
  if (b.missing) return `${name} now has data: ${a.valueText}${tail}`;
  if (a.missing) return `${name} has no data any more (was ${b.valueText})${tail}`;
  if (b.valueText === a.valueText) {
    // Same value, different score: a percentile within the book or a context's scoring moved.
    return `${name} stayed at ${a.valueText} but scored ${points < 0 ? 'lower' : 'higher'}${tail}`;
  }
  if (a.value !== null && b.value !== null) {
    return `${name} ${a.value < b.value ? 'fell' : 'rose'} from ${b.valueText} to ${a.valueText}${tail}`;
  }
  return `${name} went from ${b.valueText} to ${a.valueText}${tail}`;
}

interface MeasureEffect {
  before: MeasureContribution;
  after: MeasureContribution;
  points: number;
}

const counted = (c: MeasureContribution) => c.maxPoints > 0;

/**
 * Each measure's part in the change of the score before patterns. A measure counted on both
 * days moved its own score at today's weight: (fraction today − fraction then) × max points. A
 * measure that gained or lost data also re-weighted every other one; that re-weighting is
 * its effect, shared among the measures that came or went by their weight. The parts add up
 * to the change (what is left with none coming or going is a context shift: contextShift).
 */
function measureEffects(before: AccountScore, after: AccountScore): MeasureEffect[] {
  const beforeById = new Map(before.measures.map((c) => [c.measureId, c]));
  const pairs = after.measures.flatMap((a) => {
    const b = beforeById.get(a.measureId);
    return b ? [{ before: b, after: a }] : [];
  });
  let total = 0;
  let own = 0;
  let movingWeight = 0;
  const effects: MeasureEffect[] = pairs.map(({ before: b, after: a }) => {
    total += a.points - b.points;
    if (counted(a) && counted(b)) {
      const points = (a.points / a.maxPoints - b.points / b.maxPoints) * a.maxPoints;
      own += points;
      return { before: b, after: a, points };
    }
    movingWeight += counted(a) ? a.maxPoints : b.maxPoints;
    return { before: b, after: a, points: 0 };
  });
  if (movingWeight > 0) {
    const rest = total - own;
    for (const e of effects) {
      if (counted(e.after) !== counted(e.before)) {
        const w = counted(e.after) ? e.after.maxPoints : e.before.maxPoints;
        e.points = (rest * w) / movingWeight;
      }
    }
  }
  return effects;
}

/** Points moved by re-weighting alone (a stage or segment context), when no measure came or went. */
function contextShift(before: AccountScore, after: AccountScore): number | null {
  const beforeById = new Map(before.measures.map((c) => [c.measureId, c]));
  let total = 0;
  let own = 0;
  for (const a of after.measures) {
    const b = beforeById.get(a.measureId);
    if (!b) continue;
    if (counted(a) !== counted(b)) return null;
    total += a.points - b.points;
    if (counted(a)) own += (a.points / a.maxPoints - b.points / b.maxPoints) * a.maxPoints;
  }
  return total - own;
}

function patternEffect(s: AccountScore): number {
  return s.score === null || s.scoreBeforePatterns === null ? 0 : s.score - s.scoreBeforePatterns;
}

function pulseText(pulses: Pulse[], points: number | null): string {
  const last = pulses[pulses.length - 1];
  const reason = last.reason?.trim() ? ` (“${last.reason.trim()}”)` : '';
  const more = pulses.length > 1 ? `, after ${pulses.length - 1} more in the period` : '';
  const tail = points === null ? '; the model does not score pulses' : ` (${signedPoints(points)})`;
  return `CSM pulse ${formatNumber(last.value, 1)} of 5 logged on ${dayToIso(last.day)}${reason}${more}${tail}`;
}

function overrideCauses(
  before: AccountScore,
  after: AccountScore,
  period: ChangePeriod,
): ChangeCause[] {
  const out: ChangeCause[] = [];
  const a = after.override;
  const b = before.override;
  const same = (x: BandOverride, y: BandOverride) =>
    x.day === y.day && x.band === y.band && x.expiresDay === y.expiresDay;
  if (a && (!b || !same(a, b))) {
    const reason = a.reason.trim() ? ` (“${a.reason.trim()}”)` : '';
    out.push({
      kind: 'override',
      text: `override set on ${dayToIso(a.day)}: shown ${a.band} until ${dayToIso(a.expiresDay)}${reason}`,
      points: null,
    });
  }
  if (b && (!a || !same(a, b))) {
    const ended = b.expiresDay <= period.end ? `ended on ${dayToIso(b.expiresDay)}` : 'was removed';
    out.push({
      kind: 'override',
      text: `the override showing it ${b.band} ${ended}`,
      points: null,
    });
  }
  // An override set and gone within the period moved nothing at either end: not a cause.
  return out;
}

/** Direction of a change: the score's sign, else the band's. */
function directionOf(
  delta: number | null,
  bandBefore: Band | null,
  bandAfter: Band | null,
): 'down' | 'up' | 'none' {
  if (bandBefore !== null && bandAfter !== null && bandBefore !== bandAfter) {
    return BAND_RANK[bandAfter] < BAND_RANK[bandBefore] ? 'down' : 'up';
  }
  if (delta !== null && delta !== 0) return delta < 0 ? 'down' : 'up';
  if (bandBefore !== null && bandAfter === null) return 'down';
  if (bandBefore === null && bandAfter !== null) return 'up';
  return 'none';
}

/**
 * Compares one account's score at the period's start and end and names the causes. `model` is
 * the active model (its measures phrase the causes); `modelSwitch` is set when a different
 * version was in force at the start.
 */
export function compareAccount(
  input: ComparisonInput,
  model: ModelDocument,
  period: ChangePeriod,
  modelSwitch: ModelSwitch | null,
): AccountComparison {
  const { before, after } = input;
  const same = input.beforeActive ?? before;
  const measureById = new Map<string, Measure>(
    model.groups.flatMap((g) => g.measures).map((m) => [m.id, m]),
  );
  const delta = before.score !== null && after.score !== null ? after.score - before.score : null;
  const direction = directionOf(delta, before.band, after.band);
  const causes: ChangeCause[] = [];
  const pulses = input.pulses.filter((p) => inPeriod(p.day, period)).sort((x, y) => x.day - y.day);
  let pulseNamed = false;

  if (same.score !== null && after.score !== null) {
    for (const e of measureEffects(same, after)) {
      const isPulse = measureById.get(e.after.measureId)?.source.kind === 'pulse';
      if (isPulse && pulses.length > 0) {
        causes.push({
          kind: 'pulse',
          text: pulseText(pulses, e.points),
          points: e.points,
          measureId: e.after.measureId,
        });
        pulseNamed = true;
        continue;
      }
      if (Math.abs(e.points) < MIN_CAUSE_POINTS) continue;
      causes.push({
        kind: 'measure',
        text: measureText(e.before, e.after, e.points),
        points: e.points,
        measureId: e.after.measureId,
      });
    }
    const shift = contextShift(same, after);
    if (shift !== null && Math.abs(shift) >= MIN_CAUSE_POINTS) {
      const stage =
        same.stage !== after.stage && after.stage !== null
          ? `the lifecycle stage moved from ${same.stage ?? 'none'} to ${after.stage}`
          : 'the measures’ weights shifted';
      causes.push({
        kind: 'context',
        text: `${stage} (${signedPoints(shift)})`,
        points: shift,
      });
    }
    const beforeNames = new Set(same.patterns.map((p) => p.name));
    const afterNames = new Set(after.patterns.map((p) => p.name));
    const fired = after.patterns.filter((p) => !beforeNames.has(p.name)).map((p) => `‘${p.name}’`);
    const cleared = same.patterns.filter((p) => !afterNames.has(p.name)).map((p) => `‘${p.name}’`);
    if (fired.length > 0 || cleared.length > 0) {
      const points = patternEffect(after) - patternEffect(same);
      const parts: string[] = [];
      if (fired.length > 0)
        parts.push(`${fired.length === 1 ? 'pattern' : 'patterns'} ${joinAnd(fired)} fired`);
      if (cleared.length > 0)
        parts.push(`${joinAnd(cleared)} no longer ${cleared.length === 1 ? 'matches' : 'match'}`);
      causes.push({
        kind: 'pattern',
        text: `${parts.join('; ')}${points !== 0 ? ` (${signedPoints(points)})` : ''}`,
        points,
      });
    }
  }
  if (!pulseNamed && pulses.length > 0) {
    const scoresPulses = model.groups.some((g) =>
      g.measures.some((m) => m.source.kind === 'pulse'),
    );
    causes.push({
      kind: 'pulse',
      text: pulseText(pulses, scoresPulses ? 0 : null),
      points: scoresPulses ? 0 : null,
    });
  }
  if (modelSwitch && input.beforeActive) {
    const points =
      input.beforeActive.score !== null && before.score !== null
        ? input.beforeActive.score - before.score
        : null;
    causes.push({
      kind: 'model',
      text:
        `the model changed on ${dayToIso(modelSwitch.day)} from ${modelSwitch.from.name} v${modelSwitch.from.version} ` +
        `to ${modelSwitch.to.name} v${modelSwitch.to.version}` +
        (points !== null ? ` (${signedPoints(points)} on the same data)` : ''),
      points,
    });
  }
  if (before.score === null && after.score !== null) {
    causes.push({
      kind: 'status',
      text: `first scored in the period (it had ${before.status === 'stale' ? 'no recent data' : 'too little data'} on ${dayToIso(period.start)})`,
      points: null,
    });
  } else if (before.score !== null && after.score === null) {
    const why =
      after.status === 'stale' && after.lastDataDay !== null
        ? `no data since ${dayToIso(after.lastDataDay)}`
        : 'too little of the model’s weight has data';
    causes.push({ kind: 'status', text: `no score any more: ${why}`, points: null });
  }
  const overrides = overrideCauses(before, after, period);
  causes.push(...overrides);

  // Main cause first: an override when it alone moved the band shown; otherwise the biggest
  // move in the change's direction, then the rest by size.
  const sign = direction === 'down' ? -1 : direction === 'up' ? 1 : 0;
  const overrideMovedBand =
    overrides.length > 0 && before.band !== after.band && before.scoredBand === after.scoredBand;
  const weight = (c: ChangeCause): number => {
    if (c.kind === 'override') return overrideMovedBand ? 1e9 : -1e6;
    if (c.kind === 'status') return 1e8;
    if (c.points === null) return -1e7;
    return sign === 0 ? Math.abs(c.points) : c.points * sign;
  };
  causes.sort((x, y) => weight(y) - weight(x));
  const cause =
    causes.length > 0
      ? `${capitalise(causes[0].text)}.`
      : delta === 0 || delta === null
        ? 'No change.'
        : 'Small moves across several measures, none of them a point on its own.';
  return {
    accountId: after.accountId,
    name: after.accountName || after.accountId,
    scoreBefore: before.score,
    scoreAfter: after.score,
    delta,
    bandBefore: before.band,
    bandAfter: after.band,
    bandChanged: before.band !== after.band,
    direction,
    causes,
    cause,
  };
}

/** The band's word, or "no band". */
export function bandText(band: Band | null): string {
  return band === null ? 'no band' : bandWord(band);
}
