// The "what changed" list: every band change and every move of at least N points over a
// period, each with its cause, worst first.
import type { AccountComparison } from './attribute';

/** The page's default threshold. */
export const DEFAULT_MIN_POINTS = 10;

/** Counts shown above the list. */
export interface ChangeCounts {
  listed: number;
  bandChanges: number;
  down: number;
  up: number;
  /** Accounts compared (scored or banded at either end). */
  compared: number;
}

/** Code-point order: the same in Node and every browser, without loading ICU. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a comparison belongs in the list at threshold `minPoints`. */
export function isListed(c: AccountComparison, minPoints: number): boolean {
  return c.bandChanged || (c.delta !== null && Math.abs(c.delta) >= minPoints);
}

/**
 * Every band change and every move of ≥ `minPoints`, falls first (largest first), then rises
 * (largest first); band changes without a score on one side sit at the end of their side.
 */
export function listChanges(
  comparisons: readonly AccountComparison[],
  minPoints: number,
): { changes: AccountComparison[]; counts: ChangeCounts } {
  if (!Number.isFinite(minPoints) || minPoints < 0)
    throw new RangeError('The threshold is a number of points, 0 or more.');
  const changes = comparisons.filter((c) => isListed(c, minPoints));
  const rank = (c: AccountComparison) =>
    c.direction === 'down' ? 0 : c.direction === 'up' ? 1 : 2;
  changes.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Math.abs(b.delta ?? -1) - Math.abs(a.delta ?? -1) ||
      byText(a.name, b.name) ||
      byText(a.accountId, b.accountId),
  );
  return {
    changes,
    counts: {
      listed: changes.length,
      bandChanges: changes.filter((c) => c.bandChanged).length,
      down: changes.filter((c) => c.direction === 'down').length,
      up: changes.filter((c) => c.direction === 'up').length,
      compared: comparisons.filter((c) => c.bandBefore !== null || c.bandAfter !== null).length,
    },
  };
}
