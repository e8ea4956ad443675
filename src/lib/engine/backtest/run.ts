// The point-in-time backtest over a book: for every outcome on day d and horizon h, the
// prediction is the score as of d − h (the scoring engine reads only data dated ≤ d − h).
import { bandOf } from '../score/account';
import { evaluatePoints } from '../score/evaluate';
import type { PreparedBook } from '../score/prepare';
import type { ModelDocument } from '../model/schema';
import { isOnboarding } from '../model/context';
import type { Account, DayNumber } from '../types';
import { BAND_CODES } from './bands';
import {
  lastRedStretch,
  SAMPLE_GREEN,
  SAMPLE_ONBOARDING,
  SAMPLE_RED,
  SAMPLE_UNSCORED,
  type LeadTime,
} from './lead-time';
import { fitFolds, type FoldFit } from './fold-fit';
import { dataCoverage, datedByPrediction, firstDataDays, isSameDay } from './horizon';
import { outcomeRows, selectRows, type OutcomeRows, type OutcomeSelection } from './outcomes';
import { buildHorizonReport, type HorizonReport } from './report';
import type { ThresholdOptions } from './thresholds';

/** Options of runBacktest. */
export interface BacktestOptions extends OutcomeSelection {
  /** Horizons in days (default 30, 60, 90); 0 is the same-day test (no lead time). */
  horizons?: readonly number[];
  /** Fit weights out-of-sample instead of using the model's own: K folds grouped by account (or time). */
  fit?: {
    folds: number;
    seed?: number;
    split?: 'account' | 'time';
    nBins?: number;
    C?: number;
    /** Recalibrate each fold on its inner out-of-sample scores (default true); see FitSettings. */
    innerCalibration?: boolean;
    innerFolds?: number;
  } & ThresholdOptions;
  /** How far back lead time looks for the last red stretch, and the sampling step (default 364 / 7 days). */
  leadLookbackDays?: number;
  leadStepDays?: number;
  /** Called after each horizon (progress for the worker). */
  onProgress?: (done: number, total: number) => void;
}

/** One scored outcome, as written by `--predictions`. */
export interface Prediction {
  accountId: string;
  day: DayNumber;
  y: number;
  p: number;
}

/** A backtest's result: one report per horizon and the predictions behind it. */
export interface BacktestResult {
  modelId: string;
  modelVersion: number;
  reports: HorizonReport[];
  predictions: Prediction[][];
  /** Band code per scored row per horizon (for version comparison). */
  scored: { rows: OutcomeRows; scores: Float64Array; bandCodes: Uint8Array }[];
}

/** Scores at arbitrary points, with band codes: the model's own, or a fold-fitted scorecard's. */
export type PointScorer = (points: { accountId: string; day: DayNumber }[]) => {
  scores: Float64Array;
  bandCodes: Uint8Array;
};

function modelScorer(prepared: PreparedBook, model: ModelDocument): PointScorer {
  return (points) => {
    const { scores } = evaluatePoints(prepared, model, points);
    const bandCodes = new Uint8Array(scores.length);
    for (let i = 0; i < scores.length; i++) {
      bandCodes[i] = BAND_CODES.indexOf(bandOf(Math.round(scores[i]), model.bands));
    }
    return { scores, bandCodes };
  };
}

/** Lead time per churned row (days, NaN = not red before churning) and its censoring code. */
export interface LeadTimes {
  days: Float64Array;
  censored: Uint8Array;
}

/** Whether an account was in onboarding on a day (its lead-time samples there are skipped). */
export type OnboardingTest = (accountId: string, day: DayNumber) => boolean;

/** The model's onboarding rule (tenure under `lifecycle.onboardingDays`) over a book's accounts. */
export function onboardingTest(
  accounts: readonly Pick<Account, 'id' | 'contractStart'>[],
  model: ModelDocument,
): OnboardingTest {
  const start = new Map(accounts.map((a) => [a.id, a.contractStart]));
  return (accountId, day) => {
    const s = start.get(accountId);
    return s !== null && s !== undefined && isOnboarding(model, day - s);
  };
}

/** Options of leadTimes. */
export interface LeadTimeOptions {
  /** Samples taken while the account was in onboarding are skipped (default: none skipped). */
  onboarding?: OnboardingTest;
  /** Lead times already computed, by account and outcome day (the model's own scores do not depend on the horizon). */
  cache?: Map<string, LeadTime>;
}

/**
 * Lead time per churned row: the score is sampled every `step` days over the `lookback` days
 * before the churn (each sample reads data up to its own day), and the lead time counts from the
 * start of the last unbroken red stretch (`lastRedStretch`) to the churn; censored when that
 * stretch reaches the lookback's start, the end of onboarding or a day without a score.
 */
