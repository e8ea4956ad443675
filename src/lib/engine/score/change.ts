// What moved a score between two runs, in words: the override that was set or ended, a
// pattern rule that fired or stopped, a model change, else the measure whose points moved most.
// Used by every rescore to report the accounts whose band or score moved, with their cause.
import type { Band } from '../types';
import type { AccountScore, MeasureContribution } from './result';

/** The kind of cause behind a score change, most specific first. */
export type ChangeCauseKind = 'override' | 'pattern' | 'model' | 'measure' | 'unknown';

/** Why one account's score or band moved between two runs. */
export interface ChangeCause {
  kind: ChangeCauseKind;
  /** The measure that moved most (its model id), when the cause is a measure. */
  measureId: string | null;
  /** One sentence a CSM can read ("Active seats went from 40 to 22 (−9 points)."). */
  text: string;
}

/** One account whose band or score moved in a rescore. */
export interface ScoreChange {
  accountId: string;
  name: string;
  scoreBefore: number | null;
  scoreAfter: number | null;
  bandBefore: Band | null;
  bandAfter: Band | null;
  cause: ChangeCause;
}

const BAND_WORDS: Record<Band, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

function signed(points: number): string {
  const r = Math.round(points);
  return r > 0 ? `+${r}` : r < 0 ? `−${-r}` : '±0';
}

/** The measure whose points moved most between the runs (ties: the first in model order). */
function biggestMeasureMove(
  before: readonly MeasureContribution[],
  after: readonly MeasureContribution[],
): { measure: MeasureContribution; from: MeasureContribution | null; delta: number } | null {
  const earlier = new Map(before.map((m) => [m.measureId, m]));
  let best: {
    measure: MeasureContribution;
    from: MeasureContribution | null;
    delta: number;
  } | null = null;
  for (const m of after) {
    const from = earlier.get(m.measureId) ?? null;
    const delta = m.points - (from?.points ?? 0);
    if (Math.abs(delta) < 0.05) continue;
    if (!best || Math.abs(delta) > Math.abs(best.delta)) best = { measure: m, from, delta };
  }
  return best;
}

/**
 * Why `after` differs from `before` (the account's previous stored breakdown; null when there
 * was none or it was made by another model version, `modelChanged`).
 */
export function changeCause(
  before: AccountScore | null,
  after: AccountScore,
  modelChanged: boolean,
): ChangeCause {
  if (modelChanged) {
    return {
      kind: 'model',
      measureId: null,
      text: `The model changed (now ${after.modelId} version ${after.modelVersion}).`,
    };
  }
  if (!before) return { kind: 'unknown', measureId: null, text: 'First score for this account.' };
  const overrideBefore = before.override;
  const overrideAfter = after.override;
  if (!overrideBefore && overrideAfter) {
    return {
      kind: 'override',
      measureId: null,
      text: `A band override set it to ${BAND_WORDS[overrideAfter.band]}.`,
    };
  }
  if (overrideBefore && !overrideAfter) {
    return {
      kind: 'override',
      measureId: null,
      text: `The ${BAND_WORDS[overrideBefore.band]} band override ended: the scored band applies again.`,
    };
  }
  const firedBefore = new Set(before.patterns.map((p) => p.id));
  const newly = after.patterns.find((p) => !firedBefore.has(p.id));
  if (newly) return { kind: 'pattern', measureId: null, text: `Pattern "${newly.name}" fired.` };
  const firedAfter = new Set(after.patterns.map((p) => p.id));
  const stopped = before.patterns.find((p) => !firedAfter.has(p.id));
  if (stopped) {
    return {
      kind: 'pattern',
      measureId: null,
      text: `Pattern "${stopped.name}" no longer applies.`,
    };
  }
  const move = biggestMeasureMove(before.measures, after.measures);
  if (move) {
    const { measure, from, delta } = move;
    const was = from?.valueText ?? 'no data';
    const text =
      was === measure.valueText
        ? `${measure.name} (${measure.valueText}) counts for ${signed(delta)} points.`
        : `${measure.name} went from ${was} to ${measure.valueText} (${signed(delta)} points).`;
    return { kind: 'measure', measureId: measure.measureId, text };
  }
  return {
    kind: 'unknown',
    measureId: null,
    text: 'No single measure moved: the book around it changed (percentile ranks, renewal date).',
  };
}

/** Band changes first (into red first), then the biggest moves, then by account id. */
export function orderChanges(changes: ScoreChange[]): ScoreChange[] {
  const rank = (c: ScoreChange) =>
    c.bandBefore === c.bandAfter ? 2 : c.bandAfter === 'red' ? 0 : 1;
  const size = (c: ScoreChange) => Math.abs((c.scoreAfter ?? 0) - (c.scoreBefore ?? 0));
  return [...changes].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      size(b) - size(a) ||
      (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0),
  );
}
