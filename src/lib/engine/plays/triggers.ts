// Each trigger kind as two tests on an account's facts — "enters" (fire) and "still in" (looser,
// so a value hovering at a threshold does not leave and re-enter) — and the reason in words.
import { SEED_BANDS, type BandLimits, type PlayFacts } from './facts';
import type { PlaybookConditions, Trigger } from './schema';

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}

/** Whether the account meets the playbook's conditions (segment, owner, ARR, stage). */
export function meetsConditions(c: PlaybookConditions, f: PlayFacts): boolean {
  if (
    c.segments &&
    c.segments.length > 0 &&
    (f.segment === null || !c.segments.includes(f.segment))
  )
    return false;
  if (c.owners && c.owners.length > 0 && (f.owner === null || !c.owners.includes(f.owner)))
    return false;
  if (c.minArr !== undefined && (f.arr === null || f.arr < c.minArr)) return false;
  if (c.maxArr !== undefined && (f.arr === null || f.arr > c.maxArr)) return false;
  if (c.stages && c.stages.length > 0 && (f.stage === null || !c.stages.includes(f.stage)))
    return false;
  return true;
}

/** Strictly inside the range (the "enters" test; staying in uses scoreBounds' looser bounds). */
function inRange(score: number, below: number | undefined, above: number | undefined): boolean {
  return (below === undefined || score < below) && (above === undefined || score > above);
}

/**
 * A threshold on the seeds' band scale (red 0–30, amber 31–70, green 71–100) as a score on a
 * model's bands: piecewise linear through 0 → 0, 30 → redMax, 70 → amberMax, 100 → 100.
 */
export function onModelBands(x: number, bands: BandLimits): number {
  const from = [0, SEED_BANDS.redMax, SEED_BANDS.amberMax, 100];
  const to = [0, bands.redMax, bands.amberMax, 100];
  const v = Math.min(100, Math.max(0, x));
  for (let i = 1; i < from.length; i++) {
    if (v <= from[i])
      return to[i - 1] + ((v - from[i - 1]) / (from[i] - from[i - 1])) * (to[i] - to[i - 1]);
  }
  return 100;
}

/** A score trigger's thresholds in the model's points: enter and stay-in bounds. */
function scoreBounds(t: Extract<Trigger, { kind: 'score' }>, f: PlayFacts) {
  const map = (x: number | undefined) =>
    x === undefined ? undefined : t.scale === 'bands' ? onModelBands(x, f.bands) : x;
  return {
    below: map(t.below),
    above: map(t.above),
    stayBelow: t.below === undefined ? undefined : map(t.below + t.hysteresis),
    stayAbove: t.above === undefined ? undefined : map(t.above - t.hysteresis),
  };
}

/** The drop over the trigger's window, when both ends are known. */
function dropOf(t: Extract<Trigger, { kind: 'drop' }>, f: PlayFacts): number | null {
  if (f.score === null) return null;
  const before = f.scoreOn(f.day - t.days);
  return before === null ? null : before - f.score;
}

/** Whether the trigger enters today (the strict test; a band trigger has no looser one). */
export function enters(t: Trigger, f: PlayFacts): boolean {
  switch (t.kind) {
    case 'band':
      return f.band === t.band;
    case 'score': {
      const b = scoreBounds(t, f);
      return f.score !== null && inRange(f.score, b.below, b.above);
    }
    case 'drop': {
      const d = dropOf(t, f);
      return d !== null && d >= t.points;
    }
    case 'pattern':
      return f.patterns.some((p) => p.id === t.pattern);
    case 'stage':
      return f.stage === t.stage;
    case 'tenure':
      return f.tenureDays !== null && f.tenureDays >= t.fromDay && f.tenureDays < t.toDay;
    case 'renewal':
      return f.daysToRenewal !== null && f.daysToRenewal >= 0 && f.daysToRenewal <= t.days;
    case 'pulse':
      return f.pulse !== null && f.pulse <= t.atOrBelow;
    case 'no-data':
      return f.daysSinceData !== null && f.daysSinceData >= t.days;
    case 'expansion':
      return (
        f.band === 'green' &&
        f.trendChange !== null &&
        f.trendChange > 0 &&
        f.seatUse !== null &&
        f.seatUse >= t.minSeatUse
      );
  }
}

/**
 * Whether a trigger that is in stays in today: the hysteresis. `ref` is the score a drop fell to.
 * Missing data (no score today) keeps a score trigger in: silence is not recovery.
 */
export function staysIn(t: Trigger, f: PlayFacts, ref: number | null): boolean {
  switch (t.kind) {
    case 'score': {
      if (f.score === null) return true;
      const b = scoreBounds(t, f);
      return (
        (b.stayBelow === undefined || f.score <= b.stayBelow) &&
        (b.stayAbove === undefined || f.score >= b.stayAbove)
      );
    }
    case 'drop':
      return f.score === null || ref === null || f.score <= ref + t.hysteresis;
    case 'expansion':
      return f.band === 'green' && f.seatUse !== null && f.seatUse >= t.minSeatUse - 0.05;
    case 'no-data':
      return f.daysSinceData === null || f.daysSinceData >= t.days;
    default:
      return enters(t, f);
  }
}

/**
 * Whether a trigger that is in fires again on top of its episode: a drop trigger when the score
 * has fallen its `points` again below the level it fell to (`ref`). Other kinds never do.
 */
export function refires(t: Trigger, f: PlayFacts, ref: number | null): boolean {
  return t.kind === 'drop' && f.score !== null && ref !== null && f.score <= ref - t.points;
}

/** The reason a playbook fired, in words (stored on the task). */
export function reasonOf(t: Trigger, f: PlayFacts, stageName: (id: string) => string): string {
  switch (t.kind) {
    case 'band':
      return `Band is ${t.band} (score ${f.score ?? 'n/a'})`;
    case 'score': {
      const s = f.score ?? 'n/a';
      const b = scoreBounds(t, f);
      const mapped =
        t.scale === 'bands' &&
        (f.bands.redMax !== SEED_BANDS.redMax || f.bands.amberMax !== SEED_BANDS.amberMax);
      // On a model whose bands differ from the seeds', say both: the model's points and the scale's.
      const num = (x: number, y: number) =>
        mapped ? `${fmt(Math.round(x))} (${fmt(y)} on the band scale)` : fmt(y);
      if (t.below !== undefined && t.above !== undefined)
        return `Score ${s} is between ${num(b.above!, t.above)} and ${num(b.below!, t.below)}`;
      return t.below !== undefined
        ? `Score ${s} is below ${num(b.below!, t.below)}`
        : `Score ${s} is above ${num(b.above!, t.above!)}`;
    }
    case 'drop': {
      const d = dropOf(t, f);
      return d !== null && d >= t.points
        ? `Score fell ${fmt(d)} points in ${t.days} days (to ${f.score ?? 'n/a'})`
        : `Score fell further, to ${f.score ?? 'n/a'}`;
    }
    case 'pattern': {
      const p = f.patterns.find((x) => x.id === t.pattern);
      return `Pattern fired: ${p?.name ?? t.pattern}`;
    }
    case 'stage':
      return `Entered the ${stageName(t.stage)} stage`;
    case 'tenure':
      return `${f.tenureDays} days since the contract started`;
    case 'renewal':
      return `Renewal in ${f.daysToRenewal} days`;
    case 'pulse':
      return `Latest pulse is ${fmt(f.pulse!)} of 5`;
    case 'no-data':
      return `No data for ${f.daysSinceData} days`;
    case 'expansion':
      return `Green and rising (+${f.trendChange}) with seat use at ${pct(f.seatUse!)}`;
  }
}
