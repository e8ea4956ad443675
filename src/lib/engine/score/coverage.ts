// Does the active model fit the book at all? Each account's coverage is the share of the
// model's weight that had data; a book the model mostly cannot read should say so plainly
// instead of showing thousands of "Not scored" rows.

/** An account counts as covered when at least this share of the model's weight had data. */
export const COVERED_ACCOUNT_SHARE = 0.5;
/** The model fits the book poorly when fewer than this share of its accounts are covered. */
export const COVERED_BOOK_SHARE = 0.5;

/** How well the active model's measures cover a book. */
export interface BookCoverage {
  accounts: number;
  /** Accounts with coverage ≥ COVERED_ACCOUNT_SHARE. */
  covered: number;
  /** Accounts with any data for the model (coverage > 0). */
  withAnyData: number;
  /** Mean coverage over the accounts (0–1; 1 for an empty book). */
  meanCoverage: number;
  /** True when fewer than half the accounts are covered (never for an empty book). */
  low: boolean;
}

/** Summarises per-account coverages (share of model weight with data, 0–1). */
export function bookCoverage(coverages: Iterable<number>): BookCoverage {
  let accounts = 0;
  let covered = 0;
  let withAnyData = 0;
  let sum = 0;
  for (const c of coverages) {
    const v = Number.isFinite(c) ? Math.min(1, Math.max(0, c)) : 0;
    accounts++;
    sum += v;
    if (v >= COVERED_ACCOUNT_SHARE) covered++;
    if (v > 0) withAnyData++;
  }
  return {
    accounts,
    covered,
    withAnyData,
    meanCoverage: accounts ? sum / accounts : 1,
    low: accounts > 0 && covered < COVERED_BOOK_SHARE * accounts,
  };
}
