// Which story each demo account lives through, and how many of each a book of N accounts gets.
// Quotas (not independent coin flips) keep every book, even a small one, showing each story.
import type { Random } from '../random';
import type { DayNumber } from '../types';
import type { Episode, EpisodeKind } from './episodes';

/** The story an account lives through in the demo book. */
export type Story =
  | 'healthy'
  | 'onboarding'
  | EpisodeKind
  | 'silentChampion'
  | 'surprise'
  | 'acquired'
  | 'outOfBusiness';

/** A story and whether it ended in churn inside the window (false = the account is active today). */
export interface Fate {
  story: Story;
  churned: boolean;
}

const WEEK = 7;

/** Story quotas for a book of `n` accounts, shuffled so stories are not grouped by index. */
export function assignFates(rng: Random, n: number): Fate[] {
  const pastChurn = Math.round(0.24 * n);
  const silentPast = Math.round(0.18 * pastChurn);
  const acquired = Math.round(0.05 * pastChurn);
  const outOfBusiness = Math.round(0.05 * pastChurn);
  const surprise = Math.round(0.08 * pastChurn);
  const decline = Math.max(0, pastChurn - silentPast - acquired - outOfBusiness - surprise);
  const currentRisk = Math.round(0.065 * n);
  const fates: Fate[] = [];
  const add = (story: Story, churned: boolean, count: number) => {
    for (let i = 0; i < count; i++) fates.push({ story, churned });
  };
  add('silentChampion', true, silentPast);
  add('acquired', true, acquired);
  add('outOfBusiness', true, outOfBusiness);
  add('surprise', true, surprise);
  add('usage', true, Math.round(decline * 0.45));
  add('support', true, Math.round(decline * 0.25));
  add('relationship', true, Math.round(decline * 0.2));
  add(
    'payment',
    true,
    decline - Math.round(decline * 0.45) - Math.round(decline * 0.25) - Math.round(decline * 0.2),
  );
  for (const story of ['usage', 'support', 'payment', 'relationship', 'silentChampion'] as const) {
    add(story, false, currentRisk);
  }
  add('onboarding', false, Math.round(0.09 * n));
  fates.length = Math.min(fates.length, n);
  add('healthy', false, n - fates.length);
  for (let i = fates.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [fates[i], fates[j]] = [fates[j], fates[i]];
  }
  return fates;
}

/** Days before a churn at which a backtest (default horizon 60 days) makes its prediction. */
export const PREDICTION_LEAD_DAYS = 60;

/**
 * Trouble that builds up before a churn on `churnDay`, led by the story's own kind. It is
 * mostly in full swing two to three months ahead, so a score made 60 days out can see it.
 */
export function churnEpisodes(rng: Random, kind: EpisodeKind, churnDay: DayNumber): Episode[] {
  const lead = rng.int(12, 36) * WEEK;
  const episodes: Episode[] = [
    {
      kind,
      start: churnDay - lead,
      peak: churnDay - rng.int(6, 14) * WEEK,
      end: churnDay,
      severity: 0.6 + 0.4 * rng.next(),
    },
  ];
  const companions: [EpisodeKind, number][] = [
    ['usage', 0.75],
    ['support', 0.55],
    ['relationship', 0.75],
    ['payment', 0.3],
  ];
  // Some accounts collapse on every front at once: the churns a score should flag red early.
  const collapse = rng.chance(0.3);
  for (const [other, p] of companions) {
    if (other === kind || !(collapse || rng.chance(p))) continue;
    episodes.push({
      kind: other,
      start: churnDay - Math.round(lead * (0.5 + 0.5 * rng.next())),
      peak: churnDay - rng.int(6, 12) * WEEK,
      end: churnDay,
      severity: collapse ? 0.75 + 0.25 * rng.next() : 0.45 + 0.4 * rng.next(),
    });
  }
  return episodes;
}

/**
 * Trouble under way today (`endDay`), still getting worse, for a currently active risk story.
 * A severe case spreads across dimensions the way accounts heading for churn do; a mild one
 * stays mostly in its own.
 */
export function currentEpisodes(
  rng: Random,
  kind: EpisodeKind,
  endDay: DayNumber,
  severe: boolean,
): Episode[] {
  const episodes: Episode[] = [
    {
      kind,
      start: endDay - rng.int(severe ? 10 : 6, severe ? 20 : 16) * WEEK,
      peak: endDay - rng.int(0, 14),
      end: endDay + 365,
      severity: severe ? 0.8 + 0.2 * rng.next() : 0.35 + 0.25 * rng.next(),
    },
  ];
  const companions: [EpisodeKind, number][] = severe
    ? [
        ['usage', 1],
        ['support', 0.8],
        ['relationship', 1],
        ['payment', 0.5],
      ]
    : [
        ['usage', 0.3],
        ['support', 0.3],
        ['relationship', 0.3],
      ];
  for (const [other, p] of companions) {
    if (other === kind || !rng.chance(p)) continue;
    episodes.push({
      kind: other,
      start: endDay - rng.int(3, 12) * WEEK,
      peak: endDay,
      end: endDay + 365,
      severity: severe ? 0.65 + 0.3 * rng.next() : 0.15 + 0.2 * rng.next(),
    });
  }
  return episodes;
}

/** A rough patch that recovers: the false alarms that keep any score from being perfect. */
export function passingEpisode(rng: Random, from: DayNumber, to: DayNumber): Episode {
  const kind = rng.pick(['usage', 'support', 'payment', 'relationship'] as const);
  const start = rng.int(from, Math.max(from, to));
  const length = rng.int(6, 16) * WEEK;
  return {
    kind,
    start,
    peak: start + Math.round(length / 2),
    end: start + length,
    severity: 0.25 + 0.3 * rng.next(),
  };
}

/** A mild wobble still going on today: some healthy accounts sit in amber. */
export function wobbleEpisode(rng: Random, endDay: DayNumber): Episode {
  return {
    kind: rng.pick(['usage', 'support', 'payment', 'relationship'] as const),
    start: endDay - rng.int(3, 10) * WEEK,
    peak: endDay,
    end: endDay + 365,
    severity: 0.35 + 0.35 * rng.next(),
  };
}

/**
 * A scare before a renewal the account goes on to make: trouble peaking two to three months
 * out, then recovering. These are the renewals a good score still flags amber or red.
 */
export function scareEpisodes(rng: Random, renewalDay: DayNumber): Episode[] {
  const kinds = (['usage', 'support', 'payment', 'relationship'] as const).filter(() =>
    rng.chance(0.45),
  );
  if (kinds.length === 0) kinds.push(rng.pick(['usage', 'support', 'relationship'] as const));
  return kinds.map((kind) => {
    const peak = renewalDay - rng.int(6, 10) * WEEK;
    return {
      kind,
      start: peak - rng.int(4, 10) * WEEK,
      peak,
      end: renewalDay - rng.int(2, 6) * WEEK,
      severity: 0.4 + 0.45 * rng.next(),
    };
  });
}
