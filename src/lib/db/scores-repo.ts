// Scores: the current score per account and the columnar snapshot history per model version.
import type { Band, DayNumber } from '../engine/types';
import type { CanaryDb } from './canary-db';
import {
  BAND_CODES,
  SCORING_DAY_SETTING,
  type CurrentScoreRecord,
  type ScoringDayRecord,
  type ScoreDetailRecord,
  type ScoreHistoryRecord,
  type ScoreSummary,
} from './records';
import { mergeHistory, recentHistory, type HistoryColumns } from './score-history-merge';
import { assertSeriesShape } from './series-shape';

/** The summary as the scorer knows it; `saveScores` adds the recent history from storage. */
export type SummaryInput = Omit<ScoreSummary, 'sparkDays' | 'sparkScores' | 'bandLastWeek'>;

/** One account's score as the engine produced it, ready to store. */
export interface StoredScore {
  accountId: string;
  /** Null when the account could not be scored (no data for any measure). */
  score: number | null;
  band: Band | null;
  coverage: number;
  trendDelta: number | null;
  explanation: string;
  /** What the portfolio shows (rank, reason, trend, renewal, patterns). */
  summary: SummaryInput;
  /** The engine's full breakdown, plain JSON (stored in scoreDetails for the account page). */
  breakdown: unknown;
}

/** Many snapshots of one account at once (e.g. a backfilled history), day-ascending. */
export interface ScoreHistoryPoints extends HistoryColumns {
  accountId: string;
}

async function mergeIntoHistory(
  db: CanaryDb,
  modelKey: string,
  points: readonly ScoreHistoryPoints[],
): Promise<ScoreHistoryRecord[]> {
  const stored = await db.scoreHistory.bulkGet(points.map((p) => [p.accountId, modelKey]));
  const records: ScoreHistoryRecord[] = points.map((p, i) => ({
    accountId: p.accountId,
    modelKey,
    ...mergeHistory(stored[i], p),
  }));
  await db.scoreHistory.bulkPut(records);
  return records;
}

/**
 * Stores one scoring run of the active model at `asOfDay`, in one transaction: the current
 * score of each account with its recent history and its breakdown (unless it already holds a
 * later day of the same model), and one snapshot per scored account for that day in the model
 * version's history, replacing a snapshot of the same day. `backfill` adds earlier snapshots in
 * the same transaction (a first scoring's history), so each history record is written once.
 * Other model versions' snapshots are never touched. With `scoring` (a whole-book rescore and
 * the day it chose, stored as the `scoringDay` setting in the same transaction) every current
 * score is replaced, even one of a later day: the book's scoring day can move back (an import
 * undone, a book whose data ends in the past).
 */
export async function saveScores(
  db: CanaryDb,
  modelKey: string,
  asOfDay: DayNumber,
  scores: readonly StoredScore[],
  backfill: readonly ScoreHistoryPoints[] = [],
  scoring?: ScoringDayRecord,
): Promise<SavedScoreMove[]> {
  assertHistoryShapes(backfill);
  const tables = [db.currentScores, db.scoreDetails, db.scoreHistory, db.settings];
  return db.transaction('rw', tables, async () => {
    const existing = await db.currentScores.bulkGet(scores.map((s) => s.accountId));
    const fresh = scores.filter((s, i) => {
      const before = existing[i];
      if (scoring) return true;
      return !(before && before.modelKey === modelKey && before.asOfDay > asOfDay);
    });
    // An unscored account gets no snapshot: history holds scores, not gaps.
    const scored = scores.filter(
      (s): s is StoredScore & { score: number; band: Band } => s.score !== null && s.band !== null,
    );
    const earlier = new Map(backfill.map((p) => [p.accountId, p]));
    const incoming: ScoreHistoryPoints[] = scored.map((s) => {
      const today: HistoryColumns = {
        days: Int32Array.of(asOfDay),
        scores: Float32Array.of(s.score),
        bands: Uint8Array.of(BAND_CODES[s.band]),
        coverage: Float32Array.of(s.coverage),
      };
      const before = earlier.get(s.accountId);
      earlier.delete(s.accountId);
      return { accountId: s.accountId, ...(before ? mergeHistory(before, today) : today) };
    });
    incoming.push(...earlier.values());
    const merged = await mergeIntoHistory(db, modelKey, incoming);
    // Each current score carries its recent history, so the portfolio never reads history.
    const historyOf = new Map<string, HistoryColumns | undefined>(
      merged.map((h) => [h.accountId, h]),
    );
    const unscored = fresh.filter((s) => !historyOf.has(s.accountId)).map((s) => s.accountId);
    const older = await db.scoreHistory.bulkGet(unscored.map((id) => [id, modelKey]));
    unscored.forEach((id, i) => historyOf.set(id, older[i]));
    const current: CurrentScoreRecord[] = [];
    const details: ScoreDetailRecord[] = [];
    for (const s of fresh) {
      const { breakdown, summary, ...headline } = s;
      current.push({
        ...headline,
        modelKey,
        asOfDay,
        summary: { ...summary, ...recentHistory(historyOf.get(s.accountId), asOfDay) },
      });
      details.push({ accountId: s.accountId, modelKey, asOfDay, breakdown });
    }
    const moves = await movesOf(db, fresh, existing, scores, modelKey);
    await db.currentScores.bulkPut(current);
    await db.scoreDetails.bulkPut(details);
    if (scoring) await db.settings.put({ key: SCORING_DAY_SETTING, value: scoring });
    return moves;
  });
}

