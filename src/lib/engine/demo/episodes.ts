// Latent trouble in the demo book: each account carries episodes (a usage decline, a support
// surge, late payment, a souring relationship) whose intensity ramps up, holds and recovers.
// Signals are drawn from these intensities, so the data tells a story rather than being noise.
import type { DayNumber } from '../types';

/** The kinds of trouble an account can go through. */
export type EpisodeKind = 'usage' | 'support' | 'payment' | 'relationship';

/** One period of trouble: ramps from `start` to full at `peak`, holds to `end`, recovers over 4 weeks. */
export interface Episode {
  kind: EpisodeKind;
  start: DayNumber;
  peak: DayNumber;
  end: DayNumber;
  /** Strength at full intensity (0–1; for payment the share of 90 days past due). */
  severity: number;
}

const RECOVERY_DAYS = 28;

/** The episode's strength on a day (0 outside it). */
export function episodeIntensity(e: Episode, day: DayNumber): number {
  if (day < e.start) return 0;
  if (day < e.peak) return (e.severity * (day - e.start)) / (e.peak - e.start);
  if (day <= e.end) return e.severity;
  return Math.max(0, e.severity * (1 - (day - e.end) / RECOVERY_DAYS));
}

/** The summed strength of one kind of trouble on a day, capped at 1. */
export function troubleOn(episodes: readonly Episode[], kind: EpisodeKind, day: DayNumber): number {
  let total = 0;
  for (const e of episodes) if (e.kind === kind) total += episodeIntensity(e, day);
  return Math.min(1, total);
}
