// A seeded synthetic book whose churn really is foreshadowed by usage (a decline in active
// users over the ~5 months before a churn, more tickets): the backtest's own test bed and the
// bench's workload. Weekly observations, typed arrays, nothing per observation.
import { ymdToDay } from '../dates';
import { createRandom } from '../random';
import type { Account, Book, Outcome } from '../types';

/** First day of the synthetic book's data (2024-01-01). */
export const SYNTHETIC_START = ymdToDay(2024, 1, 1);
/** Days of data in the synthetic book. */
export const SYNTHETIC_DAYS = 728;

/** Builds a book of `accounts` accounts with weekly active_users, licensed_seats and tickets. */
export function syntheticBacktestBook(accounts: number, seed: number): Book {
  const random = createRandom(seed);
  const book: Book = { accounts: [], series: [], outcomes: [], pulses: [], overrides: [] };
  const weeks = Math.floor(SYNTHETIC_DAYS / 7);
  for (let i = 0; i < accounts; i++) {
    const id = `acct-${String(i).padStart(5, '0')}`;
    const health = random.normal();
    const churns = random.chance(1 / (1 + Math.exp(1.6 + 1.2 * health)));
    const renewal = SYNTHETIC_START + random.int(400, SYNTHETIC_DAYS - 7);
    const seats = random.int(10, 200);
    const account: Account = {
      id,
      name: `Account ${i}`,
      segment: random.pick(['SMB', 'Mid-market', 'Enterprise']),
      arr: seats * random.int(300, 900),
      seats,
      contractStart: renewal - 365,
      renewalDate: renewal,
      owner: null,
      attributes: {},
    };
    book.accounts.push(account);
    // Not every churn is foreshadowed: some leave for reasons the data never shows.
    const foreshadowed = churns && random.chance(0.7);
    const lastDay = churns ? renewal : SYNTHETIC_START + SYNTHETIC_DAYS;
    const n = Math.min(weeks, Math.floor((lastDay - SYNTHETIC_START) / 7) + 1);
    const days = new Int32Array(n);
    const active = new Float64Array(n);
    const licensed = new Float64Array(n);
    const tickets = new Float64Array(n);
    const base = seats * Math.min(0.95, Math.max(0.1, 0.55 + 0.12 * health));
    for (let w = 0; w < n; w++) {
      const day = SYNTHETIC_START + 7 * w;
      days[w] = day;
      const before = renewal - day;
      const decline = foreshadowed && before < 150 ? 0.6 + 0.4 * Math.max(0, before / 150) : 1;
      active[w] = Math.max(0, Math.round(base * decline * (1 + 0.12 * random.normal())));
      licensed[w] = seats;
      const rate = 0.6 + (foreshadowed && before < 120 ? 0.5 : 0) + Math.max(0, -0.3 * health);
      tickets[w] = Math.max(0, Math.round(rate + Math.sqrt(rate) * random.normal()));
    }
    book.series.push(
      { accountId: id, metric: 'active_users', days, values: active },
      { accountId: id, metric: 'licensed_seats', days, values: licensed },
      { accountId: id, metric: 'tickets', days, values: tickets },
    );
    const outcome: Outcome = churns
      ? {
          accountId: id,
          day: renewal,
          outcome: 'churned',
          reason: null,
          avoidable: !random.chance(0.15),
        }
      : {
          accountId: id,
          day: renewal,
          outcome: random.chance(0.2) ? 'expanded' : random.chance(0.1) ? 'contracted' : 'renewed',
          reason: null,
          avoidable: null,
        };
    book.outcomes.push(outcome);
  }
  return book;
}
