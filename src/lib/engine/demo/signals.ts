// Draws one account's weekly signals and CSM pulses from its plan. Values are written straight
// into typed arrays, one per metric; sparse metrics (CSAT, NPS) keep only the weeks observed.
import type { Random } from '../random';
import type { DayNumber, Pulse, SignalSeries } from '../types';
import { PULSE_REASONS } from './catalog';
import { troubleOn } from './episodes';
import type { AccountPlan } from './plan';

/** The demo book's metric names, by dimension (the default model reads exactly these). */
export const DEMO_METRICS = {
  usage: ['active_users', 'licensed_seats', 'core_actions'],
  support: ['tickets', 'escalations', 'csat'],
  engagement: ['meetings', 'qbr'],
  relationship: ['champion_replies', 'nps'],
  financial: ['days_past_due'],
} as const;

/** Metrics observed every week of an account's life (CSAT and NPS are only sometimes observed). */
export const WEEKLY_METRICS = [
  'active_users',
  'licensed_seats',
  'core_actions',
  'tickets',
  'escalations',
  'meetings',
  'qbr',
  'champion_replies',
  'days_past_due',
] as const;

const WEEK = 7;

function poisson(rng: Random, lambda: number): number {
  if (lambda <= 0) return 0;
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The Mondays on which an account has signals: from its start (or the window's) to its end. */
export function accountWeeks(
  plan: AccountPlan,
  windowStart: DayNumber,
  endDay: DayNumber,
): Int32Array {
  const first = Math.max(windowStart, plan.contractStart);
  const firstMonday = windowStart + Math.ceil((first - windowStart) / WEEK) * WEEK;
  const last = Math.min(endDay, plan.churnDay ?? endDay);
  const count = Math.max(0, Math.floor((last - firstMonday) / WEEK) + 1);
  const days = new Int32Array(count);
  for (let w = 0; w < count; w++) days[w] = firstMonday + w * WEEK;
  return days;
}

/** Generates an account's series (one per metric) and pulse entries. */
export function generateSignals(
  rng: Random,
  plan: AccountPlan,
  windowStart: DayNumber,
  endDay: DayNumber,
): { series: SignalSeries[]; pulses: Pulse[] } {
  const days = accountWeeks(plan, windowStart, endDay);
  const n = days.length;
  const dense = new Map<string, Float64Array>(WEEKLY_METRICS.map((m) => [m, new Float64Array(n)]));
  const col = (m: (typeof WEEKLY_METRICS)[number]) => dense.get(m)!;
  const csatDays: number[] = [];
  const csatValues: number[] = [];
  const npsDays: number[] = [];
  const npsValues: number[] = [];
  const pulses: Pulse[] = [];
  let seats = plan.seatsAtStart;
  let nextRenewal = 0;
  let wobble = 0;
  const pulseOffset = rng.int(0, plan.pulseEvery - 1);

  for (let w = 0; w < n; w++) {
    const day = days[w];
    while (nextRenewal < plan.renewals.length && plan.renewals[nextRenewal].day <= day) {
      const f = plan.renewals[nextRenewal++].seatFactor;
      if (f > 0) seats = Math.max(1, Math.round(seats * f));
    }
    const usage = troubleOn(plan.episodes, 'usage', day);
    const support = troubleOn(plan.episodes, 'support', day);
    const payment = troubleOn(plan.episodes, 'payment', day);
    const relation = troubleOn(plan.episodes, 'relationship', day);
    const silent = plan.championSilentFrom !== null && day >= plan.championSilentFrom;
    const weeksIn = (day - plan.contractStart) / WEEK;
    const ramp = clamp(0.25 + (0.75 * weeksIn) / 12, 0.25, 1);
    wobble = 0.6 * wobble + rng.normal(0, 0.035);

    const util = clamp(plan.utilisation * ramp * (1 - usage) * (1 + wobble), 0.02, 1);
    const active = Math.min(seats, Math.round(seats * util));
    col('licensed_seats')[w] = seats;
    col('active_users')[w] = active;
    col('core_actions')[w] = Math.max(
      0,
      Math.round(active * plan.actionsPerUser * (1 - 0.5 * usage) * (1 + rng.normal(0, 0.1))),
    );
    const tickets = poisson(rng, plan.ticketRate * (1 + 3 * support));
    col('tickets')[w] = tickets;
    col('escalations')[w] = poisson(rng, 0.01 + 0.45 * support);
    if (tickets > 0 && rng.chance(0.55)) {
      csatDays.push(day);
      const mean = 4.5 - 1.9 * support - 0.6 * usage;
      csatValues.push(Math.round(clamp(rng.normal(mean, 0.4), 1, 5) * 10) / 10);
    }
    col('meetings')[w] = poisson(rng, plan.meetingRate * (1 - 0.8 * relation) * (silent ? 0.3 : 1));
    const qbrWeek = Math.floor((day - windowStart) / WEEK) % 13 === plan.qbrPhase;
    const qbrStopped = plan.qbrStopFrom !== null && day >= plan.qbrStopFrom;
    col('qbr')[w] = qbrWeek && weeksIn >= 8 && !qbrStopped && !rng.chance(relation) ? 1 : 0;
    col('champion_replies')[w] = silent ? 0 : poisson(rng, plan.replyRate * (1 - 0.85 * relation));
    const npsWeek = Math.floor((day - windowStart) / WEEK) % 13 === plan.npsPhase;
    if (npsWeek && weeksIn >= 4 && rng.chance(0.75)) {
      npsDays.push(day);
      const mean = 8.6 + plan.npsShift - 5 * relation - 2 * usage - 1.5 * support - 1.5 * payment;
      npsValues.push(Math.round(clamp(rng.normal(mean, 1.1), 0, 10)));
    }
    col('days_past_due')[w] =
      payment > 0
        ? Math.max(0, Math.round(90 * payment + rng.normal(0, 3)))
        : rng.chance(0.06)
          ? rng.int(1, 20)
          : 0;

    if ((w + pulseOffset) % plan.pulseEvery === 0 && weeksIn >= 2) {
      pulses.push(pulseEntry(rng, plan, day, { usage, support, payment, relation }));
    }
  }

  const series: SignalSeries[] = WEEKLY_METRICS.map((metric) => ({
    accountId: plan.id,
    metric,
    days: days.slice(),
    values: dense.get(metric)!,
  }));
  series.push(
    {
      accountId: plan.id,
      metric: 'csat',
      days: Int32Array.from(csatDays),
      values: Float64Array.from(csatValues),
    },
    {
      accountId: plan.id,
      metric: 'nps',
      days: Int32Array.from(npsDays),
      values: Float64Array.from(npsValues),
    },
  );
  return { series: series.filter((s) => s.days.length > 0), pulses };
}

/** A CSM's 1–5 pulse: what the CSM can see (not the silent champion), coloured by their bias. */
function pulseEntry(
  rng: Random,
  plan: AccountPlan,
  day: DayNumber,
  t: { usage: number; support: number; payment: number; relation: number },
): Pulse {
  const seen = clamp(
    1 - (0.9 * t.usage + 0.7 * t.support + 0.5 * t.payment + 0.8 * t.relation),
    0,
    1,
  );
  const value = clamp(Math.round(1 + 4 * seen + plan.ownerBias + rng.normal(0, 0.5)), 1, 5);
  const worst = (
    [
      ['usage', t.usage],
      ['support', t.support],
      ['payment', t.payment],
      ['relationship', t.relation],
    ] as const
  ).reduce((a, b) => (b[1] > a[1] ? b : a));
  const pool =
    worst[1] > 0.2
      ? PULSE_REASONS[worst[0]]
      : value >= 4
        ? PULSE_REASONS.good
        : PULSE_REASONS.quiet;
  return { accountId: plan.id, day, value, reason: rng.pick(pool) };
}
