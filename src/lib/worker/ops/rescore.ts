// Rescores the whole book with the active model: current scores (with explanations and
// priorities) for every account, plus weekly snapshots for any history the active model
// version does not have yet. Existing snapshots are never rewritten, so history does not
// silently change; a new model version gets its own snapshots beside the old ones. The day it
// scores as of is the engine's chooseScoringDay (today, or the book's newest data day when the
// data ends before the model's windows reach today), stored with the scores.
import {
  archivedAccounts,
  chooseScoringDay,
  describeMoves,
  bookCoverage,
  prepareBook,
  scoreBook,
  scoreHistory,
  weeklyDays,
  type AccountScore,
  type BookCoverage,
  type PreparedBook,
  type ScoreChange,
} from '../../engine';
import { rankAccounts } from '../../engine/priority';
import type { Book, DayNumber } from '../../engine/types';
import {
  BAND_CODES,
  getDb,
  loadBook,
  saveScores,
  type CanaryDb,
  type ScoreHistoryPoints,
  type ScoringDayRecord,
  type StoredScore,
  accountsWithHistory,
} from '../../db';
import type { ProgressFn } from '../progress';
import { ensureActiveModel, type ActiveModel } from './active-model';
import { evaluateScoredBook, type PlaybooksSummary } from './evaluate-playbooks';

/** What to rescore. */
export interface RescoreRequest {
  /** Today's day (the app passes todayDay()): the scoring day is chosen from it and the book. */
  today: DayNumber;
  /** Score as of exactly this day instead (benchmarks and tests); not stored as the book's day. */
  asOfDay?: DayNumber;
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
  /** The day scored as of, and why. */
  scoring: ScoringDayRecord;
  /** Live accounts per band, stale, not scored; and archived accounts. */
  bands: { red: number; amber: number; green: number; none: number };
  stale: number;
  archived: number;
  /** How much of the book the active model could read (low: say so, offer a model from the data). */
  coverage: BookCoverage;
  snapshotsAdded: number;
  /**
   * Accounts whose band or rounded score this rescore moved from their stored score (band
   * changes first), each with its cause in words; empty on a first scoring.
   */
  changes: ScoreChange[];
  /**
   * The playbooks evaluated as of today over the new scores (tasks created); null when the
   * evaluation failed (`playbooksError` says why; the scores stand).
   */
  playbooks: PlaybooksSummary | null;
  playbooksError: string | null;
  /** Total milliseconds, and its parts. */
  ms: number;
  timings: {
    readMs: number;
    scoreMs: number;
    historyMs: number;
    saveMs: number;
    playbooksMs: number;
  };
}

/**
 * Stored scores with priorities. Archived accounts (latest outcome a churn) are not ranked: they
 * follow every live account, with priority 0 and no reason, so the live queue is theirs alone.
 */
function toStored(
  scores: AccountScore[],
  prepared: PreparedBook,
  archived: ReadonlyMap<string, DayNumber>,
): StoredScore[] {
  const arrOf = new Map(prepared.accounts.map((a) => [a.id, a.arr]));
  const live = scores.filter((s) => !archived.has(s.accountId));
  const ranked = rankAccounts(
    live.map((s) => ({
      accountId: s.accountId,
      score: s.score,
      band: s.band,
      trendChange: s.trend.change,
      patternsFired: s.patterns.length,
      arr: arrOf.get(s.accountId) ?? null,
      daysToRenewal: s.daysToRenewal,
      coverage: s.coverage,
      status: s.status,
    })),
  );
  const byId = new Map(ranked.map((r) => [r.accountId, r]));
  let nextRank = ranked.length;
  return scores.map((s) => {
    const p = byId.get(s.accountId) ?? {
      priority: 0,
      rank: ++nextRank,
      reason: '',
    };
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
        status: s.status,
        lastDataDay: s.lastDataDay,
        archivedDay: archived.get(s.accountId) ?? null,
      },
      breakdown: s,
    };
  });
}

/**
 * Weekly snapshots of `accountIds` over `weeks` weeks ending on the last Monday before `asOfDay`
 * (so every account shares the same grid); accounts never scorable get none.
 */
function historyPoints(
  prepared: PreparedBook,
  model: Parameters<typeof scoreHistory>[1],
  accountIds: string[],
  asOfDay: DayNumber,
  weeks: number,
): ScoreHistoryPoints[] {
  if (accountIds.length === 0) return [];
  const days = weeklyDays(asOfDay - 7, weeks);
  const snaps = scoreHistory(prepared, model, days, accountIds);
  const points: ScoreHistoryPoints[] = [];
  for (let a = 0; a < accountIds.length; a++) {
    const rows = snaps
      .slice(a * days.length, (a + 1) * days.length)
      .filter((s) => s.score !== null);
    if (rows.length === 0) continue;
    points.push({
      accountId: accountIds[a],
      days: Int32Array.from(rows, (s) => s.day),
      scores: Float32Array.from(rows, (s) => s.score!),
      bands: Uint8Array.from(rows, (s) => BAND_CODES[s.band!]),
      coverage: Float32Array.from(rows, (s) => s.coverage),
    });
  }
  return points;
}

