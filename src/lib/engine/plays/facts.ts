// What a playbook may read about one account on one day: the score's outputs plus the few book
// facts the triggers need (tenure, the latest pulse, seat use). Built from an AccountScore so the
// worker, the CLI's replay and the tests read exactly the same things; everything is as of
// `day` (point in time).
import type { Account, Band, DayNumber } from '../types';
import type { AccountScore } from '../score/result';
import type { PreparedBook } from '../score/prepare';

/** Seat use: the measure the triggers read for "seat use high". */
export const SEAT_USE_MEASURE = 'seat_utilisation';

export interface PlayFacts {
  accountId: string;
  name: string;
  day: DayNumber;
  /** Rounded score; null unless scored. */
  score: number | null;
  /** The band shown (an override in force wins). */
  band: Band | null;
  /** Score change over the model's trend window; null when unknown. */
  trendChange: number | null;
  /** Ids and names of the pattern rules that fired. */
  patterns: readonly { id: string; name: string }[];
  stage: string | null;
  /** Days since the contract started; null without a start date. */
  tenureDays: number | null;
  daysToRenewal: number | null;
  /** The latest pulse (1–5) on or before `day`. */
  pulse: number | null;
  /** Days since the newest observation or pulse; null when the account has none. */
  daysSinceData: number | null;
  /** Active / licensed seats, as the model's seat-use measure read it; null when not read. */
  seatUse: number | null;
  segment: string | null;
  owner: string | null;
  arr: number | null;
  /**
   * The score on an earlier day (drop triggers); null when unknown. The worker reads stored
   * history; the replay reads its own daily scores; without either, the score's own trend
   * gives the score one trend window ago.
   */
  scoreOn: (day: DayNumber) => number | null;
  /** The active model's band thresholds (score triggers on the band scale map onto them). */
  bands: BandLimits;
}

/** Inclusive upper bounds of red and amber. */
export interface BandLimits {
  redMax: number;
  amberMax: number;
}

/** The seeds' bands (red 0–30, amber 31–70, green 71–100): the band scale's own. */
export const SEED_BANDS: BandLimits = { redMax: 30, amberMax: 70 };

/** The latest pulse value on or before `day` (pulses sorted by day). */
export function latestPulse(
  prepared: PreparedBook,
  accountIndex: number,
  day: DayNumber,
): number | null {
  const p = prepared.pulses[accountIndex];
  if (!p) return null;
  let lo = 0;
  let hi = p.days.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (p.days[mid] <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? null : p.values[found];
}

/** Facts of one scored account. */
export function factsOf(
  score: AccountScore,
  account: Account,
  pulse: number | null,
  history?: (day: DayNumber) => number | null,
  bands: BandLimits = SEED_BANDS,
): PlayFacts {
  const seat = score.measures.find((m) => m.measureId === SEAT_USE_MEASURE);
  const trendDay = score.day - score.trend.windowDays;
  const previous = score.trend.previousScore;
  const scoreOn = (day: DayNumber): number | null => {
    const known = history?.(day) ?? null;
    return known !== null ? known : day === trendDay ? previous : null;
  };
  return {
    accountId: score.accountId,
    name: score.accountName,
    day: score.day,
    score: score.score,
    band: score.band,
    trendChange: score.trend.change,
    patterns: score.patterns.map((p) => ({ id: p.id, name: p.name })),
    stage: score.stage,
    tenureDays: account.contractStart === null ? null : score.day - account.contractStart,
    daysToRenewal: score.daysToRenewal,
    pulse,
    daysSinceData: score.lastDataDay === null ? null : score.day - score.lastDataDay,
    seatUse: seat && !seat.missing ? seat.value : null,
    segment: account.segment,
    owner: account.owner,
    arr: account.arr,
    scoreOn,
    bands,
  };
}

/** Facts of every account of a scored book (scores in the prepared book's account order or not). */
export function bookFacts(
  prepared: PreparedBook,
  scores: readonly AccountScore[],
  scoreOn?: (accountId: string, day: DayNumber) => number | null,
  bands: BandLimits = SEED_BANDS,
): PlayFacts[] {
  const out: PlayFacts[] = [];
  for (const s of scores) {
    const i = prepared.accountIndex.get(s.accountId);
    if (i === undefined) continue;
    out.push(
      factsOf(
        s,
        prepared.accounts[i],
        latestPulse(prepared, i, s.day),
        scoreOn ? (d) => scoreOn(s.accountId, d) : undefined,
        bands,
      ),
    );
  }
  return out;
}
