// The credit-scorecard fit: weight of evidence per quantile bin, an L2 logistic regression on
// the WOE features, then the result rescaled into the app's own terms — a 0–100 points table per
// measure (step tiers) and a weight per measure — such that the weighted score ranks accounts
// exactly as the regression's log-odds do (up to rounding to whole points).
import { groupedKFold, type CvSplit } from './folds';
import { fitLogistic, type DesignMatrix } from './logistic';
import { autoBinCount, binOf, fitMeasureBins, type BinningOptions, type MeasureBins } from './woe';

/** A fitted scorecard keeps at most this many measures by default (`maxMeasures`). */
export const MAX_MEASURES = 12;

/** One measure of a fitted scorecard: points per bin (step tiers) and its weight. */
export interface ScorecardMeasure {
  /** Column of the raw-value matrix this measure reads. */
  column: number;
  cuts: number[];
  /** Whole points 0–100 per bin (cuts.length + 1 entries); more points = healthier. */
  points: number[];
  missingPoints: number;
  /** Share of the score, in percent (all measures sum to ~100). */
  weight: number;
  /** The regression coefficient on this measure's WOE. */
  coef: number;
  bins: MeasureBins;
}

/** A fitted scorecard: measures plus the mapping from its 0–100 score to churn probability. */
export interface Scorecard {
  measures: ScorecardMeasure[];
  /** Churn probability = 1 / (1 + exp(−(a − b·score/100))), fitted on the training rows. */
  calibration: { a: number; b: number };
}

/** Options of fitScorecard. */
export interface ScorecardOptions extends BinningOptions {
  /** Training rows (default all). */
  rows?: Uint32Array;
  /**
   * Quantile bins per measure before merging (default `autoBinCount` of the training rows'
   * churns: one per 40 churns, 5 to 20).
   */
  nBins?: number;
  /** L2 strength as scikit-learn's C (default 1). */
  C?: number;
  /**
   * Per-column bin counts overriding nBins (one bin per category, two for a pattern rule);
   * these columns keep their bins as given (categories have no order to run one way in).
   */
  nBinsByColumn?: readonly (number | undefined)[];
  /**
   * At most this many measures (default MAX_MEASURES, 12; Infinity keeps all): when more carry
   * weight, those with the smallest spread of log-odds (|coef| × WOE range, the measure's share
   * of the score) are dropped — half the excess at a time — and the rest refitted, until at most
   * this many remain.
   */
  maxMeasures?: number;
  /**
   * Drop a measure whose regression coefficient contradicts its own weight of evidence (its
   * points would run against what its bins show on their own, as a correlated neighbour took
   * its part) and refit (default true with monotone binning, false with 'quantile').
   */
  dropContrary?: boolean;
}

const allRows = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

/** Fits a scorecard on raw measure values (NaN = missing) for churn labels y (1 = churned). */
export function fitScorecard(
  raw: DesignMatrix,
  y: ArrayLike<number>,
  options: ScorecardOptions = {},
): Scorecard {
  const rows = options.rows ?? allRows(raw.rows);
  const card = fitPoints(raw, y, rows, options);
  // Map the rounded card's own score to a churn probability on the training rows (Platt).
  card.calibration = plattOnScores(scoreWithScorecard(card, raw, rows), y, rows);
  return card;
}

