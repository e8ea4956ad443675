// The credit-scorecard fit: weight of evidence per quantile bin, an L2 logistic regression on
// the WOE features, then the result rescaled into the app's own terms — a 0–100 points table per
// measure (step tiers) and a weight per measure — such that the weighted score ranks accounts
// exactly as the regression's log-odds do (up to rounding to whole points).
import { logLoss } from './calibration';
import { groupedKFold, type CvSplit } from './folds';
import { fitLogistic, predictLogistic, type DesignMatrix } from './logistic';
import { rocAuc } from './ranking';
import { churnsIn, percentileSorted } from './stats';
import { autoBinCount, binOf, fitMeasureBins, type BinningOptions, type MeasureBins } from './woe';

/**
 * Newton's stopping step for the card's own regressions. The card ends as whole points, so a
 * coefficient settled to 1e-5 reads exactly as one settled to 1e-10 (the logistic regression's
 * default, kept for the agreement with scikit-learn), one to two Newton steps sooner.
 */
export const CARD_TOLERANCE = 1e-5;

/** A fitted scorecard keeps at most this many measures by default (`maxMeasures`). */
export const MAX_MEASURES = 12;

/**
 * How a numeric measure enters the card: binned into step tiers (WOE per merged bin), or as a
 * linear term in its value clipped to the training rows' [p5, p95] (`LinearTerm`).
 */
export type MeasureForm = 'tiers' | 'linear';

/** Percentiles a linear term clips its values to (the training rows' p5 and p95). */
export const LINEAR_CLIP_PERCENTILES = [5, 95] as const;

/**
 * Linear terms are considered only on training rows with at least this many churns: below it the
 * inner folds that choose between the forms are too noisy (measured on the 150-account demo book,
 * ≈ 29 churns a training fold: 0.836 with the choice against 0.865 with tiers only).
 */
export const MIN_LINEAR_CHURNS = 80;

/** Inner folds (grouped by account) on which `chooseForm` compares tiers with a linear term. */
export const FORM_FOLDS = 3;

/**
 * Tiers replace a measure's linear term only when their inner out-of-sample log loss is lower
 * by more than this, in nats per training row (about 0.3% of a typical log loss of 0.45).
 */
export const TIERS_MARGIN = 0.001;

/**
 * A linear term: 0 points at `red`, 100 at `green`, linear in between and clipped outside (the
 * model's own `linear` scoring), so a value anywhere in range keeps its own resolution.
 */
export interface LinearTerm {
  red: number;
  green: number;
}

/** One measure of a fitted scorecard: points per bin (step tiers) or a linear term, and its weight. */
export interface ScorecardMeasure {
  /** Column of the raw-value matrix this measure reads. */
  column: number;
  /** 'linear': `linear` gives the points and `cuts` / `points` are empty. */
  form: MeasureForm;
  linear: LinearTerm | null;
  cuts: number[];
  /** Whole points 0–100 per bin (cuts.length + 1 entries); more points = healthier. */
  points: number[];
  missingPoints: number;
  /** Share of the score, in percent (all measures sum to ~100). */
  weight: number;
  /**
   * The regression coefficient on this measure's WOE (tiers), or on its standardised clipped
   * value oriented so that higher is healthier (linear); negative = sound in both.
   */
  coef: number;
  bins: MeasureBins;
}

