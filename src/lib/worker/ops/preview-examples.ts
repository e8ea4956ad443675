// Which accounts the model builder previews by default: the healthiest under the saved model
// (does a change hurt accounts that are fine?) and the latest churns (would it have caught them?).
import type { AccountScore } from '../../engine';
import type { DayNumber, Outcome } from '../../engine/types';

/** A previewed account and why it was picked. */
export interface PreviewExample {
  accountId: string;
  /** 'healthy' (top score now), 'churned' (a recent churn, with its day) or 'picked' (by the user). */
  role: 'healthy' | 'churned' | 'picked';
  churnDay: DayNumber | null;
}

/** The default examples: the `healthy` best-scored accounts and the `churns` latest churns. */
export function defaultExamples(
  scores: readonly AccountScore[],
  outcomes: readonly Outcome[],
  healthy = 2,
  churns = 2,
): PreviewExample[] {
  const out: PreviewExample[] = [];
  const taken = new Set<string>();
  const best = scores
    .filter((s) => s.score !== null)
    .sort((a, b) => b.score! - a.score! || a.accountId.localeCompare(b.accountId));
  for (const s of best.slice(0, healthy)) {
    out.push({ accountId: s.accountId, role: 'healthy', churnDay: null });
    taken.add(s.accountId);
  }
  const churned = outcomes
    .filter((o) => o.outcome === 'churned')
    .sort((a, b) => b.day - a.day || a.accountId.localeCompare(b.accountId));
  let added = 0;
  for (const o of churned) {
    if (added >= churns) break;
    if (taken.has(o.accountId)) continue;
    out.push({ accountId: o.accountId, role: 'churned', churnDay: o.day });
    taken.add(o.accountId);
    added++;
  }
  return out;
}

/** Accounts per band (null band = not scorable). */
export interface BandCounts {
  red: number;
  amber: number;
  green: number;
  none: number;
}

/** Counts accounts per band. */
export function countBands(scores: readonly AccountScore[]): BandCounts {
  const c: BandCounts = { red: 0, amber: 0, green: 0, none: 0 };
  for (const s of scores) c[s.band ?? 'none']++;
  return c;
}