/** The scorecard's measures (bins, points, weights) without its probability mapping (left 0, 0). */
function fitPoints(
  raw: DesignMatrix,
  y: ArrayLike<number>,
  rows: Uint32Array,
  options: ScorecardOptions,
): Scorecard {
  let churns = 0;
  for (const r of rows) churns += y[r];
  const nBins = options.nBins ?? autoBinCount(churns);
  const m = raw.cols;
  const column = new Float64Array(raw.rows);
  const binsPerMeasure: MeasureBins[] = [];
  const woe: DesignMatrix = { data: new Float64Array(raw.rows * m), rows: raw.rows, cols: m };
  for (let j = 0; j < m; j++) {
    for (let r = 0; r < raw.rows; r++) column[r] = raw.data[r * m + j];
    const given = options.nBinsByColumn?.[j];
    const bins = fitMeasureBins(column, y, rows, given ?? nBins, {
      binning: given === undefined ? options.binning : 'quantile',
    });
    binsPerMeasure.push(bins);
    for (const r of rows) {
      const b = binOf(bins.cuts, column[r]);
      woe.data[r * m + j] = b < 0 ? bins.missingWoe : bins.woe[b];
    }
  }
  const maxMeasures = options.maxMeasures ?? MAX_MEASURES;
  const dropContrary = options.dropContrary ?? options.binning !== 'quantile';
  // Columns still in the regression; a column without spread in its WOE carries no weight.
  let kept: number[] = [];
  for (let j = 0; j < m; j++) {
    const w = binsPerMeasure[j].woe;
    const seen = binsPerMeasure[j].missingCount > 0 ? [...w, binsPerMeasure[j].missingWoe] : [...w];
    if (Math.max(...seen) - Math.min(...seen) > 1e-9) kept.push(j);
  }
  const coef = new Float64Array(m);
  let intercept = 0;
  for (;;) {
    if (kept.length) {
      // Each refit starts from the last one (dropped columns at 0): far fewer Newton steps.
      const fit = fitLogistic(columnsOf(woe, kept, rows), y, {
        C: options.C ?? 1,
        rowSubset: rows,
        start: { intercept, coef: kept.map((j) => coef[j]) },
      });
      coef.fill(0);
      kept.forEach((j, i) => (coef[j] = fit.coef[i]));
      intercept = fit.intercept;
    } else coef.fill(0);
    // WOE is positive where renewals concentrate, so a sound coefficient on it is negative.
    const contrary = dropContrary ? kept.filter((j) => coef[j] > 0) : [];
    let live = kept.filter((j) => coef[j] <= 0 || !dropContrary);
    live = live.filter((j) => rangeOf(binsPerMeasure[j], coef[j]) > 1e-9);
    if (!contrary.length && live.length <= maxMeasures) break;
    if (live.length > maxMeasures) {
      // The lightest go (by their spread of points in the current fit), then the rest refit.
      const byRange = [...live].sort(
        (a, b) =>
          rangeOf(binsPerMeasure[b], coef[b]) - rangeOf(binsPerMeasure[a], coef[a]) || a - b,
      );
      // Half the excess at a time: a dropped measure's part often passes to a correlated one.
      const top = new Set(
        byRange.slice(0, live.length - Math.ceil((live.length - maxMeasures) / 2)),
      );
      live = live.filter((j) => top.has(j));
    }
    for (const j of kept) if (!live.includes(j)) coef[j] = 0;
    kept = live;
  }

  // c = coef·WOE is each bin's contribution to churn log-odds; points rescale it per measure.
  const ranges: number[] = [];
  const drafts = binsPerMeasure.map((bins, j) => {
    const contrib = [...bins.woe, bins.missingWoe].map((w) => coef[j] * w);
    const hasMissing = bins.missingCount > 0;
    const seen = hasMissing ? contrib : contrib.slice(0, -1);
    const max = Math.max(...seen);
    const range = max - Math.min(...seen);
    ranges.push(range);
    return { j, contrib, max, range, bins };
  });
  const total = ranges.reduce((s, r) => s + r, 0);
  const measures: ScorecardMeasure[] = [];
  for (const d of drafts) {
    if (!(d.range > 1e-9) || !(total > 0)) continue;
    const toPoints = (c: number) => Math.round((100 * (d.max - c)) / d.range);
    measures.push({
      column: d.j,
      cuts: d.bins.cuts,
      points: d.contrib.slice(0, -1).map(toPoints),
      missingPoints: Math.min(100, Math.max(0, toPoints(d.contrib[d.contrib.length - 1]))),
      weight: Math.round((1000 * d.range) / total) / 10,
      coef: coef[d.j],
      bins: d.bins,
    });
  }
  return { measures, calibration: { a: 0, b: 0 } };
}

/** Spread of a measure's contributions to churn log-odds (|coef| × its WOE range). */
function rangeOf(bins: MeasureBins, coef: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  const visit = (w: number) => {
    lo = Math.min(lo, coef * w);
    hi = Math.max(hi, coef * w);
  };
  for (const w of bins.woe) visit(w);
  if (bins.missingCount > 0) visit(bins.missingWoe);
  return hi - lo;
}

/** The given columns of a matrix (only `rows` filled: the fit reads no other). */
function columnsOf(x: DesignMatrix, cols: readonly number[], rows: Uint32Array): DesignMatrix {
  if (cols.length === x.cols) return x;
  const k = cols.length;
  const data = new Float64Array(x.rows * k);
  for (const r of rows) for (let i = 0; i < k; i++) data[r * k + i] = x.data[r * x.cols + cols[i]];
  return { data, rows: x.rows, cols: k };
}

