// Which way a measure's scoring runs — "higher is better" or "lower is better" — read from its
// scoring function, so the builder and the proposal summary can say it in words.
import type { ScoringFunction } from './schema';

/** The direction a scoring function rewards. */
export type ScoringDirection = 'higher' | 'lower' | 'target' | 'mixed' | 'category' | 'flat';

function monotone(points: readonly number[]): ScoringDirection {
  let up = false;
  let down = false;
  for (let i = 1; i < points.length; i++) {
    if (points[i] > points[i - 1]) up = true;
    if (points[i] < points[i - 1]) down = true;
  }
  if (up && down) return 'mixed';
  return up ? 'higher' : down ? 'lower' : 'flat';
}

/** The direction `scoring` rewards: higher values score more, lower values, a range, … */
export function scoringDirection(scoring: ScoringFunction): ScoringDirection {
  switch (scoring.type) {
    case 'percentile':
      return scoring.higherIsBetter ? 'higher' : 'lower';
    case 'linear':
      return scoring.green > scoring.red
        ? 'higher'
        : scoring.green < scoring.red
          ? 'lower'
          : 'flat';
    case 'target':
      return 'target';
    case 'tiers':
      return monotone([scoring.base, ...scoring.steps.map((s) => s.points)]);
    case 'boolean':
      return scoring.whenTrue > scoring.whenFalse
        ? 'higher'
        : scoring.whenTrue < scoring.whenFalse
          ? 'lower'
          : 'flat';
    case 'categorical':
      return 'category';
  }
}

/** The direction in plain words ("higher is better"). */
export function directionWords(direction: ScoringDirection): string {
  return {
    higher: 'higher is better',
    lower: 'lower is better',
    target: 'a middle range is best',
    mixed: 'no single direction (see the tiers)',
    category: 'points per category',
    flat: 'no effect on the score',
  }[direction];
}
