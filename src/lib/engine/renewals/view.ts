// The renewals of the next twelve months, month by month: each renewal's band, churn
// probability and the model's call, and each month's ARR and expected churned ARR.
import type { Band, DayNumber } from '../types';
import { modelCallOf, type RenewalCallKind } from './calls';
import { expectedChurn, type ExpectedChurn } from './expected';
import { bucketByMonth, type MonthRange } from './months';
import { churnProbability, type HorizonCalibration } from './probability';

/** A live account with a renewal date, as the view needs it. */
export interface RenewalInput {
  accountId: string;
  name: string;
  owner: string | null;
  renewalDay: DayNumber;
  arr: number | null;
  /** Today's score and band (null when not scored). */
  score: number | null;
  band: Band | null;
  /** Why there is no band, or that it rests on old data. */
  status: 'scored' | 'stale' | 'unscored';
}

/** One renewal in the view. */
export interface RenewalRow extends RenewalInput {
  daysAhead: number;
  /** Churn probability and the backtest horizon whose calibration gave it; null without one. */
  p: number | null;
  horizonDays: number | null;
  modelCall: RenewalCallKind | null;
}

/** Count and ARR. */
export interface Tally {
  accounts: number;
  arr: number;
}

/** One month of renewals. */
export interface RenewalMonth {
  month: MonthRange;
  rows: RenewalRow[];
  total: Tally;
  /** Over the renewals with a probability and ARR; null when there is no calibration. */
  expected: ExpectedChurn | null;
  /** Renewals left out of the expected figure: no probability (not scored) or no ARR. */
  leftOut: Tally;
}

/** The whole view. */
export interface RenewalsView {
  today: DayNumber;
  months: RenewalMonth[];
  /** Every month together. */
  total: Tally;
  expected: ExpectedChurn | null;
  leftOut: Tally;
  /** Renewal date passed with no outcome recorded. */
  overdue: Tally;
}

const tally = (rows: readonly RenewalRow[]): Tally => ({
  accounts: rows.length,
  arr: rows.reduce((s, r) => s + (r.arr ?? 0), 0),
});

function expectedOf(rows: readonly RenewalRow[], calibrated: boolean) {
  if (!calibrated) return { expected: null, leftOut: tally([]) };
  const inSum = rows.filter((r) => r.p !== null && r.arr !== null);
  return {
    expected: expectedChurn(inSum.map((r) => ({ p: r.p!, arr: r.arr! }))),
    leftOut: tally(rows.filter((r) => r.p === null || r.arr === null)),
  };
}

/**
 * The renewals of the 12 calendar months from today's month (renewal day today or later), with
 * probabilities from `calibrations` (empty: no backtest yet, no probabilities).
 */
export function renewalsView(
  inputs: readonly RenewalInput[],
  calibrations: readonly HorizonCalibration[],
  today: DayNumber,
  monthCount = 12,
): RenewalsView {
  const rows: RenewalRow[] = [...inputs]
    .sort((a, b) => a.renewalDay - b.renewalDay || (b.arr ?? -1) - (a.arr ?? -1))
    .map((r) => {
      const daysAhead = r.renewalDay - today;
      const scored = r.status === 'scored';
      const prob = scored ? churnProbability(calibrations, r.score, Math.max(0, daysAhead)) : null;
      return {
        ...r,
        daysAhead,
        p: prob?.p ?? null,
        horizonDays: prob?.horizonDays ?? null,
        modelCall: scored ? modelCallOf(r.band) : null,
      };
    });
  const buckets = bucketByMonth(rows, (r) => r.renewalDay, today, monthCount);
  const calibrated = calibrations.length > 0;
  const months = buckets.months.map(({ month, items }) => ({
    month,
    rows: items,
    total: tally(items),
    ...expectedOf(items, calibrated),
  }));
  const inWindow = months.flatMap((m) => m.rows);
  return {
    today,
    months,
    total: tally(inWindow),
    ...expectedOf(inWindow, calibrated),
    overdue: tally(buckets.overdue),
  };
}
