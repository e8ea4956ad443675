// Pure helpers of the renewals page: the CSM's stored calls set beside the model's on each
// renewal row, disagreements first, and the words for calls.
import {
  disagrees,
  orderByDisagreement,
  type RenewalCallKind,
  type RenewalRow,
} from '../engine/renewals';
import type { RenewalCallRecord } from '../db';

/** A renewal row with the CSM's call and note. */
export interface CalledRow extends RenewalRow {
  csmCall: RenewalCallKind | null;
  note: string | null;
  disagrees: boolean;
}

/** A call in words. */
export const CALL_LABELS: Record<RenewalCallKind, string> = {
  commit: 'Commit',
  'at-risk': 'At risk',
  'will-churn': 'Will churn',
};

/** Rows with their calls, disagreements first (then by day). */
export function withCalls(
  rows: readonly RenewalRow[],
  callOf: (accountId: string, renewalDay: number) => RenewalCallRecord | undefined,
): CalledRow[] {
  const called = rows.map((r) => {
    const c = callOf(r.accountId, r.renewalDay);
    const row = { ...r, csmCall: c?.call ?? null, note: c?.note ?? null, disagrees: false };
    row.disagrees = disagrees(row);
    return row;
  });
  return orderByDisagreement(called);
}
