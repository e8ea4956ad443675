// L2-regularised logistic regression fitted by Newton's method (IRLS), the same objective as
// scikit-learn's LogisticRegression(C, solver='lbfgs'):  Σ wᵢ·logloss(yᵢ, pᵢ) + ‖β‖² / (2C),
// intercept unpenalised. Deterministic, and allocation-light: the design matrix is one
// row-major Float64Array and cross-validation passes row subsets instead of copies.

/** A dense row-major design matrix (n rows × d columns). */
export interface DesignMatrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

/** Options of fitLogistic. */
export interface LogisticOptions {
  /** Inverse regularisation strength (scikit-learn's C); default 1. */
  C?: number;
  /** Sample weights (default 1 each). */
  weights?: ArrayLike<number>;
  /** Fit only these rows (cross-validation); default all. */
  rowSubset?: Uint32Array;
  maxIterations?: number;
  /** Stop when the largest Newton step is below this. */
  tolerance?: number;
  /** Starting point (default all zero): a nearby earlier fit converges in fewer steps. */
  start?: { intercept: number; coef: ArrayLike<number> };
}

/** A fitted logistic regression: log-odds of y = 1 is intercept + Σ coef·x. */
export interface LogisticFit {
  coef: Float64Array;
  intercept: number;
  iterations: number;
  converged: boolean;
}

const sigmoid = (t: number): number =>
  t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));

/** Solves the symmetric positive-definite system A x = b in place (Cholesky); A is k×k. */
function solveSpd(A: Float64Array, b: Float64Array, k: number): Float64Array {
  for (let j = 0; j < k; j++) {
    let s = A[j * k + j];
    for (let q = 0; q < j; q++) s -= A[j * k + q] * A[j * k + q];
    // A tiny floor keeps an unpenalised all-zero-weight intercept from breaking the factorisation.
    const diag = Math.sqrt(Math.max(s, 1e-12));
    A[j * k + j] = diag;
    for (let i = j + 1; i < k; i++) {
      let t = A[i * k + j];
      for (let q = 0; q < j; q++) t -= A[i * k + q] * A[j * k + q];
      A[i * k + j] = t / diag;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < k; i++) {
    let t = x[i];
    for (let q = 0; q < i; q++) t -= A[i * k + q] * x[q];
    x[i] = t / A[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let t = x[i];
    for (let q = i + 1; q < k; q++) t -= A[q * k + i] * x[q];
    x[i] = t / A[i * k + i];
  }
  return x;
}

/** Penalised objective at (intercept, coef) over the chosen rows. */
function objective(
  X: DesignMatrix,
  y: ArrayLike<number>,
  rows: Uint32Array,
  w: ArrayLike<number> | undefined,
  beta: Float64Array,
  lambda: number,
): number {
  const d = X.cols;
  let loss = 0;
  for (const r of rows) {
    let t = beta[0];
    const off = r * d;
    for (let j = 0; j < d; j++) t += beta[j + 1] * X.data[off + j];
    // log(1 + e^t) − y·t, computed stably.
    const softplus = t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
    loss += (w === undefined ? 1 : w[r]) * (softplus - (y[r] === 1 ? t : 0));
  }
  let pen = 0;
  for (let j = 1; j <= d; j++) pen += beta[j] * beta[j];
  return loss + 0.5 * lambda * pen;
}

/** Fits an L2 logistic regression (intercept unpenalised) by damped Newton steps. */
export function fitLogistic(
  X: DesignMatrix,
  y: ArrayLike<number>,
  options: LogisticOptions = {},
): LogisticFit {
  const d = X.cols;
  const k = d + 1;
  const lambda = 1 / (options.C ?? 1);
  const w = options.weights;
  const rows = options.rowSubset ?? Uint32Array.from({ length: X.rows }, (_, i) => i);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  const beta = new Float64Array(k);
  if (options.start) {
    beta[0] = options.start.intercept;
    for (let j = 0; j < d; j++) beta[j + 1] = options.start.coef[j];
  }
  const grad = new Float64Array(k);
  const hess = new Float64Array(k * k);
  const xi = new Float64Array(k);
  let current = objective(X, y, rows, w, beta, lambda);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    grad.fill(0);
    hess.fill(0);
    for (const r of rows) {
      const off = r * d;
      xi[0] = 1;
      let t = beta[0];
      for (let j = 0; j < d; j++) {
        xi[j + 1] = X.data[off + j];
        t += beta[j + 1] * xi[j + 1];
      }
      const p = sigmoid(t);
      const wi = w === undefined ? 1 : w[r];
      const g = wi * (p - (y[r] === 1 ? 1 : 0));
      const h = wi * p * (1 - p);
      for (let a = 0; a < k; a++) {
        grad[a] += g * xi[a];
        const ha = h * xi[a];
        for (let b = 0; b <= a; b++) hess[a * k + b] += ha * xi[b];
      }
    }
    for (let j = 1; j < k; j++) {
      grad[j] += lambda * beta[j];
      hess[j * k + j] += lambda;
    }
    for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) hess[a * k + b] = hess[b * k + a];
    const step = solveSpd(hess, grad, k);
    // Halve the step until the objective does not rise (keeps near-separable data stable).
    let scale = 1;
    const trial = new Float64Array(k);
    let next = Infinity;
    for (let h = 0; h < 30; h++) {
      for (let j = 0; j < k; j++) trial[j] = beta[j] - scale * step[j];
      next = objective(X, y, rows, w, trial, lambda);
      if (next <= current + 1e-12 * Math.abs(current)) break;
      scale /= 2;
    }
    let maxStep = 0;
    for (let j = 0; j < k; j++) maxStep = Math.max(maxStep, Math.abs(scale * step[j]));
    beta.set(trial);
    current = next;
    if (maxStep < tolerance) converged = true;
  }
  return { coef: beta.slice(1), intercept: beta[0], iterations, converged };
}

/** Predicted probabilities of y = 1 for the given rows (default all) into `out`. */
export function predictLogistic(
  fit: LogisticFit,
  X: DesignMatrix,
  rowSubset?: Uint32Array,
  out: Float64Array = new Float64Array(X.rows).fill(NaN),
): Float64Array {
  const d = X.cols;
  const visit = (r: number) => {
    let t = fit.intercept;
    for (let j = 0; j < d; j++) t += fit.coef[j] * X.data[r * d + j];
    out[r] = sigmoid(t);
  };
  if (rowSubset) for (const r of rowSubset) visit(r);
  else for (let r = 0; r < X.rows; r++) visit(r);
  return out;
}

/** Builds a DesignMatrix from rows of numbers (tests and small inputs). */
export function designMatrix(rows: readonly (readonly number[])[]): DesignMatrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => data.set(row, i * cols));
  return { data, rows: rows.length, cols };
}
