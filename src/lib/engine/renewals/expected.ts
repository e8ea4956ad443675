// Expected churned ARR of a set of renewals and its interval: each renewal churns, independently,
// with its own probability, so churned ARR is a weighted Poisson-binomial sum. Its distribution
// is computed exactly over ARR rounded to a fine grid (no normal approximation, which is poor
// for the handful of renewals a month often holds).

/** A renewal's churn probability and ARR. */
export interface ChurnRisk {
  p: number;
  arr: number;
}

/** Expected churned ARR with a central interval. */
export interface ExpectedChurn {
  /** Renewals in the sum (finite p and ARR). */
  n: number;
  /** Their total ARR. */
  arr: number;
  /** Σ p·ARR. */
  expected: number;
  /** Expected number of churned renewals, Σ p. */
  expectedCount: number;
  /** Bounds of the central `level` interval of churned ARR (from the exact distribution). */
  low: number;
  high: number;
  level: number;
}

/** Grid cells the month's total ARR is divided into (ARR rounded to total / this). */
export const ARR_GRID_CELLS = 20_000;

/**
 * Σ p·ARR and the central `level` interval of churned ARR (default 90%: 5th to 95th
 * percentile). Entries with a non-finite p or ARR, or ARR ≤ 0, are left out.
 */
export function expectedChurn(risks: readonly ChurnRisk[], level = 0.9): ExpectedChurn {
  const items = risks.filter((r) => Number.isFinite(r.p) && Number.isFinite(r.arr) && r.arr > 0);
  let arr = 0;
  let expected = 0;
  let expectedCount = 0;
  for (const r of items) {
    const p = Math.min(1, Math.max(0, r.p));
    arr += r.arr;
    expected += p * r.arr;
    expectedCount += p;
  }
  if (items.length === 0 || arr === 0) {
    return { n: 0, arr: 0, expected: 0, expectedCount: 0, low: 0, high: 0, level };
  }
  const cell = arr / ARR_GRID_CELLS;
  const weights = items.map((r) => Math.max(0, Math.round(r.arr / cell)));
  let size = 1;
  // dist[k] = P(churned ARR ≈ k cells), built one renewal at a time.
  const dist = new Float64Array(weights.reduce((s, w) => s + w, 0) + 1);
  dist[0] = 1;
  items.forEach((r, i) => {
    const p = Math.min(1, Math.max(0, r.p));
    const w = weights[i];
    for (let k = size - 1; k >= 0; k--) {
      const v = dist[k];
      if (v === 0) continue;
      dist[k + w] += v * p;
      dist[k] = v * (1 - p);
    }
    size += w;
  });
  const tail = (1 - level) / 2;
  let cdf = 0;
  let low = -1;
  let high = -1;
  for (let k = 0; k < size; k++) {
    cdf += dist[k];
    if (low < 0 && cdf >= tail - 1e-12) low = k;
    if (cdf >= 1 - tail - 1e-12) {
      high = k;
      break;
    }
  }
  if (high < 0) high = size - 1;
  return {
    n: items.length,
    arr,
    expected,
    expectedCount,
    low: Math.min(arr, low * cell),
    high: Math.min(arr, high * cell),
    level,
  };
}