/** A fitted scorecard: measures plus the mapping from its 0–100 score to churn probability. */
export interface Scorecard {
  measures: ScorecardMeasure[];
  /** Churn probability = 1 / (1 + exp(−(a − b·score/100))), fitted on the training rows. */
  calibration: { a: number; b: number };
  /** The form each raw column took (categories, pattern rules and dropped columns: 'tiers'). */
  forms: MeasureForm[];
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
  /**
   * Let numeric measures enter as linear terms where they fit better (`chooseForm`; with
   * monotone or two-armed binning only, never with 'quantile', which keeps the old card). Off by
   * default: it closes most of the gap to logistic regression on the synthetic books but costs
   * several times the run time on wide books (see the backtest README).
   */
  linear?: boolean;
  /** Tiers' required log-loss advantage over a linear term, nats a row (default TIERS_MARGIN). */
  tiersMargin?: number;
  /** Per-column forms overriding the choice (undefined = choose; categories are always tiers). */
  forms?: readonly (MeasureForm | undefined)[];
  /** Account id of every row (index = row): the choice's inner folds are grouped by account. */
  groups?: readonly string[];
  /** Seed of those inner folds (default 1). */
  seed?: number;
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

/** A linear term's transform of one column on the training rows (see `linearTransform`). */
interface LinearColumn {
  /** The training rows' p5 and p95: values are clipped to [lo, hi]. */
  lo: number;
  hi: number;
  /** True when higher values are healthier (the measure's merged bins run 'higher'). */
  higherIsBetter: boolean;
  /** Mean and standard deviation of u (clipped value in [0, 1], 1 = healthiest) on the rows. */
  mean: number;
  sd: number;
  /** Some training row is missing (a missing-indicator column is added). */
  hasMissing: boolean;
}

/** u ∈ [0, 1] of a value under a linear column (1 = healthiest end); NaN stays NaN. */
function unitValue(t: LinearColumn, value: number): number {
  if (Number.isNaN(value)) return NaN;
  const u = (Math.min(t.hi, Math.max(t.lo, value)) - t.lo) / (t.hi - t.lo);
  return t.higherIsBetter ? u : 1 - u;
}

/**
 * The clip range and standardisation of a numeric column on `rows`, or null when it cannot be a
 * linear term: fewer than 3 distinct values, p5 = p95, or bins that do not run one way.
 */
function linearTransform(
  values: Float64Array,
  rows: Uint32Array,
  bins: MeasureBins,
): LinearColumn | null {
  if (bins.shape !== 'higher' && bins.shape !== 'lower') return null;
  const finite: number[] = [];
  let hasMissing = false;
  for (const r of rows) {
    if (Number.isNaN(values[r])) hasMissing = true;
    else finite.push(values[r]);
  }
  const sorted = Float64Array.from(finite).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length && distinct < 3; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct < 3) return null;
  const lo = percentileSorted(sorted, LINEAR_CLIP_PERCENTILES[0]);
  const hi = percentileSorted(sorted, LINEAR_CLIP_PERCENTILES[1]);
  if (!(hi > lo)) return null;
  const t: LinearColumn = {
    lo,
    hi,
    higherIsBetter: bins.shape === 'higher',
    mean: 0,
    sd: 1,
    hasMissing,
  };
  let s = 0;
  for (const v of sorted) s += unitValue(t, v);
  t.mean = s / sorted.length;
  let sq = 0;
  for (const v of sorted) sq += (unitValue(t, v) - t.mean) ** 2;
  t.sd = Math.sqrt(sq / sorted.length) || 1;
  return t;
}

/** Standardised u of a value (missing → 0, the mean; its indicator carries the difference). */
const linearFeature = (t: LinearColumn, value: number) =>
  Number.isNaN(value) ? 0 : (unitValue(t, value) - t.mean) / t.sd;

/**
 * Which eligible numeric columns stay linear terms, decided on the training rows only. On the
 * `splits` (inner folds of those rows, grouped by account) every column's bins are refitted on
 * each inner training part and the whole card's logistic regression (every column: WOE, or the
 * clipped standardised value plus a missing indicator) scores the held-out part. Starting from
 * all eligible columns linear, each in turn is switched to tiers and kept there only when the
 * summed held-out log loss falls by more than `margin` nats a training row. Linear is the
 * default: one coefficient keeps within-bin resolution and cannot overfit the way a dozen
 * merged bins can; the choice is made in the company of the other measures, since a measure's
 * best form alone (a level confounded by seats, say) is not its best form beside them.
 */
