// Schema 2 split each current score in two: a small summary the portfolio reads for every
// account (currentScores.summary) and the full engine breakdown the account page reads for one
// (scoreDetails.breakdown). Version 1 kept both in currentScores.detail, so reading 5,000
// current scores deserialised 5,000 breakdowns. This file rewrites v1 records (in the Dexie
// upgrade and when restoring a v1 backup). Frozen like the schema it serves.
import type { CurrentScoreRecord, ScoreDetailRecord, ScoreSummary } from './records';
import { recentHistory, type HistoryColumns } from './score-history-merge';

/** A current-score record as version 1 stored it. */
export interface CurrentScoreRecordV1 extends Omit<CurrentScoreRecord, 'summary'> {
  /** { score: AccountScore, priority, rank, priorityReason } as v1's rescore wrote it. */
  detail: unknown;
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const DIRECTIONS = new Set(['up', 'down', 'flat', 'unknown']);

/**
 * The summary of a v1 detail, with neutral values for anything missing or malformed, and the
 * recent history taken from the record's model version's snapshots (when there are any).
 */
export function summaryFromV1Detail(
  detail: unknown,
  history?: HistoryColumns,
  asOfDay = 0,
): ScoreSummary {
  const d = obj(detail) ?? {};
  const s = obj(d.score) ?? {};
  const trend = obj(s.trend) ?? {};
  const direction = trend.direction;
  return {
    priority: num(d.priority) ?? 0,
    rank: num(d.rank) ?? Number.MAX_SAFE_INTEGER,
    priorityReason: typeof d.priorityReason === 'string' ? d.priorityReason : '',
    overridden: s.override != null,
    trendDirection:
      typeof direction === 'string' && DIRECTIONS.has(direction)
        ? (direction as ScoreSummary['trendDirection'])
        : 'unknown',
    trendWindowDays: num(trend.windowDays) ?? 30,
    daysToRenewal: num(s.daysToRenewal),
    stage: typeof s.stage === 'string' ? s.stage : null,
    patterns: Array.isArray(s.patterns)
      ? s.patterns.map((p) => obj(p)?.name).filter((n): n is string => typeof n === 'string')
      : [],
    ...recentHistory(history, asOfDay),
  };
}

/**
 * Splits one v1 current score into its v2 record and (when it had one) its breakdown;
 * `history` is the account's snapshots under the record's model version.
 */
export function splitV1Score(
  v1: CurrentScoreRecordV1,
  history?: HistoryColumns,
): {
  current: CurrentScoreRecord;
  detail: ScoreDetailRecord | null;
} {
  const { detail, ...rest } = v1;
  const breakdown = obj(detail)?.score;
  return {
    current: { ...rest, summary: summaryFromV1Detail(detail, history, v1.asOfDay) },
    detail:
      breakdown === undefined || breakdown === null
        ? null
        : {
            accountId: v1.accountId,
            modelKey: v1.modelKey,
            asOfDay: v1.asOfDay,
            breakdown,
          },
  };
}
