// The yardstick a fitted model must beat: a plain L2 logistic regression (scikit-learn's default
// C = 1) on the same point-in-time features, the same outcome rows and the same folds grouped by
// account as `backtest --fit` (fold-fit.ts), so the two out-of-sample AUCs compare like for
// like. Inside each training fold: numbers are imputed with the fold's median (plus a "was
// missing" column) and standardised; text attributes are one-hot coded on the fold's own
// categories. Nothing of a held-out fold is seen before it is scored.
import type { ModelDocument } from '../model/schema';
import type { PreparedBook } from '../score/prepare';
import type { DayNumber } from '../types';
import { pointFeatures, type PointFeatures } from './features';
import type { FitSettings } from './fold-fit';
import { groupedKFold } from './folds';
import { fitLogistic, predictLogistic, type DesignMatrix, type LogisticFit } from './logistic';
import { outcomeRows, type OutcomeRows } from './outcomes';
import { rocAuc } from './ranking';
import { runBacktest } from './run';

export interface BaselineSettings {
  folds: number;
  seed?: number;
  /** Inverse regularisation (default 1, scikit-learn's default). */
  C?: number;
  /**
   * Hold the regression to the fitted card's readability rule (`fitSoundLogistic`): every
   * coefficient agrees in sign with its column's own association with churn (default false).
   */
  sound?: boolean;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = values.sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The fold's design matrix over every row, from statistics of its training rows only. */
function foldDesign(f: PointFeatures, train: Uint32Array): DesignMatrix {
  const { data, rows: n, cols } = f.raw;
  type Col = (r: number, out: Float64Array, at: number) => void;
  const makers: { width: number; fill: Col }[] = [];
  for (let j = 0; j < cols; j++) {
    const seen: number[] = [];
    let missing = 0;
    for (const r of train) {
      const v = data[r * cols + j];
      if (Number.isNaN(v)) missing++;
      else seen.push(v);
    }
    if (seen.length === 0) continue;
    if (f.columns[j].categories) {
      const codes = [...new Set(seen)].sort((a, b) => a - b).slice(1); // first code is the base
      makers.push({
        width: codes.length,
        fill: (r, out, at) => {
          const v = data[r * cols + j];
          codes.forEach((c, k) => (out[at + k] = v === c ? 1 : 0));
        },
      });
      continue;
    }
    const med = median(seen.slice());
    let mean = 0;
    for (const r of train) mean += Number.isNaN(data[r * cols + j]) ? med : data[r * cols + j];
    mean /= train.length;
    let sq = 0;
    for (const r of train) {
      const v = Number.isNaN(data[r * cols + j]) ? med : data[r * cols + j];
      sq += (v - mean) ** 2;
    }
    const sd = Math.sqrt(sq / train.length) || 1;
    const flag = missing > 0;
    makers.push({
      width: flag ? 2 : 1,
      fill: (r, out, at) => {
        const raw = data[r * cols + j];
        out[at] = ((Number.isNaN(raw) ? med : raw) - mean) / sd;
        if (flag) out[at + 1] = Number.isNaN(raw) ? 1 : 0;
      },
    });
  }
  const width = makers.reduce((s, m) => s + m.width, 0);
  const out = new Float64Array(n * width);
  for (let r = 0; r < n; r++) {
    let at = r * width;
    for (const m of makers) {
      m.fill(r, out, at);
      at += m.width;
    }
  }
  return { data: out, rows: n, cols: width };
}

/** The matrix of the given columns of `X` (every row). */
function selectColumns(X: DesignMatrix, columns: readonly number[]): DesignMatrix {
  const k = columns.length;
  const data = new Float64Array(X.rows * k);
  for (let r = 0; r < X.rows; r++)
    columns.forEach((c, i) => (data[r * k + i] = X.data[r * X.cols + c]));
  return { data, rows: X.rows, cols: k };
}

/** A logistic regression on some columns of a design, and which. */
export interface SoundLogistic {
  fit: LogisticFit;
  /** Columns of the design it kept, in order (the fit's coefficients follow them). */
  columns: number[];
  /** The columns' own association with churn on the training rows: Σ (x − x̄)(y − ȳ). */
  covariance: Float64Array;
}

/**
 * The logistic regression held to the rule the fitted card keeps for readability (a measure's
 * points run the way its own evidence does; scorecard.ts `dropContrary`): fitted on every
 * column, then every column whose coefficient has the opposite sign to its own association with
 * churn on the training rows (a suppressor: "more seats used, more churn — once the others are
 * held fixed") is dropped and the rest refitted, until none is left. Columns with no association
 * at all go first. Shows what the readability rule costs a regression on the same features.
 */
export function fitSoundLogistic(
  X: DesignMatrix,
  y: ArrayLike<number>,
  train: Uint32Array,
  C = 1,
): SoundLogistic {
  const d = X.cols;
  let ybar = 0;
  for (const r of train) ybar += y[r];
  ybar /= train.length;
  const covariance = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (const r of train) mean += X.data[r * d + j];
    mean /= train.length;
    let c = 0;
    for (const r of train) c += (X.data[r * d + j] - mean) * (y[r] - ybar);
    covariance[j] = c;
  }
  let columns = Array.from({ length: d }, (_, j) => j).filter(
    (j) => Math.abs(covariance[j]) > 1e-12,
  );
  for (;;) {
    const fit = fitLogistic(selectColumns(X, columns), y, { C, rowSubset: train });
    const kept = columns.filter((j, i) => fit.coef[i] * covariance[j] >= 0);
    if (kept.length === columns.length) return { fit, columns, covariance };
    columns = kept;
  }
}

/**
 * Out-of-sample churn probabilities of a logistic regression for every outcome row (NaN where
 * the account had no measure data by the prediction day: left out, as `backtest --fit` does).
 */
