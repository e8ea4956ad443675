// The CSM's call on a renewal beside the model's, and the order that puts disagreements first.
import type { Band, DayNumber } from '../types';

/** A call on a renewal: the CSM's, or the model's read from its band. */
export type RenewalCallKind = 'commit' | 'at-risk' | 'will-churn';

/** Calls from most to least confident of renewal. */
export const RENEWAL_CALLS: readonly RenewalCallKind[] = ['commit', 'at-risk', 'will-churn'];

/** The model's call is its band: green → commit, amber → at risk, red → will churn. */
export function modelCallOf(band: Band | null): RenewalCallKind | null {
  if (band === 'green') return 'commit';
  if (band === 'amber') return 'at-risk';
  if (band === 'red') return 'will-churn';
  return null;
}

/** How far apart two calls are: 0 agree, 1 neighbours, 2 commit against will churn; null when either is missing. */
export function callGap(csm: RenewalCallKind | null, model: RenewalCallKind | null): number | null {
  if (csm === null || model === null) return null;
  return Math.abs(RENEWAL_CALLS.indexOf(csm) - RENEWAL_CALLS.indexOf(model));
}

/** What the ordering needs of a renewal row. */
export interface CallRow {
  accountId: string;
  name: string;
  renewalDay: DayNumber;
  arr: number | null;
  csmCall: RenewalCallKind | null;
  modelCall: RenewalCallKind | null;
}

/** True when the CSM has made a call and it differs from the model's. */
export function disagrees(row: CallRow): boolean {
  return (callGap(row.csmCall, row.modelCall) ?? 0) > 0;
}

/**
 * Disagreements first — the widest gap, then the larger ARR, then the earlier renewal — then
 * every other renewal by day, larger ARR first on the same day, then name.
 */
export function orderByDisagreement<T extends CallRow>(rows: readonly T[]): T[] {
  const arr = (r: T) => r.arr ?? -1;
  return [...rows].sort((a, b) => {
    const ga = callGap(a.csmCall, a.modelCall) ?? 0;
    const gb = callGap(b.csmCall, b.modelCall) ?? 0;
    if (ga > 0 !== gb > 0) return ga > 0 ? -1 : 1;
    if (ga > 0 && ga !== gb) return gb - ga;
    if (ga > 0 && arr(a) !== arr(b)) return arr(b) - arr(a);
    if (a.renewalDay !== b.renewalDay) return a.renewalDay - b.renewalDay;
    if (arr(a) !== arr(b)) return arr(b) - arr(a);
    return a.name < b.name ? -1 : a.name > b.name ? 1 : a.accountId < b.accountId ? -1 : 1;
  });
}
