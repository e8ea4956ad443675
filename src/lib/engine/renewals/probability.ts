// A renewal's churn probability from today's score, through the score → churn-probability
// mapping (Platt scaling) the active model's last backtest fitted at each horizon.
import { mappedProbability, type ScoreMapping } from '../backtest/platt';

/** The mapping one backtested horizon fitted: churn within `horizonDays` of a score. */
export interface HorizonCalibration {
  horizonDays: number;
  mapping: ScoreMapping;
  /** Outcomes it was fitted on, and how many churned. */
  n: number;
  churned: number;
}

/** The calibration used for a renewal `daysAhead` days away: the nearest backtested horizon. */
export function calibrationFor(
  calibrations: readonly HorizonCalibration[],
  daysAhead: number,
): HorizonCalibration | null {
  let best: HorizonCalibration | null = null;
  for (const c of calibrations) {
    const d = Math.abs(c.horizonDays - daysAhead);
    // On a tie the longer horizon wins: today's score is older evidence for a later renewal.
    if (
      !best ||
      d < Math.abs(best.horizonDays - daysAhead) ||
      (d === Math.abs(best.horizonDays - daysAhead) && c.horizonDays > best.horizonDays)
    )
      best = c;
  }
  return best;
}

/** Churn probability of a score `daysAhead` days before its renewal; null without a score or calibration. */
export function churnProbability(
  calibrations: readonly HorizonCalibration[],
  score: number | null,
  daysAhead: number,
): { p: number; horizonDays: number } | null {
  if (score === null || !Number.isFinite(score)) return null;
  const c = calibrationFor(calibrations, daysAhead);
  return c ? { p: mappedProbability(c.mapping, score), horizonDays: c.horizonDays } : null;
}
