// Out-of-sample fitting for `backtest --fit --folds K`: a scorecard fitted on K − 1 folds
// (grouped by account, or forward in time) scores the held-out fold, with band thresholds
// suggested from its own training rows.
import type { ModelDocument } from '../model/schema';
import type { PreparedBook } from '../score/prepare';
import type { DayNumber } from '../types';
import { BAND_CODES } from './bands';
import { pointFeatures, type FeatureColumn } from './features';
import { groupedKFold, timeSplits, type CvSplit } from './folds';
import type { OutcomeRows } from './outcomes';
import {
  fitScorecard,
  innerCalibration,
  scorecardChurnProbability,
  scoreWithScorecard,
  type Scorecard,
} from './scorecard';
import { suggestThresholds, type ThresholdOptions } from './thresholds';
import { bandOf } from '../score/account';
import type { BandThresholds } from '../model/schema';

/** Fit settings shared by backtest --fit and fit. */
export interface FitSettings extends ThresholdOptions {
  folds: number;
  seed?: number;
  split?: 'account' | 'time';
  nBins?: number;
  C?: number;
  /** Card shape (see ScorecardOptions): monotone merging, measure cap, contrary measures. */
  binning?: 'monotone' | 'two-armed' | 'quantile';
  maxMeasures?: number;
  dropContrary?: boolean;
  /** Numeric measures may enter as linear terms where they fit better (default false). */
  linear?: boolean;
  /** Tiers' required inner log-loss advantage over a linear term (default TIERS_MARGIN). */
  tiersMargin?: number;
  /**
   * Fit each card's score → probability mapping on its training fold's inner out-of-sample
   * scores (`innerCalibration`, default true) rather than on its own training scores, which is
   * overconfident out of sample. False keeps the in-sample mapping (for comparison).
   */
  innerCalibration?: boolean;
  /** Inner folds of that recalibration (default `defaultInnerFolds`). */
  innerFolds?: number;
}

/** Out-of-sample scores of every outcome row and a scorer for other points (lead time). */
export interface FoldFit {
  scores: Float64Array;
  probabilities: Float64Array;
  bandCodes: Uint8Array;
  scorer: (points: { accountId: string; day: DayNumber }[]) => {
    scores: Float64Array;
    bandCodes: Uint8Array;
  };
  /** 1 where the outcome's account had measure data by its prediction day. */
  hasData: Uint8Array;
  warnings: string[];
}

/** Training folds with at most this many churns are recalibrated on 10 inner folds. */
export const SMALL_FOLD_CHURNS = 250;
/** Training folds with more than this many churns are recalibrated on 3 inner folds (else 5). */
export const LARGE_FOLD_CHURNS = 800;

/**
 * Inner folds of the recalibration, by the training fold's churns: 10 up to SMALL_FOLD_CHURNS,
 * 5 up to LARGE_FOLD_CHURNS, 3 above. Each inner card sees 90% / 80% / 67% of the training fold,
 * so it is a little weaker than the card it calibrates (probabilities then slightly
 * underconfident); that gap is widest on few churns, where more inner fits are also cheap, and
 * negligible on many, where fewer keep the run time down.
 */
export function defaultInnerFolds(train: Uint32Array, y: ArrayLike<number>): number {
  let churned = 0;
  for (const r of train) churned += y[r];
  return churned <= SMALL_FOLD_CHURNS ? 10 : churned <= LARGE_FOLD_CHURNS ? 5 : 3;
}

/** One bin per category for text attributes, the default quantile bins otherwise. */
export function binsByColumn(columns: readonly FeatureColumn[]): (number | undefined)[] {
  return columns.map((c) =>
    c.categories ? Math.max(2, c.categories.length) : c.kind === 'pattern' ? 2 : undefined,
  );
}