/** Accounts with no snapshot yet in the model version's history. */
async function accountsWithoutHistory(
  db: CanaryDb,
  prepared: PreparedBook,
  modelKey: string,
): Promise<string[]> {
  const scored = await accountsWithHistory(db, modelKey);
  return prepared.accounts.filter((a) => !scored.has(a.id)).map((a) => a.id);
}

/** Rescores every account as of the book's scoring day and stores the results. */
export default function rescore(
  request: RescoreWithBook,
  onProgress?: ProgressFn,
): Promise<RescoreSummary> {
  return scoreAndSave(request, onProgress);
}

/**
 * The rescore itself. With `replacing` (the promise of a `replaceBook` of `book` under way,
 * which clears every score and snapshot), the scoring runs while the book is written: every
 * account's history is computed, and everything is saved once the book is stored. Storing a
 * book is mostly the database's own work, so this hides the scoring inside it. Pass `active`
 * read before the write starts: a read queued behind thousands of writes waits for them.
 */
export async function scoreAndSave(
  request: RescoreWithBook & { replacing?: Promise<void>; active?: ActiveModel },
  onProgress?: ProgressFn,
): Promise<RescoreSummary> {
  const started = performance.now();
  const db = getDb();
  onProgress?.({ fraction: 0.05, label: 'Reading the book' });
  const [book, active] = await Promise.all([
    request.book ?? loadBook(db),
    request.active ?? ensureActiveModel(db),
  ]);
  const t1 = performance.now();
  onProgress?.({ fraction: 0.3, label: 'Scoring accounts' });
  const prepared = prepareBook(book);
  const chosen = chooseScoringDay(prepared, active.model, request.today);
  const scoring: ScoringDayRecord =
    request.asOfDay === undefined ? chosen : { ...chosen, day: request.asOfDay };
  const asOfDay = scoring.day;
  const scores = scoreBook(prepared, active.model, asOfDay);
  const archived = archivedAccounts(book.outcomes);
  const t2 = performance.now();
  onProgress?.({ fraction: 0.55, label: 'Filling in score history' });
  const missing = request.replacing
    ? prepared.accounts.map((a) => a.id)
    : await accountsWithoutHistory(db, prepared, active.key);
  const backfill = historyPoints(
    prepared,
    active.model,
    missing,
    asOfDay,
    request.historyWeeks ?? 104,
  );
  const t3 = performance.now();
  if (request.replacing) {
    onProgress?.({ fraction: 0.7, label: 'Saving the book' });
    await request.replacing;
  }
  onProgress?.({ fraction: 0.9, label: 'Saving scores' });
  const stored = toStored(scores, prepared, archived);
  const moves = await saveScores(db, active.key, asOfDay, stored, backfill, scoring);
  const changes = describeMoves(moves, scores, active, book.pulses);
  const t4 = performance.now();
  onProgress?.({ fraction: 0.95, label: 'Running playbooks' });
  let playbooks: PlaybooksSummary | null = null;
  let playbooksError: string | null = null;
  try {
    playbooks = await evaluateScoredBook(db, {
      prepared,
      scores,
      model: active.model,
      modelKey: active.key,
      archived,
      today: request.today,
    });
  } catch (e) {
    playbooksError = e instanceof Error ? e.message : String(e);
  }
  const t5 = performance.now();
  const bands = { red: 0, amber: 0, green: 0, none: 0 };
  let stale = 0;
  let archivedCount = 0;
  for (const s of scores) {
    if (archived.has(s.accountId)) {
      archivedCount++;
      continue;
    }
    if (s.band === null && s.status === 'stale') stale++;
    else bands[s.band ?? 'none']++;
  }
  onProgress?.({ fraction: 1, label: 'Done' });
  return {
    accounts: scores.length,
    modelKey: active.key,
    scoring,
    bands,
    stale,
    archived: archivedCount,
    // The live book: archived (churned) accounts do not count towards how well the model fits.
    coverage: bookCoverage(scores.filter((s) => !archived.has(s.accountId)).map((s) => s.coverage)),
    snapshotsAdded: backfill.reduce((n, p) => n + p.days.length, 0),
    changes,
    playbooks,
    playbooksError,
    ms: t5 - started,
    timings: {
      readMs: t1 - started,
      scoreMs: t2 - t1,
      historyMs: t3 - t2,
      saveMs: t4 - t3,
      playbooksMs: t5 - t4,
    },
  };
}