/**
 * An account whose band or rounded score a save moved, with what it was before: the caller
 * (the rescore) says why, from the previous breakdown (read only when the model is the same).
 */
export interface SavedScoreMove {
  accountId: string;
  before: { score: number | null; band: Band | null; modelKey: string };
  after: { score: number | null; band: Band | null };
  /** The previous stored breakdown under the same model version; null otherwise. */
  beforeBreakdown: unknown;
}

function moved(
  a: { score: number | null; band: Band | null },
  b: { score: number | null; band: Band | null },
): boolean {
  if (a.band !== b.band) return true;
  if (a.score === null || b.score === null) return a.score !== b.score;
  return Math.round(a.score) !== Math.round(b.score);
}

async function movesOf(
  db: CanaryDb,
  fresh: readonly StoredScore[],
  existing: readonly (CurrentScoreRecord | undefined)[],
  scores: readonly StoredScore[],
  modelKey: string,
): Promise<SavedScoreMove[]> {
  const beforeOf = new Map<string, CurrentScoreRecord>();
  scores.forEach((s, i) => {
    const b = existing[i];
    if (b) beforeOf.set(s.accountId, b);
  });
  const moves: SavedScoreMove[] = [];
  for (const s of fresh) {
    const b = beforeOf.get(s.accountId);
    if (!b || !moved(b, s)) continue;
    moves.push({
      accountId: s.accountId,
      before: { score: b.score, band: b.band, modelKey: b.modelKey },
      after: { score: s.score, band: s.band },
      beforeBreakdown: null,
    });
  }
  const sameModel = moves.filter((m) => m.before.modelKey === modelKey);
  if (sameModel.length > 0) {
    const details = await db.scoreDetails.bulkGet(sameModel.map((m) => m.accountId));
    sameModel.forEach((m, i) => {
      const d = details[i];
      if (d && d.modelKey === modelKey) m.beforeBreakdown = d.breakdown;
    });
  }
  return moves;
}

function assertHistoryShapes(points: readonly ScoreHistoryPoints[]): void {
  for (const p of points) {
    for (const col of [p.scores, p.bands, p.coverage]) {
      assertSeriesShape(`${p.accountId} history`, p.days, col);
    }
  }
}

/** Merges many snapshots per account into one model version's history, in one transaction. */
export async function appendScoreHistory(
  db: CanaryDb,
  modelKey: string,
  points: readonly ScoreHistoryPoints[],
): Promise<void> {
  assertHistoryShapes(points);
  await db.transaction('rw', db.scoreHistory, () => mergeIntoHistory(db, modelKey, points));
}

/** One account's snapshot histories: of `modelKey` only, or of every model version. */
export async function loadScoreHistory(
  db: CanaryDb,
  accountId: string,
  modelKey?: string,
): Promise<ScoreHistoryRecord[]> {
  if (modelKey !== undefined) {
    const one = await db.scoreHistory.get([accountId, modelKey]);
    return one ? [one] : [];
  }
  return db.scoreHistory.where('accountId').equals(accountId).sortBy('modelKey');
}

/** Every account's current score. */
export function loadCurrentScores(db: CanaryDb): Promise<CurrentScoreRecord[]> {
  return db.currentScores.toArray();
}

/** The full breakdown of one account's current score, if it has been scored. */
export function getScoreDetail(
  db: CanaryDb,
  accountId: string,
): Promise<ScoreDetailRecord | undefined> {
  return db.scoreDetails.get(accountId);
}

/** One account's current score, if it has been scored. */
export function getCurrentScore(
  db: CanaryDb,
  accountId: string,
): Promise<CurrentScoreRecord | undefined> {
  return db.currentScores.get(accountId);
}