function chooseLinear(
  raw: DesignMatrix,
  y: ArrayLike<number>,
  rows: Uint32Array,
  eligible: readonly boolean[],
  splits: readonly CvSplit[],
  binsOf: (values: Float64Array, train: Uint32Array, j: number) => MeasureBins,
  C: number,
  margin: number,
): boolean[] {
  const linear = [...eligible];
  if (!splits.length || !eligible.some(Boolean)) return linear;
  const m = raw.cols;
  const n = raw.rows;
  const column = new Float64Array(n);
  type Part = {
    train: Uint32Array;
    test: Uint32Array;
    woe: Float64Array[];
    lin: ({ main: Float64Array; flag: Float64Array | null } | null)[];
  };
  const parts: Part[] = splits.map((split) => {
    const train = Uint32Array.from(split.train, (i) => rows[i]);
    const test = Uint32Array.from(split.test, (i) => rows[i]);
    const part: Part = { train, test, woe: [], lin: [] };
    for (let j = 0; j < m; j++) {
      for (let r = 0; r < n; r++) column[r] = raw.data[r * m + j];
      const bins = binsOf(column, train, j);
      const woe = new Float64Array(n);
      for (const r of rows) {
        const b = binOf(bins.cuts, column[r]);
        woe[r] = b < 0 ? bins.missingWoe : bins.woe[b];
      }
      part.woe.push(woe);
      const t = eligible[j] ? linearTransform(column, train, bins) : null;
      if (!t) {
        part.lin.push(null);
        continue;
      }
      const main = new Float64Array(n);
      const flag = t.hasMissing ? new Float64Array(n) : null;
      for (const r of rows) {
        main[r] = linearFeature(t, column[r]);
        if (flag) flag[r] = Number.isNaN(column[r]) ? 1 : 0;
      }
      part.lin.push({ main, flag });
    }
    return part;
  });
  const all = Array.from({ length: m }, (_, j) => j);
  const heldLoss = (config: readonly boolean[]) => {
    let loss = 0;
    for (const part of parts) {
      const main = part.woe.map((w, j) => (config[j] && part.lin[j] ? part.lin[j]!.main : w));
      const flag = part.woe.map((_, j) => (config[j] && part.lin[j] ? part.lin[j]!.flag : null));
      const X = designOf(main, flag, all, rows, n);
      const p = predictLogistic(
        fitLogistic(X, y, { C, rowSubset: part.train, tolerance: CARD_TOLERANCE }),
        X,
        part.test,
      );
      loss +=
        logLoss(
          Array.from(part.test, (r) => y[r]),
          Array.from(part.test, (r) => p[r]),
        ) * part.test.length;
    }
    return loss;
  };
  // Start from the better of all linear and all tiers (on few churns the merged tiers often
  // win), then flip one measure at a time, keeping a flip only when it pays the margin.
  const allTiers = linear.map(() => false);
  let best = heldLoss(linear);
  const tiersLoss = heldLoss(allTiers);
  if (tiersLoss < best) {
    best = tiersLoss;
    linear.fill(false);
  }
  for (let j = 0; j < m; j++) {
    if (!eligible[j]) continue;
    linear[j] = !linear[j];
    const loss = heldLoss(linear);
    if (loss < best - margin * rows.length) best = loss;
    else linear[j] = !linear[j];
  }
  return linear;
}

/** Inner folds of the form choice, or none when the rows cannot be split with both classes. */
function formSplits(
  y: ArrayLike<number>,
  rows: Uint32Array,
  groups: readonly string[] | undefined,
  seed: number,
): CvSplit[] {
  const ids = Array.from(rows, (r) => (groups ? groups[r] : String(r)));
  const ys = Array.from(rows, (r) => y[r]);
  if (new Set(ids).size < FORM_FOLDS) return [];
  const splits = groupedKFold(ids, ys, FORM_FOLDS, seed);
  for (const s of splits) {
    let c = 0;
    for (const i of s.train) c += ys[i];
    if (c === 0 || c === s.train.length) return [];
  }
  return splits;
}

