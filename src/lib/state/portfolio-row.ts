// The shape of one portfolio row and how it is built from stored records (pure, tested).
import type { AccountScore } from '$lib/engine';
import type { Band } from '$lib/engine/types';
import type { AccountRecord, CurrentScoreRecord, ScoreHistoryRecord } from '$lib/db';
import { bandFromCode } from '$lib/db';

/** Everything the portfolio shows about one account. */
export interface PortfolioRow {
  id: string;
  name: string;
  owner: string | null;
  segment: string | null;
  arr: number | null;
  score: number | null;
  band: Band | null;
  overridden: boolean;
  trendChange: number | null;
  trendDirection: 'up' | 'down' | 'flat' | 'unknown';
  trendWindowDays: number;
  coverage: number;
  explanation: string;
  renewalDay: number | null;
  daysToRenewal: number | null;
  stage: string | null;
  patterns: string[];
  priority: number;
  rank: number;
  priorityReason: string;
  /** Score history points within the last 90 days (for the sparkline), oldest first. */
  spark: { day: number; score: number }[];
  /** The band shown about 7 days before the current score (for "what changed"). */
  bandLastWeek: Band | null;
}

/** The per-account detail the worker stores with each current score. */
export interface StoredDetail {
  score: AccountScore;
  priority: number;
  rank: number;
  priorityReason: string;
}

/** Builds portfolio rows from accounts, current scores and the active model's history. */
export function buildRows(
  accounts: readonly AccountRecord[],
  scores: readonly CurrentScoreRecord[],
  history: readonly ScoreHistoryRecord[],
): PortfolioRow[] {
  const scoreOf = new Map(scores.map((s) => [s.accountId, s]));
  const historyOf = new Map(history.map((h) => [h.accountId, h]));
  return accounts.map((a) => {
    const cur = scoreOf.get(a.id);
    const detail = cur?.detail as StoredDetail | undefined;
    const s = detail?.score;
    const h = historyOf.get(a.id);
    const asOf = cur?.asOfDay ?? 0;
    const spark: { day: number; score: number }[] = [];
    let bandLastWeek: Band | null = null;
    if (h) {
      for (let i = 0; i < h.days.length; i++) {
        const day = h.days[i];
        if (day >= asOf - 90 && day <= asOf) spark.push({ day, score: h.scores[i] });
        if (day <= asOf - 7) bandLastWeek = bandFromCode(h.bands[i]);
      }
    }
    return {
      id: a.id,
      name: a.name || a.id,
      owner: a.owner,
      segment: a.segment,
      arr: a.arr,
      score: cur?.score ?? null,
      band: cur?.band ?? null,
      overridden: s?.override != null,
      trendChange: s?.trend.change ?? null,
      trendDirection: s?.trend.direction ?? 'unknown',
      trendWindowDays: s?.trend.windowDays ?? 30,
      coverage: cur?.coverage ?? 0,
      explanation: cur?.explanation ?? 'Not scored yet.',
      renewalDay: a.renewalDate,
      daysToRenewal: s?.daysToRenewal ?? null,
      stage: s?.stage ?? null,
      patterns: s?.patterns.map((p) => p.name) ?? [],
      priority: detail?.priority ?? 0,
      rank: detail?.rank ?? Number.MAX_SAFE_INTEGER,
      priorityReason: detail?.priorityReason ?? '',
      spark,
      bandLastWeek,
    };
  });
}
