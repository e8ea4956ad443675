// Who needs attention first: a priority that combines risk (low score, falling trend, patterns
// fired), value (ARR) and urgency (days to renewal), with the reason spelled out — so the
// portfolio's order is never a mystery.
import type { Band } from './types';

/** What the ranking needs to know about one account. */
export interface PriorityInput {
  accountId: string;
  score: number | null;
  band: Band | null;
  /** Score change over the trend window (negative = falling); null when unknown. */
  trendChange: number | null;
  patternsFired: number;
  arr: number | null;
  daysToRenewal: number | null;
  coverage: number;
  /** Why there is no score, when there is none (default: scored, or no data at all). */
  status?: 'scored' | 'stale' | 'unscored';
}

/** An account's place in the queue and why. */
export interface Priority {
  accountId: string;
  /** 0–100; higher means call sooner. */
  priority: number;
  /** 1 = first. */
  rank: number;
  /** "Renews in 24 days · red · down 18". */
  reason: string;
}

/** Risk 0–1 from the score, a falling trend and fired patterns. */
function riskOf(p: PriorityInput): number {
  // Unknown health is treated as moderately risky: no data is itself a reason to look.
  const base = p.score === null ? 0.55 : (100 - p.score) / 100;
  const falling =
    p.trendChange !== null && p.trendChange < 0 ? Math.min(-p.trendChange, 30) / 100 : 0;
  const patterns = Math.min(p.patternsFired, 2) * 0.12;
  return Math.min(1, base + falling + patterns);
}

/** Urgency 0–1: highest inside 30 days of renewal, fading to a floor beyond 180 days. */
function urgencyOf(daysToRenewal: number | null): number {
  if (daysToRenewal === null) return 0.35;
  if (daysToRenewal < 0) return 0.6; // renewal date passed without an outcome recorded
  if (daysToRenewal <= 30) return 1;
  if (daysToRenewal >= 180) return 0.25;
  return 1 - ((daysToRenewal - 30) / 150) * 0.75;
}

/** Value 0–1: ARR on a log scale relative to the book's largest account. */
function valueOf(arr: number | null, maxLogArr: number): number {
  if (arr === null || arr <= 0 || maxLogArr <= 0) return 0.3;
  return Math.min(1, Math.log10(1 + arr) / maxLogArr);
}

function reasonOf(p: PriorityInput): string {
  const parts: string[] = [];
  if (p.daysToRenewal !== null) {
    const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
    if (p.daysToRenewal < 0) parts.push(`Renewal ${days(-p.daysToRenewal)} overdue`);
    else if (p.daysToRenewal === 0) parts.push('Renews today');
    else if (p.daysToRenewal === 1) parts.push('Renews tomorrow');
    else if (p.daysToRenewal <= 120) parts.push(`Renews in ${days(p.daysToRenewal)}`);
  }
  parts.push(p.band ?? (p.status === 'stale' ? 'stale data' : 'not scored'));
  if (p.trendChange !== null && p.trendChange <= -5)
    parts.push(`down ${-Math.round(p.trendChange)}`);
  else if (p.trendChange !== null && p.trendChange >= 5)
    parts.push(`up ${Math.round(p.trendChange)}`);
  if (p.patternsFired > 0)
    parts.push(p.patternsFired === 1 ? 'pattern fired' : `${p.patternsFired} patterns fired`);
  if (p.coverage < 0.5 && p.score !== null) parts.push('thin data');
  return parts.join(' · ');
}

/**
 * Ranks accounts by priority = risk × (0.6 + 0.4 × value) × (0.5 + 0.5 × urgency), ties broken by
 * ARR then id so the order is deterministic.
 */
export function rankAccounts(inputs: readonly PriorityInput[]): Priority[] {
  let maxLogArr = 0;
  for (const p of inputs)
    if (p.arr && p.arr > 0) maxLogArr = Math.max(maxLogArr, Math.log10(1 + p.arr));
  const scored = inputs.map((p) => ({
    input: p,
    priority:
      100 *
      riskOf(p) *
      (0.6 + 0.4 * valueOf(p.arr, maxLogArr)) *
      (0.5 + 0.5 * urgencyOf(p.daysToRenewal)),
  }));
  scored.sort(
    (a, b) =>
      b.priority - a.priority ||
      (b.input.arr ?? 0) - (a.input.arr ?? 0) ||
      (a.input.accountId < b.input.accountId ? -1 : 1),
  );
  return scored.map((s, i) => ({
    accountId: s.input.accountId,
    priority: Math.round(s.priority * 10) / 10,
    rank: i + 1,
    reason: reasonOf(s.input),
  }));
}