/** Fits one scorecard per split and scores each held-out row with the card that did not see it. */
export function fitFolds(
  prepared: PreparedBook,
  model: ModelDocument,
  rows: OutcomeRows,
  points: { accountId: string; day: DayNumber }[],
  settings: FitSettings,
): FoldFit {
  const features = pointFeatures(prepared, model, points);
  const n = rows.y.length;
  // Outcomes whose account had no measure data by the prediction day neither train nor score,
  // exactly as the model's own backtest leaves out points it cannot score.
  const hasData = new Uint8Array(n);
  const measureCols = features.columns.filter((c) => c.kind === 'measure').length;
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < measureCols && !hasData[r]; j++) {
      if (!Number.isNaN(features.raw.data[r * features.raw.cols + j])) hasData[r] = 1;
    }
  }
  const withData = (idx: Uint32Array) => idx.filter((r) => hasData[r] === 1);
  const splits: CvSplit[] = (
    settings.split === 'time'
      ? timeSplits(rows.outcomeDays, rows.predictionDays, settings.folds)
      : groupedKFold(rows.accountIds, rows.y, settings.folds, settings.seed ?? 1)
  )
    .map((s) => ({ train: withData(s.train), test: withData(s.test) }))
    .filter((s) => s.train.length > 0 && s.test.length > 0);
  const scores = new Float64Array(n).fill(NaN);
  const probabilities = new Float64Array(n).fill(NaN);
  const bandCodes = new Uint8Array(n);
  const fitted: { card: Scorecard; bands: BandThresholds }[] = [];
  const foldOfAccount = new Map<string, number>();
  const warnings: string[] = [];
  const nBinsByColumn = binsByColumn(features.columns);
  /** Folds whose training rows were too few to recalibrate on inner folds. */
  let inSampleCalibrated = 0;
  for (const split of splits) {
    const { nBins, C, binning, maxMeasures, dropContrary, linear, tiersMargin } = settings;
    const cardOptions = {
      nBins,
      C,
      binning,
      maxMeasures,
      dropContrary,
      linear,
      tiersMargin,
      nBinsByColumn,
      groups: rows.accountIds,
      seed: settings.seed,
    };
    const card = fitScorecard(features.raw, rows.y, { ...cardOptions, rows: split.train });
    if (settings.innerCalibration !== false) {
      const inner = innerCalibration(
        features.raw,
        rows.y,
        rows.accountIds,
        split.train,
        settings.innerFolds ?? defaultInnerFolds(split.train, rows.y),
        // The inner cards take the outer card's forms (linear or tiers) as chosen on this
        // training fold, rather than choosing again on each inner part.
        { ...cardOptions, forms: card.forms },
        settings.seed ?? 1,
      );
      if (inner) card.calibration = inner;
      else inSampleCalibrated++;
    }
    const trainScores = scoreWithScorecard(card, features.raw, split.train);
    const bands = suggestThresholds(
      Array.from(split.train, (r) => trainScores[r]),
      Array.from(split.train, (r) => rows.y[r]),
      settings,
    );
    const f = fitted.push({ card, bands }) - 1;
    scoreWithScorecard(card, features.raw, split.test, scores);
    for (const r of split.test) {
      probabilities[r] = scorecardChurnProbability(card, scores[r]);
      bandCodes[r] = BAND_CODES.indexOf(bandOf(Math.round(scores[r]), bands));
      foldOfAccount.set(rows.accountIds[r], f);
    }
  }
  let untested = 0;
  for (let r = 0; r < n; r++) if (hasData[r] && Number.isNaN(probabilities[r])) untested++;
  if (untested > 0) {
    warnings.push(
      settings.split === 'time'
        ? `Time-based split: the earliest ${untested} outcomes only train and are not scored out of sample.`
        : `${untested} outcomes could not be scored out of sample (too few accounts for ${settings.folds} folds).`,
    );
  }
  if (inSampleCalibrated > 0) {
    warnings.push(
      `${inSampleCalibrated} of ${fitted.length} folds had too few accounts to recalibrate on inner folds: their probabilities are mapped from in-sample scores and may be overconfident.`,
    );
  }
  const scorer: FoldFit['scorer'] = (pts) => {
    const f = pointFeatures(prepared, model, pts);
    const out = new Float64Array(pts.length).fill(NaN);
    const codes = new Uint8Array(pts.length);
    const one = new Uint32Array(1);
    pts.forEach((pt, r) => {
      const fold = foldOfAccount.get(pt.accountId);
      if (fold === undefined) return;
      one[0] = r;
      scoreWithScorecard(fitted[fold].card, f.raw, one, out);
      codes[r] = BAND_CODES.indexOf(bandOf(Math.round(out[r]), fitted[fold].bands));
    });
    return { scores: out, bandCodes: codes };
  };
  return { scores, probabilities, bandCodes, hasData, scorer, warnings };
}
