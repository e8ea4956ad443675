// Plans one demo account: who it is, when its contract started and renews, the story it lives
// through (as episodes and relationship events) and the outcome of every renewal in the window.
import { addMonths } from '../dates';
import type { Random } from '../random';
import type { DayNumber } from '../types';
import { DEMO_OWNERS, INDUSTRIES, REGIONS } from './catalog';
import type { Episode } from './episodes';
import { planRenewals, type RenewalEvent } from './renewals';
import {
  PREDICTION_LEAD_DAYS,
  churnEpisodes,
  currentEpisodes,
  passingEpisode,
  scareEpisodes,
  wobbleEpisode,
  type Fate,
} from './stories';

/** Everything the signal generator needs to know about one account. */
export interface AccountPlan {
  id: string;
  name: string;
  segment: 'SMB' | 'Mid-Market' | 'Enterprise';
  plan: string;
  industry: string;
  region: string;
  owner: string;
  ownerBias: number;
  fate: Fate;
  contractStart: DayNumber;
  /** The upcoming renewal, or for a churned account the renewal at which it left. */
  renewalDate: DayNumber;
  churnDay: DayNumber | null;
  renewals: RenewalEvent[];
  seatsAtStart: number;
  pricePerSeat: number;
  /** A lukewarm account: lower adoption, cooler relationship and NPS, even in good times. */
  lukewarm: boolean;
  /** Share of licensed seats active when all is well. */
  utilisation: number;
  /** Added to the account's NPS responses (lukewarm accounts answer lower). */
  npsShift: number;
  actionsPerUser: number;
  ticketRate: number;
  meetingRate: number;
  replyRate: number;
  episodes: Episode[];
  championSilentFrom: DayNumber | null;
  qbrStopFrom: DayNumber | null;
  /** Week offsets (mod 13) of the account's QBR and NPS survey cycles. */
  qbrPhase: number;
  npsPhase: number;
  pulseEvery: number;
}

const WEEK = 7;
const SEGMENTS = [
  { name: 'SMB', share: 0.5, seats: [5, 40], price: [360, 720], plans: ['Starter', 'Growth'] },
  {
    name: 'Mid-Market',
    share: 0.33,
    seats: [40, 250],
    price: [420, 840],
    plans: ['Growth', 'Business'],
  },
  {
    name: 'Enterprise',
    share: 0.17,
    seats: [250, 1500],
    price: [480, 960],
    plans: ['Business', 'Enterprise'],
  },
] as const;

function logUniform(rng: Random, lo: number, hi: number): number {
  return Math.round(Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo))));
}

function tenureYears(rng: Random): number {
  const u = rng.next();
  return u < 0.35 ? 1 : u < 0.65 ? 2 : u < 0.85 ? 3 : 4;
}

/** The key dates of an account: contract start, renewal date and churn day. */
function planDates(
  rng: Random,
  fate: Fate,
  windowStart: DayNumber,
  endDay: DayNumber,
): { contractStart: DayNumber; renewalDate: DayNumber; churnDay: DayNumber | null } {
  if (fate.churned) {
    // Churns late enough in the window that a backtest has history before its prediction point.
    const churnDay = rng.int(windowStart + 30 * WEEK, endDay - 3);
    return {
      contractStart: addMonths(churnDay, -12 * tenureYears(rng)),
      renewalDate: churnDay,
      churnDay,
    };
  }
  if (fate.story === 'onboarding') {
    const contractStart = endDay - rng.int(0, 89);
    return { contractStart, renewalDate: addMonths(contractStart, 12), churnDay: null };
  }
  const atRisk = fate.story !== 'healthy';
  const renewalDate =
    fate.story === 'silentChampion'
      ? endDay + rng.int(20, 85)
      : atRisk && rng.chance(0.7)
        ? endDay + rng.int(14, 120)
        : endDay + rng.int(1, 365);
  const years = tenureYears(rng) + (rng.chance(0.3) ? 1 : 0);
  let contractStart = addMonths(renewalDate, -12 * years);
  // Not onboarding: a start inside the last 90 days moves back one more year.
  if (contractStart > endDay - 90) contractStart = addMonths(renewalDate, -12 * (years + 1));
  return { contractStart, renewalDate, churnDay: null };
}

