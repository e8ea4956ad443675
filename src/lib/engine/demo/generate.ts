// The demo book: a deterministic, seeded book of business with two years of weekly signals,
// renewal outcomes and CSM pulses whose latent health tells the stories the seeds describe.
import { weekday } from '../dates';
import { createRandom } from '../random';
import type {
  Account,
  BandOverride,
  Book,
  DayNumber,
  Outcome,
  Pulse,
  SignalSeries,
} from '../types';
import { companyNames } from './catalog';
import { planAccount, type AccountPlan } from './plan';
import { assignFates } from './stories';
import { generateSignals } from './signals';

/** Options of generateDemoBook; the same options always give the same book. */
export interface DemoBookOptions {
  /** PRNG seed (default 1). */
  seed?: number;
  /** Number of accounts (default 150). */
  accounts?: number;
  /** Last day of data; snapped back to its Monday. */
  endDay: DayNumber;
}

/** Default number of demo accounts. */
export const DEMO_DEFAULT_ACCOUNTS = 150;
/** Weeks of signals in the demo book (two years). */
export const DEMO_WEEKS = 104;

/** The Monday on or before a day. */
export function mondayOnOrBefore(day: DayNumber): DayNumber {
  return day - weekday(day);
}

/** Mixes the book seed with an account index into an independent per-account seed. */
function accountSeed(seed: number, index: number, stream: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae3d) ^ stream;
  return (h ^ (h >>> 13)) >>> 0;
}

function toAccount(plan: AccountPlan): Account {
  let seats = plan.seatsAtStart;
  for (const r of plan.renewals)
    if (r.seatFactor > 0) seats = Math.max(1, Math.round(seats * r.seatFactor));
  return {
    id: plan.id,
    name: plan.name,
    segment: plan.segment,
    arr: Math.round((seats * plan.pricePerSeat) / 100) * 100,
    seats,
    contractStart: plan.contractStart,
    renewalDate: plan.renewalDate,
    owner: plan.owner,
    attributes: { industry: plan.industry, plan: plan.plan, region: plan.region },
  };
}

/** A couple of manual band overrides so the demo shows one in force and one expired. */
function demoOverrides(plans: AccountPlan[], endDay: DayNumber): BandOverride[] {
  const overrides: BandOverride[] = [];
  const sponsor = plans.find((p) => p.fate.story === 'payment' && !p.fate.churned);
  if (sponsor) {
    overrides.push({
      accountId: sponsor.id,
      day: endDay - 10,
      band: 'amber',
      reason: 'CFO confirmed the overdue invoice is paid next week',
      expiresDay: endDay + 30,
    });
  }
  const past = plans.find((p) => p.fate.story === 'healthy' && p.contractStart < endDay - 400);
  if (past) {
    overrides.push({
      accountId: past.id,
      day: endDay - 200,
      band: 'red',
      reason: 'Acquisition rumours; watch until the dust settles',
      expiresDay: endDay - 140,
    });
  }
  return overrides;
}

/** The settled options: seed and account count defaulted, endDay snapped to its Monday. */
function settle(options: DemoBookOptions): { seed: number; n: number; endDay: DayNumber } {
  const seed = options.seed ?? 1;
  const n = options.accounts ?? DEMO_DEFAULT_ACCOUNTS;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`accounts must be a whole number ≥ 1, got ${n}`);
  }
  if (!Number.isInteger(options.endDay)) {
    throw new RangeError(`endDay must be a day number, got ${options.endDay}`);
  }
  return { seed, n, endDay: mondayOnOrBefore(options.endDay) };
}

/** The story plan behind every demo account (what the generator intends; for tests and docs). */
export function planDemoBook(options: DemoBookOptions): AccountPlan[] {
  const { seed, n, endDay } = settle(options);
  const windowStart = endDay - (DEMO_WEEKS - 1) * 7;
  const bookRng = createRandom(seed);
  const names = companyNames(bookRng, n);
  const fates = assignFates(bookRng, n);
  return fates.map((fate, i) =>
    planAccount(createRandom(accountSeed(seed, i, 1)), i, names[i], fate, windowStart, endDay),
  );
}

/** Generates the demo book: about 150 accounts, 104 weeks of Monday signals ending at endDay. */
export function generateDemoBook(options: DemoBookOptions): Book {
  const { seed, endDay } = settle(options);
  const windowStart = endDay - (DEMO_WEEKS - 1) * 7;
  const plans = planDemoBook(options);
  const series: SignalSeries[] = [];
  const pulses: Pulse[] = [];
  const outcomes: Outcome[] = [];
  plans.forEach((plan, i) => {
    const signals = generateSignals(
      createRandom(accountSeed(seed, i, 2)),
      plan,
      windowStart,
      endDay,
    );
    series.push(...signals.series);
    pulses.push(...signals.pulses);
    for (const r of plan.renewals) {
      outcomes.push({
        accountId: plan.id,
        day: r.day,
        outcome: r.outcome,
        reason: r.reason,
        avoidable: r.avoidable,
      });
    }
  });
  return {
    accounts: plans.map(toAccount),
    series,
    outcomes,
    pulses,
    overrides: demoOverrides(plans, endDay),
  };
}