export function leadTimes(
  rows: Pick<OutcomeRows, 'accountIds' | 'outcomeDays' | 'y'>,
  scorer: PointScorer,
  lookback: number,
  step: number,
  options: LeadTimeOptions = {},
): LeadTimes {
  const { cache, onboarding } = options;
  const key = (i: number) => `${rows.accountIds[i]}\u0000${rows.outcomeDays[i]}`;
  const churnedAll: number[] = [];
  rows.y.forEach((v, i) => v === 1 && churnedAll.push(i));
  const churned = cache ? churnedAll.filter((i) => !cache.has(key(i))) : churnedAll;
  const perRow = Math.floor(lookback / step);
  const points: { accountId: string; day: DayNumber }[] = [];
  /** 1 where the sample falls in onboarding: it is not scored at all, its score is not read. */
  const inOnboarding = new Uint8Array(churned.length * perRow);
  for (const i of churned) {
    for (let k = perRow; k >= 1; k--) {
      const pt = { accountId: rows.accountIds[i], day: rows.outcomeDays[i] - k * step };
      if (onboarding?.(pt.accountId, pt.day)) inOnboarding[points.length] = 1;
      points.push(pt);
    }
  }
  const toScore = points.filter((_, r) => inOnboarding[r] === 0);
  const { scores, bandCodes } = toScore.length
    ? scorer(toScore)
    : { scores: new Float64Array(), bandCodes: new Uint8Array() };
  const kinds = new Uint8Array(points.length);
  for (let r = 0, s = 0; r < points.length; r++) {
    if (inOnboarding[r]) kinds[r] = SAMPLE_ONBOARDING;
    else {
      kinds[r] = Number.isNaN(scores[s])
        ? SAMPLE_UNSCORED
        : bandCodes[s] === 0
          ? SAMPLE_RED
          : SAMPLE_GREEN;
      s++;
    }
  }
  const fresh = churned.map((_, c) =>
    lastRedStretch(kinds.subarray(c * perRow, (c + 1) * perRow), step),
  );
  if (cache) churned.forEach((i, c) => cache.set(key(i), fresh[c]));
  const all = cache ? churnedAll.map((i) => cache.get(key(i))!) : fresh;
  return {
    days: Float64Array.from(all, (l) => l.days),
    censored: Uint8Array.from(all, (l) => l.censored),
  };
}

/** Runs the point-in-time backtest of `model` over a prepared book for every horizon. */
export function runBacktest(
  prepared: PreparedBook,
  model: ModelDocument,
  options: BacktestOptions = {},
): BacktestResult {
  const horizons = options.horizons ?? [30, 60, 90];
  const lookback = options.leadLookbackDays ?? 364;
  const leadCache = new Map<string, LeadTime>();
  const onboarding = onboardingTest(prepared.book.accounts, model);
  const step = options.leadStepDays ?? 7;
  const result: BacktestResult = {
    modelId: model.id,
    modelVersion: model.version,
    reports: [],
    predictions: [],
    scored: [],
  };
  const firstData = firstDataDays(prepared.book);
  horizons.forEach((h, hi) => {
    if (!Number.isInteger(h) || h < 0)
      throw new Error(`horizon must be a whole number ≥ 0, got ${h}`);
    const all = outcomeRows(prepared.book, h, options);
    const dated = datedByPrediction(all, firstData);
    // Same day: no prediction is made ahead of the outcome, so there is no lead time to measure.
    const lead = isSameDay(h) ? null : { lookback, step };
    const points = all.accountIds.map((accountId, i) => ({
      accountId,
      day: all.predictionDays[i],
    }));
    let rows: OutcomeRows;
    let scores: Float64Array;
    let bandCodes: Uint8Array;
    let probabilities: Float64Array;
    let leadDays: LeadTimes | null;
    let unscored: number;
    /** 1 where the row had data for the model's measures (else it is left out as unscored). */
    let hasData: ArrayLike<number>;
    let keep: number[];
    let extraWarnings: string[] = [];
    if (options.fit) {
      const fits: FoldFit = fitFolds(prepared, model, all, points, options.fit);
      keep = [];
      fits.probabilities.forEach((p, i) => Number.isFinite(p) && keep.push(i));
      unscored = all.y.length - fits.hasData.reduce((s, v) => s + v, 0);
      hasData = fits.hasData;
      rows = selectRows(all, keep);
      scores = Float64Array.from(keep, (i) => fits.scores[i]);
      probabilities = Float64Array.from(keep, (i) => fits.probabilities[i]);
      bandCodes = Uint8Array.from(keep, (i) => fits.bandCodes[i]);
      leadDays = lead && leadTimes(rows, fits.scorer, lead.lookback, lead.step, { onboarding });
      extraWarnings = fits.warnings;
    } else {
      const scorer = modelScorer(prepared, model);
      const ev = scorer(points);
      keep = [];
      ev.scores.forEach((s, i) => Number.isFinite(s) && keep.push(i));
      unscored = all.y.length - keep.length;
      hasData = Uint8Array.from(ev.scores, (s) => (Number.isFinite(s) ? 1 : 0));
      rows = selectRows(all, keep);
      scores = Float64Array.from(keep, (i) => ev.scores[i]);
      bandCodes = Uint8Array.from(keep, (i) => ev.bandCodes[i]);
      probabilities = Float64Array.from(scores, (s) => 1 - s / 100);
      leadDays =
        lead && leadTimes(rows, scorer, lead.lookback, lead.step, { onboarding, cache: leadCache });
    }
    let unscoredWithDatedData = 0;
    for (let i = 0; i < all.y.length; i++) if (!hasData[i] && dated[i]) unscoredWithDatedData++;
    result.reports.push(
      buildHorizonReport({
        rows,
        scores,
        probabilities,
        probability: options.fit ? 'fitted' : 'one_minus_score',
        bandCodes,
        leadDays,
        leadLookbackDays: lookback,
        unscored,
        coverage: dataCoverage(all, firstData),
        scoredWithoutDatedData: keep.reduce((n, i) => n + (dated[i] ? 0 : 1), 0),
        unscoredWithDatedData,
        extraWarnings,
      }),
    );
    result.predictions.push(
      rows.accountIds.map((accountId, i) => ({
        accountId,
        day: rows.outcomeDays[i],
        y: rows.y[i],
        p: probabilities[i],
      })),
    );
    result.scored.push({ rows, scores, bandCodes });
    options.onProgress?.(hi + 1, horizons.length);
  });
  return result;
}