/** The scorecard's measures (bins, points, weights) without its probability mapping (left 0, 0). */
function fitPoints(
  raw: DesignMatrix,
  y: ArrayLike<number>,
  rows: Uint32Array,
  options: ScorecardOptions,
): Scorecard {
  return pointsFromColumns(cardColumns(raw, y, rows, options), y, rows, options);
}

/**
 * Coefficients carried from one card's regression to the next on the same columns (the C grid,
 * weakest penalty last): each starts where the last ended, a few Newton steps away.
 */
interface WarmStart {
  coef: Float64Array;
  flagCoef: Float64Array;
  intercept: number;
}

/** What a card's regression reads, fitted on its rows: bins, forms and design columns. */
interface CardColumns {
  rows: number;
  binsPerMeasure: MeasureBins[];
  linearOf: (LinearColumn | null)[];
  forms: MeasureForm[];
  mainCol: Float64Array[];
  flagCol: (Float64Array | null)[];
}

/**
 * Bins, forms and design columns of a card on `rows` — everything but its regression, so cards
 * that differ only in C (`chooseC`) share them.
 */
function cardColumns(
  raw: DesignMatrix,
  y: ArrayLike<number>,
  rows: Uint32Array,
  options: ScorecardOptions,
): CardColumns {
  const churns = churnsIn(rows, y);
  const nBins = options.nBins ?? autoBinCount(churns);
  const m = raw.cols;
  const column = new Float64Array(raw.rows);
  const binsPerMeasure: MeasureBins[] = [];
  const linearOf: (LinearColumn | null)[] = [];
  const forms: MeasureForm[] = [];
  const mayBeLinear =
    (options.linear ?? false) &&
    options.binning !== 'quantile' &&
    (churns >= MIN_LINEAR_CHURNS || options.forms !== undefined);
  // Each measure's design column: its WOE (tiers) or its standardised clipped value (linear);
  // a linear measure with missing training rows adds a missing-indicator column next to it.
  const mainCol: Float64Array[] = [];
  const flagCol: (Float64Array | null)[] = [];
  const binsOf = (values: Float64Array, train: Uint32Array, j: number) => {
    const given = options.nBinsByColumn?.[j];
    return fitMeasureBins(values, y, train, given ?? nBins, {
      binning: given === undefined ? options.binning : 'quantile',
    });
  };
  const eligible: boolean[] = [];
  for (let j = 0; j < m; j++) {
    for (let r = 0; r < raw.rows; r++) column[r] = raw.data[r * m + j];
    const bins = binsOf(column, rows, j);
    binsPerMeasure.push(bins);
    const given = options.nBinsByColumn?.[j];
    const t =
      mayBeLinear && given === undefined && options.forms?.[j] !== 'tiers'
        ? linearTransform(column, rows, bins)
        : null;
    linearOf.push(t);
    eligible.push(t !== null);
  }
  // Forms given (the inner cards of a recalibration take their outer card's) or chosen here.
  const choose = eligible.map((e, j) => e && options.forms?.[j] === undefined);
  if (choose.some(Boolean) && options.tiersMargin !== Infinity) {
    const splits = formSplits(y, rows, options.groups, options.seed ?? 1);
    const keep = chooseLinear(
      raw,
      y,
      rows,
      choose,
      splits,
      binsOf,
      options.C ?? 1,
      options.tiersMargin ?? TIERS_MARGIN,
    );
    keep.forEach((k, j) => {
      if (choose[j] && !k) linearOf[j] = null;
    });
  }
  for (let j = 0; j < m; j++) {
    for (let r = 0; r < raw.rows; r++) column[r] = raw.data[r * m + j];
    const bins = binsPerMeasure[j];
    const t = linearOf[j];
    forms.push(t ? 'linear' : 'tiers');
    const main = new Float64Array(raw.rows);
    for (const r of rows) {
      if (t) main[r] = linearFeature(t, column[r]);
      else {
        const b = binOf(bins.cuts, column[r]);
        main[r] = b < 0 ? bins.missingWoe : bins.woe[b];
      }
    }
    mainCol.push(main);
    let flag: Float64Array | null = null;
    if (t?.hasMissing) {
      flag = new Float64Array(raw.rows);
      for (const r of rows) flag[r] = Number.isNaN(column[r]) ? 1 : 0;
    }
    flagCol.push(flag);
  }
  return { rows: raw.rows, binsPerMeasure, linearOf, forms, mainCol, flagCol };
}

