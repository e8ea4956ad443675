// The point-in-time backtest over a book: for every outcome on day d and horizon h, the
// prediction is the score as of d − h (the scoring engine reads only data dated ≤ d − h).
import { bandOf } from '../score/account';
import { evaluatePoints } from '../score/evaluate';
import type { PreparedBook } from '../score/prepare';
import type { ModelDocument } from '../model/schema';
import type { DayNumber } from '../types';
import { BAND_CODES } from './bands';
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
  } & ThresholdOptions;
  /** How far back lead time looks for the first red, and the sampling step (default 364 / 7 days). */
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

/**
 * Lead time per churned row: days from the first red (sampled every `step` days over
 * `lookback` days before the churn, using data up to each sampled day) to the churn.
 */
export function leadTimes(
  rows: OutcomeRows,
  scorer: PointScorer,
  lookback: number,
  step: number,
  cache?: Map<string, number>,
): Float64Array {
  const key = (i: number) => `${rows.accountIds[i]}\u0000${rows.outcomeDays[i]}`;
  const churnedAll: number[] = [];
  rows.y.forEach((v, i) => v === 1 && churnedAll.push(i));
  // The model's own scores do not depend on the horizon, so lead times are shared across horizons.
  const churned = cache ? churnedAll.filter((i) => !cache.has(key(i))) : churnedAll;
  const perRow = Math.floor(lookback / step);
  const points: { accountId: string; day: DayNumber }[] = [];
  for (const i of churned) {
    for (let k = perRow; k >= 1; k--)
      points.push({ accountId: rows.accountIds[i], day: rows.outcomeDays[i] - k * step });
  }
  const { scores, bandCodes } = points.length
    ? scorer(points)
    : { scores: new Float64Array(), bandCodes: new Uint8Array() };
  const fresh = new Float64Array(churned.length).fill(NaN);
  churned.forEach((_, c) => {
    for (let k = 0; k < perRow; k++) {
      const r = c * perRow + k;
      if (!Number.isNaN(scores[r]) && bandCodes[r] === 0) {
        fresh[c] = (perRow - k) * step;
        break;
      }
    }
  });
  if (!cache) return fresh;
  churned.forEach((i, c) => cache.set(key(i), fresh[c]));
  return Float64Array.from(churnedAll, (i) => cache.get(key(i))!);
}

/** Runs the point-in-time backtest of `model` over a prepared book for every horizon. */
export function runBacktest(
  prepared: PreparedBook,
  model: ModelDocument,
  options: BacktestOptions = {},
): BacktestResult {
  const horizons = options.horizons ?? [30, 60, 90];
  const lookback = options.leadLookbackDays ?? 364;
  const leadCache = new Map<string, number>();
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
    let leadDays: Float64Array | null;
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
      leadDays = lead && leadTimes(rows, fits.scorer, lead.lookback, lead.step);
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
      leadDays = lead && leadTimes(rows, scorer, lead.lookback, lead.step, leadCache);
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
