// What a rescore moved: the accounts whose band or rounded score changed from their stored
// score, each with its cause in words. The causes are the changes page's (compareAccount): the
// previous stored breakdown is the start, the new score the end, so a rescore and the "What
// changed" page name a move the same way (measure, pattern, pulse, override, model change).
import { dayToIso } from '../dates';
import type { ModelDocument } from '../model/schema';
import type { AccountScore } from '../score/result';
import type { Band, Pulse } from '../types';
import { compareAccount, type CauseKind } from './attribute';
import { pulsesByAccount } from './compare';
import type { ChangePeriod } from './period';

/** The main cause of a rescore's move. */
export interface MoveCause {
  /** As on the changes page; `unknown` when there was nothing to compare or no cause stood out. */
  kind: CauseKind | 'unknown';
  /** The measure that moved most (its model id), for a measure or a scored pulse. */
  measureId: string | null;
  /** One sentence a CSM can read ("Active seats fell from 40 to 22 (−9 points)."). */
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
  cause: MoveCause;
}

/** What the save of a rescore reported for one account (the db's SavedScoreMove). */
export interface RescoreMove {
  accountId: string;
  before: { score: number | null; band: Band | null; modelKey: string };
  after: { score: number | null; band: Band | null };
  /** The previous stored breakdown (an AccountScore) under the same model version; else null. */
  beforeBreakdown: unknown;
}

/**
 * Why `after` differs from `before` (the account's previous stored breakdown; null when there
 * was none or it was made by another model version, `modelChanged`). `model` is the active
 * model; `pulses` the account's pulses (those after the previous scoring day, on or before the
 * new one, are named).
 */
export function moveCause(
  before: AccountScore | null,
  after: AccountScore,
  modelChanged: boolean,
  model: ModelDocument,
  pulses: readonly Pulse[],
): MoveCause {
  if (modelChanged) {
    return {
      kind: 'model',
      measureId: null,
      text: `The model changed (now ${after.modelId} version ${after.modelVersion}).`,
    };
  }
  if (!before) return { kind: 'unknown', measureId: null, text: 'First score for this account.' };
  const period: ChangePeriod = {
    start: before.day,
    end: after.day,
    days: after.day - before.day,
    label: `${dayToIso(before.day)} to ${dayToIso(after.day)}`,
  };
  const compared = compareAccount(
    { before, beforeActive: null, after, pulses },
    model,
    period,
    null,
  );
  const main = compared.causes[0];
  if (!main) return { kind: 'unknown', measureId: null, text: compared.cause };
  return { kind: main.kind, measureId: main.measureId ?? null, text: compared.cause };
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

/**
 * The moves a rescore's save reported, each with its cause from the previous and the new
 * breakdown, in `orderChanges` order. `scores` are the rescore's scores, `active` the active
 * model version (its key and document), `pulses` the book's.
 */
export function describeMoves(
  moves: readonly RescoreMove[],
  scores: readonly AccountScore[],
  active: { key: string; model: ModelDocument },
  pulses: readonly Pulse[],
): ScoreChange[] {
  if (moves.length === 0) return [];
  const byId = new Map(scores.map((s) => [s.accountId, s]));
  const pulsesOf = pulsesByAccount(pulses);
  const changes: ScoreChange[] = [];
  for (const m of moves) {
    const after = byId.get(m.accountId);
    if (!after) continue;
    changes.push({
      accountId: m.accountId,
      name: after.accountName,
      scoreBefore: m.before.score,
      scoreAfter: m.after.score,
      bandBefore: m.before.band,
      bandAfter: m.after.band,
      cause: moveCause(
        (m.beforeBreakdown as AccountScore | null) ?? null,
        after,
        m.before.modelKey !== active.key,
        active.model,
        pulsesOf.get(m.accountId) ?? [],
      ),
    });
  }
  return orderChanges(changes);
}
