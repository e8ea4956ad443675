// A deterministic synthetic book for the bench harness and scale tests: daily series with the
// demo book's metric names (plus extra metrics beyond the first twelve) for many accounts.
import { ymdToDay } from '../dates';
import { createRandom } from '../random';
import type { Account, Book, Pulse, SignalSeries } from '../types';

/** The demo book's metric names, in the order the bench book uses them. */
export const BENCH_METRICS = [
  'active_users',
  'licensed_seats',
  'core_actions',
  'tickets',
  'escalations',
  'csat',
  'meetings',
  'qbr',
  'champion_replies',
  'nps',
  'days_past_due',
] as const;

const SEGMENTS = ['SMB', 'Mid-Market', 'Enterprise'];
/** The bench book's last day: 2026-11-23. */
export const BENCH_LAST_DAY = ymdToDay(2026, 11, 23);

function metricValue(
  metric: string,
  seats: number,
  health: number,
  t: number,
  noise: number,
): number {
  switch (metric) {
    case 'active_users':
      return Math.max(0, Math.round(seats * (0.3 + 0.6 * health) * (1 + 0.1 * noise)));
    case 'licensed_seats':
      return seats;
    case 'core_actions':
      return Math.max(0, Math.round(seats * 3 * health * (1 + 0.2 * noise)));
    case 'tickets':
      return Math.max(0, Math.round(1.5 - health + noise));
    case 'escalations':
      return noise > 2.2 - health ? 1 : 0;
    case 'csat':
      return Math.min(5, Math.max(1, 3 + 1.5 * health + 0.4 * noise));
    case 'meetings':
      return noise > 1.5 - health ? 1 : 0;
    case 'qbr':
      return t % 91 === 0 ? 1 : 0;
    case 'champion_replies':
      return Math.max(0, Math.round(2 * health + noise));
    case 'nps':
      return Math.min(10, Math.max(0, Math.round(4 + 5 * health + noise)));
    case 'days_past_due':
      return health < 0.3 ? Math.round(30 * (0.3 - health) * 10) : 0;
    default:
      return 100 * health + 10 * noise;
  }
}

/**
 * A book of `accounts` accounts × `metrics` daily series × `days` days ending 2026-11-23,
 * identical for the same arguments. Metrics beyond the demo names are `extra_1`, `extra_2`…
 */
export function makeBenchBook(accounts: number, metrics: number, days: number, seed: number): Book {
  const rnd = createRandom(seed);
  const first = BENCH_LAST_DAY - days + 1;
  const names = Array.from({ length: metrics }, (_, i) =>
    i < BENCH_METRICS.length ? BENCH_METRICS[i] : `extra_${i - BENCH_METRICS.length + 1}`,
  );
  const dayArray = Int32Array.from({ length: days }, (_, i) => first + i);
  const accountList: Account[] = [];
  const series: SignalSeries[] = [];
  const pulses: Pulse[] = [];
  for (let a = 0; a < accounts; a++) {
    const id = `B${String(a + 1).padStart(5, '0')}`;
    const seats = rnd.int(5, 500);
    const start = first - rnd.int(0, 720);
    accountList.push({
      id,
      name: `Bench account ${a + 1}`,
      segment: rnd.pick(SEGMENTS),
      arr: seats * rnd.int(200, 1200),
      seats,
      contractStart: start,
      renewalDate: BENCH_LAST_DAY + rnd.int(1, 365),
      owner: `CSM ${1 + (a % 25)}`,
      attributes: {},
    });
    const h0 = rnd.next();
    const drift = (rnd.next() - 0.5) / days;
    for (const metric of names) {
      const values = new Float64Array(days);
      for (let t = 0; t < days; t++) {
        const health = Math.min(1, Math.max(0, h0 + drift * t));
        values[t] = metricValue(metric, seats, health, t, rnd.normal());
      }
      series.push({ accountId: id, metric, days: dayArray, values });
    }
    if (rnd.chance(0.5)) {
      pulses.push({
        accountId: id,
        day: BENCH_LAST_DAY - rnd.int(0, 90),
        value: rnd.int(1, 5),
        reason: null,
      });
    }
  }
  return { accounts: accountList, series, outcomes: [], pulses, overrides: [] };
}
