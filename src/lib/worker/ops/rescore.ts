// Rescores the whole book with the active model as of a day: current scores (with explanations
// and priorities) for every account, plus weekly snapshots for any history the active model
// version does not have yet. Existing snapshots are never rewritten, so history does not
// silently change; a new model version gets its own snapshots beside the old ones.
import {
  prepareBook,
  scoreBook,
  scoreHistory,
  weeklyDays,
  type AccountScore,
  type PreparedBook,
} from '../../engine';
import { rankAccounts } from '../../engine/priority';
import type { Book, DayNumber } from '../../engine/types';
import {
  appendScoreHistory,
  BAND_CODES,
  getDb,
  loadBook,
  saveScores,
  type CanaryDb,
  type ScoreHistoryPoints,
  type StoredScore,
} from '../../db';
import type { ProgressFn } from '../progress';
import { ensureActiveModel } from './active-model';

/** What to rescore. */
export interface RescoreRequest {
  /** The day to score as of (the app passes today). */
  asOfDay: DayNumber;
  /** Weekly history points to backfill where missing (default 104 = two years). */
  historyWeeks?: number;
}

/** Rescore input when the caller already holds the book (e.g. just generated or imported). */
export interface RescoreWithBook extends RescoreRequest {
  book?: Book;
}

/** What a rescore did. */
export interface RescoreSummary {
  accounts: number;
  modelKey: string;
  bands: { red: number; amber: number; green: number; none: number };
  snapshotsAdded: number;
  /** Total milliseconds, and its parts. */
  ms: number;
  timings: { readMs: number; scoreMs: number; historyMs: number; saveMs: number };
}

function toStored(scores: AccountScore[], prepared: PreparedBook): StoredScore[] {
  const arrOf = new Map(prepared.accounts.map((a) => [a.id, a.arr]));
  const ranked = rankAccounts(
    scores.map((s) => ({
      accountId: s.accountId,
      score: s.score,
      band: s.band,
      trendChange: s.trend.change,
      patternsFired: s.patterns.length,
      arr: arrOf.get(s.accountId) ?? null,
      daysToRenewal: s.daysToRenewal,
      coverage: s.coverage,
    })),
  );
  const byId = new Map(ranked.map((r) => [r.accountId, r]));
  return scores.map((s) => {
    const p = byId.get(s.accountId)!;
    return {
      accountId: s.accountId,
      score: s.score,
      band: s.band,
      coverage: s.coverage,
      trendDelta: s.trend.change,
      explanation: s.explanation,
      summary: {
        priority: p.priority,
        rank: p.rank,
        priorityReason: p.reason,
        overridden: s.override != null,
        trendDirection: s.trend.direction,
        trendWindowDays: s.trend.windowDays,
        daysToRenewal: s.daysToRenewal,
        stage: s.stage,
        patterns: s.patterns.map((f) => f.name),
      },
      breakdown: s,
    };
  });
}

async function backfillHistory(
  db: CanaryDb,
  prepared: PreparedBook,
  model: Parameters<typeof scoreHistory>[1],
  modelKey: string,
  asOfDay: DayNumber,
  weeks: number,
): Promise<number> {
  const have = await db.scoreHistory.where('modelKey').equals(modelKey).primaryKeys();
  const scored = new Set(have.map((k) => (k as [string, string])[0]));
  const missing = prepared.accounts.filter((a) => !scored.has(a.id)).map((a) => a.id);
  if (missing.length === 0) return 0;
  // Weekly points ending on the last Monday before asOf, so every account shares the same grid.
  const days = weeklyDays(asOfDay - 7, weeks);
  const snaps = scoreHistory(prepared, model, days, missing);
  const points: ScoreHistoryPoints[] = [];
  for (let a = 0; a < missing.length; a++) {
    const rows = snaps
      .slice(a * days.length, (a + 1) * days.length)
      .filter((s) => s.score !== null);
    if (rows.length === 0) continue;
    points.push({
      accountId: missing[a],
      days: Int32Array.from(rows, (s) => s.day),
      scores: Float32Array.from(rows, (s) => s.score!),
      bands: Uint8Array.from(rows, (s) => BAND_CODES[s.band!]),
      coverage: Float32Array.from(rows, (s) => s.coverage),
    });
  }
  await appendScoreHistory(db, modelKey, points);
  return points.reduce((n, p) => n + p.days.length, 0);
}

/** Rescores every account as of `asOfDay` and stores the results. */
export default async function rescore(
  request: RescoreWithBook,
  onProgress?: ProgressFn,
): Promise<RescoreSummary> {
  const started = performance.now();
  const db = getDb();
  onProgress?.({ fraction: 0.05, label: 'Reading the book' });
  const [book, active] = await Promise.all([request.book ?? loadBook(db), ensureActiveModel(db)]);
  const t1 = performance.now();
  onProgress?.({ fraction: 0.3, label: 'Scoring accounts' });
  const prepared = prepareBook(book);
  const scores = scoreBook(prepared, active.model, request.asOfDay);
  const t2 = performance.now();
  onProgress?.({ fraction: 0.55, label: 'Filling in score history' });
  const snapshotsAdded = await backfillHistory(
    db,
    prepared,
    active.model,
    active.key,
    request.asOfDay,
    request.historyWeeks ?? 104,
  );
  const t3 = performance.now();
  onProgress?.({ fraction: 0.85, label: 'Saving scores' });
  await saveScores(db, active.key, request.asOfDay, toStored(scores, prepared));
  const t4 = performance.now();
  const bands = { red: 0, amber: 0, green: 0, none: 0 };
  for (const s of scores) bands[s.band ?? 'none']++;
  onProgress?.({ fraction: 1, label: 'Done' });
  return {
    accounts: scores.length,
    modelKey: active.key,
    bands,
    snapshotsAdded,
    ms: t4 - started,
    timings: { readMs: t1 - started, scoreMs: t2 - t1, historyMs: t3 - t2, saveMs: t4 - t3 },
  };
}
