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
import type { DesignMatrix } from './logistic';
import { withRuleColumns, mineRules, type MinedRule, type RuleColumn } from './rules';
import {
  chooseC,
  fitScorecard,
  innerCalibration,
  plattOnScores,
  scorecardChurnProbability,
  scoreWithScorecard,
  type Scorecard,
  type ScorecardOptions,
} from './scorecard';
import { churnsIn } from './stats';
import { suggestThresholds, type ThresholdOptions } from './thresholds';
import { bandOf } from '../score/account';
import type { BandThresholds } from '../model/schema';

/** Fit settings shared by backtest --fit and fit. */
export interface FitSettings extends ThresholdOptions {
  folds: number;
  seed?: number;
  split?: 'account' | 'time';
  nBins?: number;
  /**
   * L2 strength as scikit-learn's C. Default: chosen per training fold from `C_GRID` by inner
   * cross-validation (`chooseC`) — 1 when the inner recalibration is switched off or the
   * training fold holds more than `C_CHOICE_MAX_CHURNS` churns.
   */
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
  /** Mine pattern rules of two or three conditions on each training fold (`mineRules`, default true). */
  rules?: boolean;
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
  /** The L2 strength each fold's inner cross-validation chose (none for a fold that kept C). */
  chosenC: number[];
  /** How many pattern rules each fold mined on its training rows. */
  minedRules: number[];
}

/** A card fitted on training rows, with the rules mined there and the C chosen there. */
export interface FittedCard {
  card: Scorecard;
  /** Rules mined on the training rows; the card reads them as columns after the features'. */
  rules: MinedRule[];
  /** The C chosen by inner cross-validation (null when given, or kept at 1 without a choice). */
  C: number | null;
  /** False when the rows were too few to recalibrate on inner folds (in-sample mapping). */
  innerCalibrated: boolean;
}

/**
 * The fit of one set of training rows, as `backtest --fit` does it per fold and `fit` on every
 * outcome: C chosen on inner folds (unless given), the card fitted and its probabilities mapped
 * from inner out-of-sample scores; then pattern rules mined against the card's in-sample
 * log-odds (`mineRules`) and, when any hold, the card refitted with them as 0/1 columns and
 * recalibrated the same way.
 */
export function fitCard(
  raw: DesignMatrix,
  y: ArrayLike<number>,
  accountIds: readonly string[],
  train: Uint32Array,
  columns: readonly FeatureColumn[],
  settings: Omit<FitSettings, 'folds'>,
): FittedCard {
  const nBinsByColumn = binsByColumn(columns);
  const { nBins, binning, maxMeasures, dropContrary, linear, tiersMargin } = settings;
  const seed = settings.seed ?? 1;
  const cardOptions = {
    nBins,
    binning,
    maxMeasures,
    dropContrary,
    linear,
    tiersMargin,
    nBinsByColumn,
    groups: accountIds,
    seed,
  };
  const innerFolds = settings.innerFolds ?? defaultInnerFolds(train, y);
  const recalibrate = settings.innerCalibration !== false;
  // Linear or tiers is chosen once, on these rows at the given C (default 1); every later card
  // here — the inner ones that choose C and calibrate, and the final one — takes those forms
  // rather than choosing again (which would multiply the run time by the inner fits).
  let probe: Scorecard | null = null;
  let forms: ScorecardOptions['forms'];
  if (linear) {
    probe = fitScorecard(raw, y, { ...cardOptions, C: settings.C, rows: train });
    forms = probe.forms;
  }
  // Without a C given, the inner folds that recalibrate the card also choose its C — unless the
  // training rows hold so many churns that no C of the grid moves the card (C_CHOICE_MAX_CHURNS).
  const choice =
    settings.C === undefined && recalibrate && churnsIn(train, y) <= C_CHOICE_MAX_CHURNS
      ? chooseC(raw, y, accountIds, train, innerFolds, { ...cardOptions, forms }, seed)
      : null;
  const C = choice?.C ?? settings.C;
  let card =
    probe && (C ?? 1) === (settings.C ?? 1)
      ? probe
      : fitScorecard(raw, y, { ...cardOptions, forms, C, rows: train });
  let innerCalibrated = false;
  const calibrate = (m: DesignMatrix, options: Omit<ScorecardOptions, 'rows'>) => {
    if (!recalibrate) return;
    // The inner cards take the outer card's forms (linear or tiers) as chosen on these rows.
    const inner = innerCalibration(m, y, accountIds, train, innerFolds, options, seed);
    innerCalibrated = inner !== null;
    if (inner) card.calibration = inner;
  };
  if (choice) {
    card.calibration = choice.calibration;
    innerCalibrated = true;
  } else calibrate(raw, { ...cardOptions, C, forms: forms ?? card.forms });
  const eligible: RuleColumn[] = card.measures
    .filter((m) => columns[m.column].kind === 'measure')
    .flatMap((m): RuleColumn[] => {
      const categories = columns[m.column].categories;
      if (categories) {
        // The risky categories: those the card gives fewer points than halfway.
        const points = categories.map(
          (_, code) => m.points[m.cuts.filter((c) => code >= c).length],
        );
        const mid = (Math.min(...points) + Math.max(...points)) / 2;
        const riskyCodes = points.flatMap((p, code) => (p < mid ? [code] : []));
        return riskyCodes.length ? [{ column: m.column, riskyCodes }] : [];
      }
      // The risky side: the values the card gives fewer points.
      const [low, high] = m.linear
        ? [m.linear.red < m.linear.green ? 0 : 100, m.linear.red < m.linear.green ? 100 : 0]
        : [m.points[0], m.points[m.points.length - 1]];
      return low === high ? [] : [{ column: m.column, riskSide: low < high ? '<=' : '>=' }];
    });
  const rules =
    settings.rules === false
      ? []
      : mineRules(raw, y, train, eligible, inSampleLogit(card, raw, y, train), accountIds, seed);
  if (rules.length) {
    const ruled = withRuleColumns(raw, rules);
    const options = {
      ...cardOptions,
      C,
      forms: forms && [...forms, ...rules.map(() => 'tiers' as const)],
      nBinsByColumn: [...nBinsByColumn, ...rules.map(() => 2)],
    };
    card = fitScorecard(ruled, y, { ...options, rows: train });
    calibrate(ruled, { ...options, forms: card.forms });
  }
  return { card, rules, C: choice?.C ?? null, innerCalibrated };
}

