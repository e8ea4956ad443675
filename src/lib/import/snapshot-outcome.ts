// When a snapshot's outcome column was observed, shared by the Import page and the CLI's
// `snapshot --horizon DAYS`: 0 = by the snapshot date (the row describes the customer as they
// were when they left; only a same-day backtest is possible), N = within N days after the
// snapshot (the outcome is dated snapshot + N, so a backtest can look up to N days ahead).
import type { DayNumber } from '../engine/types';

/** The longest observation period after a snapshot (days), as for backtest horizons. */
export const MAX_SNAPSHOT_OUTCOME_DAYS = 3650;

/** The day a snapshot row's outcome is dated: the snapshot day plus the observation period. */
export function snapshotOutcomeDay(snapshotDay: DayNumber, outcomeDays: number): DayNumber {
  return snapshotDay + outcomeDays;
}

/** Why an observation period cannot be used (not a whole number in range), or null. */
export function snapshotOutcomeDaysProblem(outcomeDays: number): string | null {
  return Number.isInteger(outcomeDays) &&
    outcomeDays >= 0 &&
    outcomeDays <= MAX_SNAPSHOT_OUTCOME_DAYS
    ? null
    : `the days after the snapshot must be a whole number from 0 to ${MAX_SNAPSHOT_OUTCOME_DAYS}`;
}

/** What the dating means for the backtest, in one sentence (import page and CLI alike). */
export function describeSnapshotOutcome(outcomeDays: number): string {
  if (outcomeDays === 0)
    return 'The outcomes are dated on the snapshot date: only a same-day backtest (horizon 0) is possible.';
  const days = `${outcomeDays} day${outcomeDays === 1 ? '' : 's'}`;
  return `The outcomes are dated ${days} after the snapshot: a backtest can look up to ${days} ahead.`;
}
