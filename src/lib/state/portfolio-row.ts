// The shape of one portfolio row and how it is built from stored records (pure, tested).
import type { Band } from '$lib/engine/types';
import type { AccountRecord, CurrentScoreRecord, TaskRecord } from '$lib/db';
import { sectionOf } from './inbox-view';

/**
 * The group an account is counted in, by tiles, band filters and its row's label alike: its
 * band when it has one (an override's band included), else `stale` (no data in the model's
 * windows) or `unscored` (too little data, or not scored yet).
 */
export type HealthGroup = Band | 'stale' | 'unscored';

/** Every group, in the order the tiles show them. */
export const HEALTH_GROUPS: readonly HealthGroup[] = ['red', 'amber', 'green', 'stale', 'unscored'];

/** Everything the portfolio shows about one account. */
export interface PortfolioRow {
  id: string;
  name: string;
  owner: string | null;
  segment: string | null;
  arr: number | null;
  score: number | null;
  band: Band | null;
  /** The tile and filter group of the row; its label says the same. */
  group: HealthGroup;
  /** The account's newest data day on or before its scoring day (for "no data since …"). */
  lastDataDay: number | null;
  /** The day it churned when the account is archived (out of the live portfolio), else null. */
  archivedDay: number | null;
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
  /** Tasks not done yet (open or snoozed), and of those the ones overdue or due today. */
  tasksToDo: number;
  tasksDue: number;
}

/** Tasks to do per account, and how many are due (overdue or today) as of `today`. */
function taskCounts(
  tasks: readonly TaskRecord[],
  today: number,
): Map<string, { toDo: number; due: number }> {
  const out = new Map<string, { toDo: number; due: number }>();
  for (const t of tasks) {
    if (t.status === 'done') continue;
    const c = out.get(t.accountId) ?? { toDo: 0, due: 0 };
    c.toDo++;
    const section = sectionOf(t, today);
    if (section === 'overdue' || section === 'today') c.due++;
    out.set(t.accountId, c);
  }
  return out;
}

/** Builds portfolio rows from accounts and their current scores. */
export function buildRows(
  accounts: readonly AccountRecord[],
  scores: readonly CurrentScoreRecord[],
  tasks: readonly TaskRecord[] = [],
  today = 0,
): PortfolioRow[] {
  const scoreOf = new Map(scores.map((s) => [s.accountId, s]));
  const tasksOf = taskCounts(tasks, today);
  return accounts.map((a) => {
    const cur = scoreOf.get(a.id);
    const s = cur?.summary;
    const band = cur?.band ?? null;
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
      band,
      group: band ?? (s?.status === 'stale' ? 'stale' : 'unscored'),
      lastDataDay: s?.lastDataDay ?? null,
      archivedDay: s?.archivedDay ?? null,
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
      tasksToDo: tasksOf.get(a.id)?.toDo ?? 0,
      tasksDue: tasksOf.get(a.id)?.due ?? 0,
    };
  });
}

/** A row's tasks in words: "1 task", "3 tasks · 1 due". */
export function taskWords(toDo: number, due: number): string {
  const n = `${toDo} ${toDo === 1 ? 'task' : 'tasks'}`;
  return due > 0 ? `${n} · ${due} due` : n;
}