/** The card's regression on prepared columns, its measure cap and its points (mapping 0, 0). */
function pointsFromColumns(
  cols: CardColumns,
  y: ArrayLike<number>,
  rows: Uint32Array,
  options: ScorecardOptions,
  warm?: WarmStart,
): Scorecard {
  const { binsPerMeasure, linearOf, forms, mainCol, flagCol } = cols;
  const m = binsPerMeasure.length;
  const raw = { rows: cols.rows };
  const maxMeasures = options.maxMeasures ?? MAX_MEASURES;
  const dropContrary = options.dropContrary ?? options.binning !== 'quantile';
  // A measure's spread of contributions to churn log-odds (its share of the score).
  const rangeOfMeasure = (j: number, c: number) =>
    linearOf[j] ? Math.abs(c) / linearOf[j]!.sd : rangeOf(binsPerMeasure[j], c);
  // Measures still in the regression. One without spread in its WOE carries no weight, nor one
  // whose only spread is between having a value and not (every value in one bin): its points
  // would say whether the account has data yet ("no 30-day change of seats: more points"),
  // which is where an account is in its life, not something a CSM can act on.
  let kept: number[] = [];
  for (let j = 0; j < m; j++) {
    const w = binsPerMeasure[j].woe;
    if (linearOf[j] || Math.max(...w) - Math.min(...w) > 1e-9) kept.push(j);
  }
  const coef = warm?.coef ?? new Float64Array(m);
  const flagCoef = warm?.flagCoef ?? new Float64Array(m);
  let intercept = warm?.intercept ?? 0;
  for (;;) {
    if (kept.length) {
      // Each refit starts from the last one (dropped columns at 0): far fewer Newton steps.
      const design = designOf(mainCol, flagCol, kept, rows, raw.rows);
      const start: number[] = [];
      for (const j of kept) {
        start.push(coef[j]);
        if (flagCol[j]) start.push(flagCoef[j]);
      }
      const fit = fitLogistic(design, y, {
        C: options.C ?? 1,
        rowSubset: rows,
        tolerance: CARD_TOLERANCE,
        start: { intercept, coef: start },
      });
      coef.fill(0);
      flagCoef.fill(0);
      let at = 0;
      for (const j of kept) {
        coef[j] = fit.coef[at++];
        if (flagCol[j]) flagCoef[j] = fit.coef[at++];
      }
      intercept = fit.intercept;
    } else coef.fill(0);
    // WOE and u are both positive where renewals concentrate, so a sound coefficient is negative.
    const contrary = dropContrary ? kept.filter((j) => coef[j] > 0) : [];
    let live = kept.filter((j) => coef[j] <= 0 || !dropContrary);
    live = live.filter((j) => rangeOfMeasure(j, coef[j]) > 1e-9);
    if (!contrary.length && live.length <= maxMeasures) break;
    if (live.length > maxMeasures) {
      // The lightest go (by their spread of points in the current fit), then the rest refit.
      const byRange = [...live].sort(
        (a, b) => rangeOfMeasure(b, coef[b]) - rangeOfMeasure(a, coef[a]) || a - b,
      );
      // Half the excess at a time: a dropped measure's part often passes to a correlated one.
      const top = new Set(
        byRange.slice(0, live.length - Math.ceil((live.length - maxMeasures) / 2)),
      );
      live = live.filter((j) => top.has(j));
    }
    for (const j of kept) {
      if (!live.includes(j)) {
        coef[j] = 0;
        flagCoef[j] = 0;
      }
    }
    kept = live;
  }

  // Each measure's contribution to churn log-odds, rescaled to 0–100 points per measure.
  const ranges: number[] = [];
  const drafts = binsPerMeasure.map((bins, j) => {
    const t = linearOf[j];
    if (t) {
      // c(u) = coef·(u − mean)/sd for u ∈ [0, 1]; missing: the indicator's coefficient.
      const b = coef[j] / t.sd;
      const ends = [-b * t.mean, b * (1 - t.mean)];
      const max = Math.max(...ends);
      const range = Math.abs(b);
      ranges.push(range);
      return { j, contrib: [...ends, flagCoef[j]], max, range, bins };
    }
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
    const t = linearOf[d.j];
    // u = 0 is the least healthy end: 0 points there when the coefficient is sound (< 0).
    const uToValue = (u: number) =>
      t!.higherIsBetter ? t!.lo + u * (t!.hi - t!.lo) : t!.hi - u * (t!.hi - t!.lo);
    const linear = t
      ? coef[d.j] < 0
        ? { red: uToValue(0), green: uToValue(1) }
        : { red: uToValue(1), green: uToValue(0) }
      : null;
    measures.push({
      column: d.j,
      form: t ? 'linear' : 'tiers',
      linear,
      cuts: t ? [] : d.bins.cuts,
      points: t ? [] : d.contrib.slice(0, -1).map(toPoints),
      missingPoints: Math.min(100, Math.max(0, toPoints(d.contrib[d.contrib.length - 1]))),
      weight: Math.round((1000 * d.range) / total) / 10,
      coef: coef[d.j],
      bins: d.bins,
    });
  }
  if (warm) warm.intercept = intercept;
  return { measures, calibration: { a: 0, b: 0 }, forms };
}

/** The design matrix of the kept measures (only `rows` filled: the fit reads no other). */
function designOf(
  mainCol: readonly Float64Array[],
  flagCol: readonly (Float64Array | null)[],
  kept: readonly number[],
  rows: Uint32Array,
  n: number,
): DesignMatrix {
  const cols: Float64Array[] = [];
  for (const j of kept) {
    cols.push(mainCol[j]);
    if (flagCol[j]) cols.push(flagCol[j]!);
  }
  const k = cols.length;
  const data = new Float64Array(n * k);
  for (const r of rows) for (let i = 0; i < k; i++) data[r * k + i] = cols[i][r];
  return { data, rows: n, cols: k };
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
 * Out-of-sample scores of `rows` (others NaN): the rows are split into `folds` inner folds
 * grouped by account, each scored by a card fitted on the other inner folds (same options).
 * Null when the rows cannot be split (fewer accounts than folds, or an inner training fold with
 * one class only).
 */
export function innerScores(
  raw: DesignMatrix,
  y: ArrayLike<number>,
  accountIds: readonly string[],
  rows: Uint32Array,
  folds: number,
  options: Omit<ScorecardOptions, 'rows'> = {},
  seed = 1,
): Float64Array | null {
  const ids = Array.from(rows, (r) => accountIds[r]);
  const ys = Array.from(rows, (r) => y[r]);
  if (new Set(ids).size < folds) return null;
  let churned = 0;
  for (const v of ys) churned += v;
  if (churned === 0 || churned === rows.length) return null;
  const scores = new Float64Array(raw.rows).fill(NaN);
  for (const split of groupedKFold(ids, ys, folds, seed)) {
    let c = 0;
    for (const i of split.train) c += ys[i];
    if (c === 0 || c === split.train.length) return null;
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
  return scores;
}

/**
 * The Platt mapping of a card fitted on `rows`, fitted instead on those rows' own out-of-sample
 * scores (`innerScores`). A card's scores on its own training rows separate churn better than
 * its scores on new accounts do, so a mapping fitted on them is overconfident out of sample;
 * this one is not. Null when the rows cannot be split.
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
  const scores = innerScores(raw, y, accountIds, rows, folds, options, seed);
  return scores ? plattOnScores(scores, y, rows) : null;
}

/** The regularisation strengths (scikit-learn's C) that `chooseC` tries, strongest first. */
export const C_GRID = [0.1, 0.3, 1] as const;

/** The C chosen on inner folds, and the Platt mapping fitted on that C's inner scores. */
export interface CChoice {
  C: number;
  /** Inner out-of-sample AUC of every C tried (same order as the grid). */
  aucs: number[];
  calibration: Scorecard['calibration'];
}

/**
 * Chooses the L2 strength of a card fitted on `rows` by inner cross-validation: for each C of
 * `grid` the rows' inner out-of-sample scores (`innerScores`), and the C whose scores rank churn
 * best (AUC; a tie goes to the stronger regularisation). The same inner scores give the chosen
 * card its probability mapping, so choosing costs no fit beyond the recalibration's own per C.
 * Null when the rows cannot be split.
 */
export function chooseC(
  raw: DesignMatrix,
  y: ArrayLike<number>,
  accountIds: readonly string[],
  rows: Uint32Array,
  folds: number,
  options: Omit<ScorecardOptions, 'rows' | 'C'> = {},
  seed = 1,
  grid: readonly number[] = C_GRID,
): CChoice | null {
  const ids = Array.from(rows, (r) => accountIds[r]);
  const ys = Array.from(rows, (r) => y[r]);
  if (new Set(ids).size < folds || !grid.length) return null;
  let churned = 0;
  for (const v of ys) churned += v;
  if (churned === 0 || churned === rows.length) return null;
  const scores = grid.map(() => new Float64Array(raw.rows).fill(NaN));
  for (const split of groupedKFold(ids, ys, folds, seed)) {
    let c = 0;
    for (const i of split.train) c += ys[i];
    if (c === 0 || c === split.train.length) return null;
    const train = Uint32Array.from(split.train, (i) => rows[i]);
    const test = Uint32Array.from(split.test, (i) => rows[i]);
    // Bins and forms do not depend on C: made once per inner fold, shared by every C.
    const columns = cardColumns(raw, y, train, options);
    const m = columns.binsPerMeasure.length;
    const warm = { coef: new Float64Array(m), flagCoef: new Float64Array(m), intercept: 0 };
    grid.forEach((C, g) => {
      const card = pointsFromColumns(columns, y, train, { ...options, C }, warm);
      scoreWithScorecard(card, raw, test, scores[g]);
    });
  }
  const aucs: number[] = [];
  let best = 0;
  grid.forEach((_, g) => {
    // Health scores: a higher score should mean less churn, so rank churn by −score.
    aucs.push(
      rocAuc(
        ys,
        Array.from(rows, (r) => -scores[g][r]),
      ),
    );
    if (aucs[g] > aucs[best] + 1e-12) best = g;
  });
  return { C: grid[best], aucs, calibration: plattOnScores(scores[best], y, rows) };
}

/** A measure's 0–100 points for a raw value (NaN = missing): its tier, or its linear term. */
export function measurePoints(meas: ScorecardMeasure, value: number): number {
  if (Number.isNaN(value)) return meas.missingPoints;
  if (meas.linear) {
    const { red, green } = meas.linear;
    const t = (value - red) / (green - red);
    return t <= 0 ? 0 : t >= 1 ? 100 : 100 * t;
  }
  return meas.points[binOf(meas.cuts, value)];
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
    for (const meas of card.measures)
      s += meas.weight * measurePoints(meas, raw.data[r * raw.cols + meas.column]);
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
