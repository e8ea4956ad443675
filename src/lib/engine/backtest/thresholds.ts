// Suggested band thresholds: the red cut-off that catches a chosen share of churn (or fits a
// CSM's capacity of N accounts), and an amber cut-off that catches a larger share.
import type { BandThresholds } from '../model/schema';

/** Options of suggestThresholds. */
export interface ThresholdOptions {
  /** Share of churned outcomes that should score red (default 0.5). */
  redCatchShare?: number;
  /** Share of churned outcomes that should score red or amber (default 0.8). */
  amberCatchShare?: number;
}

/** Smallest whole score t such that at least `share` of churned rows score ≤ t (rounded). */
function catchCutoff(scores: ArrayLike<number>, y: ArrayLike<number>, share: number): number {
  const churned: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (y[i] === 1 && Number.isFinite(scores[i])) churned.push(Math.round(scores[i]));
  }
  if (!churned.length) return NaN;
  churned.sort((a, b) => a - b);
  return churned[Math.max(0, Math.ceil(share * churned.length) - 1)];
}

/** Band thresholds from scored outcomes: red catches `redCatchShare` of churn, amber the rest up to `amberCatchShare`. */
export function suggestThresholds(
  scores: ArrayLike<number>,
  y: ArrayLike<number>,
  options: ThresholdOptions = {},
): BandThresholds {
  const red = catchCutoff(scores, y, options.redCatchShare ?? 0.5);
  const amber = catchCutoff(scores, y, options.amberCatchShare ?? 0.8);
  return orderedThresholds(Number.isNaN(red) ? 30 : red, Number.isNaN(amber) ? 70 : amber);
}

/** The red cut-off that flags about `capacity` accounts: the capacity-th lowest current score. */
export function capacityRedMax(currentScores: ArrayLike<number>, capacity: number): number {
  const sorted = Array.from(currentScores)
    .filter(Number.isFinite)
    .map(Math.round)
    .sort((a, b) => a - b);
  if (!sorted.length || capacity < 1) return 0;
  // Rounded ties may push the count above capacity; step down until it fits (or nothing is red).
  let t = sorted[Math.min(capacity, sorted.length) - 1];
  while (t >= 0 && sorted.filter((s) => s <= t).length > capacity) t--;
  return Math.max(0, t);
}

/** Clamps to 0–100 with redMax < amberMax, as the model schema requires. */
export function orderedThresholds(redMax: number, amberMax: number): BandThresholds {
  const r = Math.min(99, Math.max(0, Math.round(redMax)));
  const a = Math.min(100, Math.max(r + 1, Math.round(amberMax)));
  return { redMax: r, amberMax: a };
}
