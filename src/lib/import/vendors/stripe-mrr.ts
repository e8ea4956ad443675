// Monthly recurring revenue from Stripe subscription rows: amount × quantity normalised by the
// billing interval, and each account's MRR history as a step series of start and end days.
import type { DayNumber } from '../../engine/types';

const MONTHS_PER_INTERVAL: Record<string, number> = {
  day: 12 / 365,
  week: 12 / 52,
  month: 1,
  year: 12,
};

/**
 * The monthly value of one price: `amount × quantity ÷ (months per interval × interval count)`.
 * Undefined for an unknown interval; Stripe writes `month`, `year`, `week`, `day` (plural and
 * "monthly"/"yearly"/"annual" are accepted too).
 */
export function monthlyAmount(
  amount: number,
  quantity: number,
  interval: string,
  intervalCount: number,
): number | undefined {
  const i = interval
    .trim()
    .toLowerCase()
    .replace(/^(an+ual|annually|yearly)$/, 'year')
    .replace(/^monthly$/, 'month')
    .replace(/^weekly$/, 'week')
    .replace(/^daily$/, 'day')
    .replace(/s$/, '');
  const months = MONTHS_PER_INTERVAL[i];
  if (months === undefined || !(intervalCount > 0)) return undefined;
  return (amount * quantity) / (months * intervalCount);
}

/** One subscription's contribution to its account's MRR. */
export interface SubscriptionSpan {
  mrr: number;
  start: DayNumber;
  /** The day it ended (null while it runs). */
  end: DayNumber | null;
  reason: string | null;
  row: number;
}

/** One change of an account's MRR. */
export interface MrrPoint {
  day: DayNumber;
  mrr: number;
  /** The source row of the last change on that day. */
  row: number;
}

/** An account's MRR after every change day, ascending (rounded to cents). */
export function mrrHistory(spans: readonly SubscriptionSpan[]): MrrPoint[] {
  const changes: { day: DayNumber; delta: number; row: number }[] = [];
  for (const s of spans) {
    changes.push({ day: s.start, delta: s.mrr, row: s.row });
    if (s.end !== null) changes.push({ day: s.end, delta: -s.mrr, row: s.row });
  }
  changes.sort((a, b) => a.day - b.day || a.row - b.row);
  const out: MrrPoint[] = [];
  let mrr = 0;
  for (const c of changes) {
    mrr += c.delta;
    const value = Math.round(mrr * 100) / 100;
    const last = out[out.length - 1];
    if (last && last.day === c.day) {
      last.mrr = value;
      last.row = c.row;
    } else out.push({ day: c.day, mrr: value, row: c.row });
  }
  return out;
}

/** A cancellation that changed an account's MRR: churned when it fell to zero for good. */
export interface CancellationOutcome {
  day: DayNumber;
  outcome: 'churned' | 'contracted';
  reason: string | null;
  row: number;
}

/**
 * Outcomes from ended subscriptions: on each end day where MRR fell, 'churned' when it fell to
 * zero and nothing started later, otherwise 'contracted' (a swap to another plan on the same
 * day that keeps or raises MRR is neither).
 */
export function cancellationOutcomes(spans: readonly SubscriptionSpan[]): CancellationOutcome[] {
  const history = mrrHistory(spans);
  const lastStart = Math.max(...spans.map((s) => s.start));
  const out: CancellationOutcome[] = [];
  for (let i = 0; i < history.length; i++) {
    const before = i === 0 ? 0 : history[i - 1].mrr;
    const point = history[i];
    if (point.mrr >= before) continue;
    const ended = spans.filter((s) => s.end === point.day);
    if (ended.length === 0) continue;
    const cause = ended.reduce((a, b) => (b.row > a.row ? b : a));
    const churned = point.mrr <= 0 && point.day >= lastStart;
    out.push({
      day: point.day,
      outcome: churned ? 'churned' : 'contracted',
      reason: cause.reason,
      row: cause.row,
    });
  }
  return out;
}
