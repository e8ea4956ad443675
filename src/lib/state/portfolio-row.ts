// The shape of one portfolio row and how it is built from stored records (pure, tested).
import type { Band } from '$lib/engine/types';
import type { AccountRecord, CurrentScoreRecord } from '$lib/db';

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

/** Builds portfolio rows from accounts and their current scores. */
export function buildRows(
  accounts: readonly AccountRecord[],
  scores: readonly CurrentScoreRecord[],
): PortfolioRow[] {
  const scoreOf = new Map(scores.map((s) => [s.accountId, s]));
  return accounts.map((a) => {
    const cur = scoreOf.get(a.id);
    const s = cur?.summary;
    const spark: { day: number; score: number }[] = [];
    if (s)
      for (let i = 0; i < s.sparkDays.length; i++) {
        spark.push({ day: s.sparkDays[i], score: s.sparkScores[i] });
      }
    return {
      id: a.id,
      name: a.name || a.id,
      owner: a.owner,
      segment: a.segment,
      arr: a.arr,
      score: cur?.score ?? null,
      band: cur?.band ?? null,
      overridden: s?.overridden ?? false,
      trendChange: cur?.trendDelta ?? null,
      trendDirection: s?.trendDirection ?? 'unknown',
      trendWindowDays: s?.trendWindowDays ?? 30,
      coverage: cur?.coverage ?? 0,
      explanation: cur?.explanation ?? 'Not scored yet.',
      renewalDay: a.renewalDate,
      daysToRenewal: s?.daysToRenewal ?? null,
      stage: s?.stage ?? null,
      patterns: s?.patterns ?? [],
      priority: s?.priority ?? 0,
      rank: s?.rank ?? Number.MAX_SAFE_INTEGER,
      priorityReason: s?.priorityReason ?? '',
      spark,
      bandLastWeek: s?.bandLastWeek ?? null,
    };
  });
}