/** Platt mapping score → churn probability fitted on `scores` of the given rows. */
export function plattOnScores(
  scores: Float64Array,
  y: ArrayLike<number>,
  rows: Uint32Array,
): Scorecard['calibration'] {
  const oneCol: DesignMatrix = {
    data: new Float64Array(scores.length),
    rows: scores.length,
    cols: 1,
  };
  for (const r of rows) oneCol.data[r] = scores[r] / 100;
  const platt = fitLogistic(oneCol, y, { C: 1e6, rowSubset: rows });
  return { a: platt.intercept, b: -platt.coef[0] };
}

/**
 * The Platt mapping of a card fitted on `rows`, fitted instead on those rows' own out-of-sample
 * scores: the rows are split into `folds` inner folds grouped by account, each scored by a card
 * fitted on the other inner folds (same options). A card's scores on its own training rows
 * separate churn better than its scores on new accounts do, so a mapping fitted on them is
 * overconfident out of sample; this one is not. Null when the rows cannot be split (fewer
 * accounts than folds, or an inner training fold with one class only).
 */
export function innerCalibration(
  raw: DesignMatrix,
  y: ArrayLike<number>,
  accountIds: readonly string[],
  rows: Uint32Array,
  folds: number,
  options: Omit<ScorecardOptions, 'rows'> = {},
  seed = 1,
): Scorecard['calibration'] | null {
  const ids = Array.from(rows, (r) => accountIds[r]);
  const ys = Array.from(rows, (r) => y[r]);
  if (new Set(ids).size < folds) return null;
  const scores = new Float64Array(raw.rows).fill(NaN);
  for (const split of groupedKFold(ids, ys, folds, seed)) {
    let churned = 0;
    for (const i of split.train) churned += ys[i];
    if (churned === 0 || churned === split.train.length) return null;
    // Only the inner card's scores are used, so its own mapping is not fitted.
    const card = fitPoints(
      raw,
      y,
      Uint32Array.from(split.train, (i) => rows[i]),
      options,
    );
    scoreWithScorecard(
      card,
      raw,
      Uint32Array.from(split.test, (i) => rows[i]),
      scores,
    );
  }
  let churned = 0;
  for (const r of rows) churned += y[r];
  if (churned === 0 || churned === rows.length) return null;
  return plattOnScores(scores, y, rows);
}

/** 0–100 health scores of the given rows (default all; others NaN) under a scorecard. */
export function scoreWithScorecard(
  card: Scorecard,
  raw: DesignMatrix,
  rows?: Uint32Array,
  out: Float64Array = new Float64Array(raw.rows).fill(NaN),
): Float64Array {
  let weightSum = 0;
  for (const meas of card.measures) weightSum += meas.weight;
  const visit = (r: number) => {
    if (!(weightSum > 0)) {
      out[r] = 50;
      return;
    }
    let s = 0;
    for (const meas of card.measures) {
      const b = binOf(meas.cuts, raw.data[r * raw.cols + meas.column]);
      s += meas.weight * (b < 0 ? meas.missingPoints : meas.points[b]);
    }
    out[r] = s / weightSum;
  };
  if (rows) for (const r of rows) visit(r);
  else for (let r = 0; r < raw.rows; r++) visit(r);
  return out;
}

/** Churn probability of a 0–100 scorecard score. */
export function scorecardChurnProbability(card: Scorecard, score: number): number {
  const t = card.calibration.a - (card.calibration.b * score) / 100;
  return 1 / (1 + Math.exp(-t));
}

/** Out-of-sample scores and churn probabilities: each row scored by the fold that held it out. */
export function crossValidateScorecard(
  raw: DesignMatrix,
  y: ArrayLike<number>,
  splits: readonly CvSplit[],
  options: Omit<ScorecardOptions, 'rows'> = {},
): { scores: Float64Array; probabilities: Float64Array; cards: Scorecard[] } {
  const scores = new Float64Array(raw.rows).fill(NaN);
  const probabilities = new Float64Array(raw.rows).fill(NaN);
  const cards: Scorecard[] = [];
  for (const split of splits) {
    const card = fitScorecard(raw, y, { ...options, rows: split.train });
    cards.push(card);
    scoreWithScorecard(card, raw, split.test, scores);
    for (const r of split.test) probabilities[r] = scorecardChurnProbability(card, scores[r]);
  }
  return { scores, probabilities, cards };
}