export function logisticBaseline(
  prepared: PreparedBook,
  model: ModelDocument,
  rows: OutcomeRows,
  points: readonly { accountId: string; day: DayNumber }[],
  settings: BaselineSettings,
): Float64Array {
  return baselineOnFeatures(pointFeatures(prepared, model, points), rows, settings);
}

/** `logisticBaseline` on features already read at the outcome rows' points. */
function baselineOnFeatures(
  f: PointFeatures,
  rows: OutcomeRows,
  settings: BaselineSettings,
): Float64Array {
  const n = rows.y.length;
  const measureCols = f.columns.filter((c) => c.kind === 'measure').length;
  const hasData = new Uint8Array(n);
  for (let r = 0; r < n; r++)
    for (let j = 0; j < measureCols && !hasData[r]; j++)
      if (!Number.isNaN(f.raw.data[r * f.raw.cols + j])) hasData[r] = 1;
  const out = new Float64Array(n).fill(NaN);
  for (const s of groupedKFold(rows.accountIds, rows.y, settings.folds, settings.seed ?? 1)) {
    const train = s.train.filter((r) => hasData[r] === 1);
    const test = s.test.filter((r) => hasData[r] === 1);
    if (train.length === 0 || test.length === 0) continue;
    const X = foldDesign(f, train);
    if (settings.sound) {
      const sound = fitSoundLogistic(X, rows.y, train, settings.C ?? 1);
      predictLogistic(sound.fit, selectColumns(X, sound.columns), test, out);
      continue;
    }
    const fit = fitLogistic(X, rows.y, { C: settings.C ?? 1, rowSubset: train });
    predictLogistic(fit, X, test, out);
  }
  return out;
}

/** Out-of-sample AUCs on the same outcomes: the fitted scorecard, logistic regression, a model. */
export interface FitVersusBaseline {
  horizonDays: number;
  /** Outcomes all compared could score, and how many churned. */
  outcomes: number;
  churned: number;
  fittedAuc: number | null;
  logisticAuc: number | null;
  /**
   * The same regression held to the card's readability rule (`fitSoundLogistic`: no coefficient
   * against its own evidence), on the same outcomes.
   */
  soundLogisticAuc: number | null;
  /** The given model's own AUC (null when none was given or it scored none of them). */
  modelAuc: number | null;
  /** False when the given model could score none of the outcomes (left out of the comparison). */
  modelScored: boolean;
  fittedMs: number;
  logisticMs: number;
}

/**
 * `backtest --fit --folds K` on `fitModel`'s measures against the logistic-regression baseline
 * on the same features and folds (and, when given, `ownModel` scored as it is), on the outcomes
 * every one of them scored.
 */
export function fitVersusBaseline(
  prepared: PreparedBook,
  fitModel: ModelDocument,
  ownModel: ModelDocument | null,
  options: {
    horizonDays: number;
    folds: number;
    seed?: number;
    /** Further settings of the fit (e.g. `linear`). */
    fit?: Omit<FitSettings, 'folds' | 'seed'>;
  },
): FitVersusBaseline {
  const h = options.horizonDays;
  const seed = options.seed ?? 1;
  const t0 = performance.now();
  const fitted = runBacktest(prepared, fitModel, {
    horizons: [h],
    fit: { ...options.fit, folds: options.folds, seed },
  }).predictions[0];
  const t1 = performance.now();
  const rows = outcomeRows(prepared.book, h);
  const points = rows.accountIds.map((accountId, i) => ({
    accountId,
    day: rows.predictionDays[i],
  }));
  const features = pointFeatures(prepared, fitModel, points);
  const lr = baselineOnFeatures(features, rows, { folds: options.folds, seed });
  const t2 = performance.now();
  const soundLr = baselineOnFeatures(features, rows, { folds: options.folds, seed, sound: true });
  const key = (id: string, day: number) => `${id}\u0000${day}`;
  const lrOf = new Map<string, number>();
  const soundOf = new Map<string, number>();
  rows.accountIds.forEach((id, i) => {
    if (Number.isFinite(lr[i])) lrOf.set(key(id, rows.outcomeDays[i]), lr[i]);
    if (Number.isFinite(soundLr[i])) soundOf.set(key(id, rows.outcomeDays[i]), soundLr[i]);
  });
  const ownAll = ownModel
    ? new Map(
        runBacktest(prepared, ownModel, { horizons: [h] }).predictions[0].map((p) => [
          key(p.accountId, p.day),
          p.p,
        ]),
      )
    : null;
  // A model that can read none of the book's data scores nothing: compare the other two.
  const own = ownAll && ownAll.size > 0 ? ownAll : null;
  const y: number[] = [];
  const pf: number[] = [];
  const pl: number[] = [];
  const ps: number[] = [];
  const po: number[] = [];
  for (const p of fitted) {
    const k = key(p.accountId, p.day);
    const l = lrOf.get(k);
    const o = own?.get(k);
    if (l === undefined || (own && o === undefined)) continue;
    y.push(p.y);
    pf.push(p.p);
    pl.push(l);
    // Same rows as the plain regression (both leave out the same rows without data).
    ps.push(soundOf.get(k)!);
    if (o !== undefined) po.push(o);
  }
  const churned = y.reduce((s, v) => s + v, 0);
  const auc = (p: number[]) =>
    churned === 0 || churned === y.length || p.length !== y.length ? null : rocAuc(y, p);
  return {
    horizonDays: h,
    outcomes: y.length,
    churned,
    fittedAuc: auc(pf),
    logisticAuc: auc(pl),
    soundLogisticAuc: auc(ps),
    modelAuc: own ? auc(po) : null,
    modelScored: own !== null,
    fittedMs: t1 - t0,
    logisticMs: t2 - t1,
  };
}