/** The story's episodes and relationship events (champion silence, QBRs stopping). */
function planStory(
  rng: Random,
  fate: Fate,
  dates: { contractStart: DayNumber; churnDay: DayNumber | null },
  windowStart: DayNumber,
  endDay: DayNumber,
): Pick<AccountPlan, 'episodes' | 'championSilentFrom' | 'qbrStopFrom'> {
  const { story } = fate;
  const from = Math.max(windowStart, dates.contractStart + 12 * WEEK);
  const last = dates.churnDay ?? endDay;
  const episodes: Episode[] = [];
  let championSilentFrom: DayNumber | null = null;
  let qbrStopFrom: DayNumber | null = null;
  if (from < last - 30 * WEEK && rng.chance(fate.churned ? 0.25 : 0.4)) {
    episodes.push(passingEpisode(rng, from, last - 30 * WEEK));
  }
  // Renewals the account makes anyway, some of them after a scare.
  for (let year = 1; ; year++) {
    const day = addMonths(dates.contractStart, 12 * year);
    if (day >= last) break;
    if (day >= windowStart + 12 * WEEK && rng.chance(0.22))
      episodes.push(...scareEpisodes(rng, day));
  }
  if (story === 'silentChampion') {
    // Silent for 3–8 weeks at the point a backtest predicts (or today), the last QBR missed.
    const at = dates.churnDay === null ? endDay : dates.churnDay - PREDICTION_LEAD_DAYS;
    championSilentFrom = at - rng.int(3, 8) * WEEK;
    qbrStopFrom = at - 130 - rng.int(0, 30);
  } else if (
    story === 'usage' ||
    story === 'support' ||
    story === 'payment' ||
    story === 'relationship'
  ) {
    if (dates.churnDay !== null) {
      episodes.push(...churnEpisodes(rng, story, dates.churnDay));
      if (rng.chance(0.5)) championSilentFrom = dates.churnDay - rng.int(6, 14) * WEEK;
      if (rng.chance(0.6)) qbrStopFrom = dates.churnDay - rng.int(14, 26) * WEEK;
    } else {
      const severe = rng.chance(0.75);
      episodes.push(...currentEpisodes(rng, story, endDay, severe));
      if (severe && rng.chance(0.8)) championSilentFrom = endDay - rng.int(2, 6) * WEEK;
      if (severe && rng.chance(0.8)) qbrStopFrom = endDay - rng.int(8, 20) * WEEK;
    }
  } else if (story === 'outOfBusiness' && dates.churnDay !== null) {
    const start = dates.churnDay - rng.int(6, 14) * WEEK;
    episodes.push({
      kind: 'payment',
      start,
      peak: dates.churnDay,
      end: dates.churnDay,
      severity: 0.7 + 0.3 * rng.next(),
    });
    episodes.push({
      kind: 'usage',
      start,
      peak: dates.churnDay,
      end: dates.churnDay,
      severity: 0.3,
    });
  } else if (story === 'healthy' && rng.chance(0.45)) {
    episodes.push(wobbleEpisode(rng, endDay));
  }
  return { episodes, championSilentFrom, qbrStopFrom };
}

/** Plans account number `index` (0-based) of the book. */
export function planAccount(
  rng: Random,
  index: number,
  name: string,
  fate: Fate,
  windowStart: DayNumber,
  endDay: DayNumber,
): AccountPlan {
  const u = rng.next();
  const seg =
    u < SEGMENTS[0].share
      ? SEGMENTS[0]
      : u < SEGMENTS[0].share + SEGMENTS[1].share
        ? SEGMENTS[1]
        : SEGMENTS[2];
  const owner =
    DEMO_OWNERS[seg.name === 'Enterprise' ? rng.int(0, 1) : rng.int(0, DEMO_OWNERS.length - 1)];
  const dates = planDates(rng, fate, windowStart, endDay);
  const seats = logUniform(rng, seg.seats[0], seg.seats[1]);
  const healthyUsage = fate.story === 'silentChampion' || fate.story === 'acquired';
  // A middle of lukewarm accounts: most renew anyway, some of those heading out start here.
  const lukewarm = !healthyUsage && fate.story !== 'onboarding' && rng.chance(0.45);
  const utilisation =
    (seg.name === 'Enterprise' ? 0.5 : 0.58) +
    (healthyUsage ? 0.12 + 0.15 * rng.next() : 0.3 * rng.next()) -
    (fate.story === 'onboarding' && rng.chance(0.3) ? 0.2 : 0) -
    (lukewarm ? 0.25 : 0);
  const story = planStory(rng, fate, dates, windowStart, endDay);
  const partial = { ...dates, ...story, utilisation, lukewarm };
  return {
    id: `ACC-${String(index + 1).padStart(4, '0')}`,
    name,
    segment: seg.name,
    plan: rng.pick(seg.plans),
    industry: rng.pick(INDUSTRIES),
    region: rng.pick(REGIONS),
    owner: owner.name,
    ownerBias: owner.pulseBias,
    fate,
    ...partial,
    renewals: planRenewals(rng, fate, partial, windowStart, endDay),
    seatsAtStart: seats,
    pricePerSeat: rng.int(seg.price[0], seg.price[1]),
    actionsPerUser: rng.int(8, 30),
    ticketRate: 0.15 + 0.03 * Math.pow(seats, 0.6),
    meetingRate:
      (seg.name === 'SMB' ? 0.25 : seg.name === 'Mid-Market' ? 0.45 : 0.7) * (lukewarm ? 0.5 : 1),
    replyRate: lukewarm ? 0.3 + 0.5 * rng.next() : 1 + 2 * rng.next(),
    npsShift: lukewarm ? -2 - rng.next() : 0,
    qbrPhase: rng.int(0, 12),
    npsPhase: rng.int(0, 12),
    pulseEvery: rng.int(3, 6),
  };
}
