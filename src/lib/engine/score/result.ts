// The shapes the scoring engine returns to the app, the worker and the CLI.
import type { Band, BandOverride, DayNumber } from '../types';
import type { ScoreStatus } from './freshness';

/** One measure's part in a score. */
export interface MeasureContribution {
  measureId: string;
  groupId: string;
  name: string;
  horizon: 'leading' | 'lagging';
  nature: 'activity' | 'value';
  /** Raw numeric value (null when missing or textual). */
  value: number | null;
  /** Raw text value of a categorical attribute (null otherwise). */
  text: string | null;
  /** The value as shown to people ("62%", "21 days", "Enterprise", "no data"). */
  valueText: string;
  /** Measure score 0–100 from its scoring function; null when there was no data. */
  measureScore: number | null;
  /** True when there was no data and the missing-data policy applied. */
  missing: boolean;
  missingPolicy: 'skip' | 'neutral' | 'worst';
  /** Effective share of the model's weight in this account's context (0–1). */
  share: number;
  /** Points this measure could give after skipped measures were renormalised away. */
  maxPoints: number;
  /** Points it gave. */
  points: number;
  /** maxPoints − points. */
  lost: number;
  /**
   * The nearest raw value at which the measure scores its best under the scoring in force
   * (linear: green; target: the band edge; tiers: the top step), for "+N if it reaches X";
   * null for categorical, boolean and percentile scoring.
   */
  bestValue: number | null;
}

/** One group's part in a score (sums of its measures). */
export interface GroupContribution {
  groupId: string;
  name: string;
  share: number;
  maxPoints: number;
  points: number;
  lost: number;
  /** Share of this group's weight that had data (0–1; 1 for a group with no weight). */
  coverage: number;
}

/** A pattern rule that fired. */
export interface FiredPattern {
  id: string;
  name: string;
  description: string;
  capBand: 'red' | 'amber' | null;
  subtractPoints: number | null;
}

/** Score change over the model's trend window, with the dead zone that makes it "flat". */
export interface ScoreTrend {
  direction: 'up' | 'down' | 'flat' | 'unknown';
  /** Current minus previous rounded score; null when unknown. */
  change: number | null;
  previousScore: number | null;
  windowDays: number;
  deadZone: number;
  /** Why the trend is unknown; null otherwise. */
  reason: string | null;
}

/** Everything about one account's score on one day. */
export interface AccountScore {
  accountId: string;
  accountName: string;
  day: DayNumber;
  modelId: string;
  modelVersion: number;
  /**
   * Rounded score 0–100; null unless `status` is `scored` (no data in the model's windows, or
   * less than MIN_COVERAGE of its weight had data: a number from that would mislead).
   */
  score: number | null;
  /** `scored`, `stale` (no data within the model's lookback) or `unscored` (too little data). */
  status: ScoreStatus;
  /** The account's newest observation or pulse on or before `day`; null when it has none. */
  lastDataDay: DayNumber | null;
  /** Score before pattern rules (rounded); null like score. */
  scoreBeforePatterns: number | null;
  /** The band shown: the override's band while one is in force, else the scored band (null unless scored). */
  band: Band | null;
  /** The band of the score itself. */
  scoredBand: Band | null;
  /** Share of the model's weight that had data (0–1). */
  coverage: number;
  /** Lifecycle stage on this day. */
  stage: string | null;
  /** Ids of the context overrides that applied. */
  contexts: string[];
  daysToRenewal: number | null;
  groups: GroupContribution[];
  measures: MeasureContribution[];
  patterns: FiredPattern[];
  override: BandOverride | null;
  trend: ScoreTrend;
  /** At most two deterministic sentences, the first naming up to three top drivers. */
  explanation: string;
}

/** A stored point of score history. */
export interface ScoreSnapshot {
  accountId: string;
  day: DayNumber;
  /** Rounded score, null when nothing had data. */
  score: number | null;
  /** The band shown that day (an override in force wins). */
  band: Band | null;
  coverage: number;
}