/** Churn log-odds of the training rows under the card's own in-sample Platt mapping. */
function inSampleLogit(
  card: Scorecard,
  raw: DesignMatrix,
  y: ArrayLike<number>,
  rows: Uint32Array,
): Float64Array {
  const scores = scoreWithScorecard(card, raw, rows);
  const { a, b } = plattOnScores(scores, y, rows);
  const logit = new Float64Array(raw.rows);
  for (const r of rows) logit[r] = a - (b * scores[r]) / 100;
  return logit;
}

/**
 * Training rows with more churns than this keep C = 1 rather than choosing it on inner folds: the
 * penalty ‖β‖²/2C is then small beside a log loss summed over thousands of rows, and the grid's
 * inner AUCs differ by less than 0.001 (IBM Telco, ≈ 1,500 churns a training fold: 0.8448 /
 * 0.8451 / 0.8451 out of sample at C 0.1 / 0.3 / 1) — while choosing costs three inner fits per
 * inner fold, 47% of that backtest's run time. The recalibration's inner fits still run.
 */
export const C_CHOICE_MAX_CHURNS = 800;

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
  const churned = churnsIn(train, y);
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
  const fitted: { card: Scorecard; bands: BandThresholds; rules: MinedRule[] }[] = [];
  const foldOfAccount = new Map<string, number>();
  const warnings: string[] = [];
  /** Folds whose training rows were too few to recalibrate on inner folds. */
  let inSampleCalibrated = 0;
  /** The C each fold's inner folds chose (when no C was given). */
  const chosenC: number[] = [];
  /** Rules mined on each fold's training rows. */
  const minedRules: number[] = [];
  for (const split of splits) {
    const fold = fitCard(features.raw, rows.y, rows.accountIds, split.train, features.columns, {
      ...settings,
      innerFolds: settings.innerFolds ?? defaultInnerFolds(split.train, rows.y),
    });
    const { card } = fold;
    const foldRaw = withRuleColumns(features.raw, fold.rules);
    if (fold.C !== null) chosenC.push(fold.C);
    if (!fold.innerCalibrated && settings.innerCalibration !== false) inSampleCalibrated++;
    minedRules.push(fold.rules.length);
    const trainScores = scoreWithScorecard(card, foldRaw, split.train);
    const bands = suggestThresholds(
      Array.from(split.train, (r) => trainScores[r]),
      Array.from(split.train, (r) => rows.y[r]),
      settings,
    );
    const f = fitted.push({ card, bands, rules: fold.rules }) - 1;
    scoreWithScorecard(card, foldRaw, split.test, scores);
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
    // Each fold's rule columns over these points, made once (not once per point).
    const ruled = new Map<number, DesignMatrix>();
    const ruledOf = (fold: number) => {
      let m = ruled.get(fold);
      if (!m) ruled.set(fold, (m = withRuleColumns(f.raw, fitted[fold].rules)));
      return m;
    };
    pts.forEach((pt, r) => {
      const fold = foldOfAccount.get(pt.accountId);
      if (fold === undefined) return;
      one[0] = r;
      scoreWithScorecard(fitted[fold].card, ruledOf(fold), one, out);
      codes[r] = BAND_CODES.indexOf(bandOf(Math.round(out[r]), fitted[fold].bands));
    });
    return { scores: out, bandCodes: codes };
  };
  return { scores, probabilities, bandCodes, hasData, scorer, warnings, chosenC, minedRules };
}
