// Band-level backtest metrics: churn rate per band with Wilson intervals, churned-while-green,
// and lift/capture (share of churned accounts and churned ARR caught in red or the riskiest k%).
import type { Band } from '../types';
import { assertSameLength, descendingOrder, wilsonInterval } from './stats';

/** Bands in code order: band codes in a Uint8Array are indices into this. */
export const BAND_CODES: readonly Band[] = ['red', 'amber', 'green'];

/** Churn rate of one band, with its Wilson 95% interval and ARR totals. */
export interface BandChurnRate {
  band: Band;
  n: number;
  churned: number;
  churnRate: number;
  ciLow: number;
  ciHigh: number;
  arr: number;
  churnedArr: number;
}

/** Churn rate per band (codes from BAND_CODES); `arr` may hold NaN for unknown ARR. */
export function bandChurnRates(
  bands: ArrayLike<number>,
  y: ArrayLike<number>,
  arr?: ArrayLike<number>,
): BandChurnRate[] {
  assertSameLength(bands, y, arr);
  return BAND_CODES.map((band, code) => {
    let n = 0;
    let churned = 0;
    let arrSum = 0;
    let churnedArr = 0;
    for (let i = 0; i < bands.length; i++) {
      if (bands[i] !== code) continue;
      const a = arr === undefined || !Number.isFinite(arr[i]) ? 0 : arr[i];
      n++;
      arrSum += a;
      if (y[i] === 1) {
        churned++;
        churnedArr += a;
      }
    }
    const ci = wilsonInterval(churned, n);
    return {
      band,
      n,
      churned,
      churnRate: ci.rate,
      ciLow: ci.ciLow,
      ciHigh: ci.ciHigh,
      arr: arrSum,
      churnedArr,
    };
  });
}

/** A share of churned accounts, by count and by ARR (ARR NaN when no churned ARR is known). */
export interface ChurnShare {
  accounts: number;
  arr: number;
}

/** Share of churned outcomes (count and ARR) whose band code is `code` at prediction time. */
export function churnShareInBand(
  bands: ArrayLike<number>,
  y: ArrayLike<number>,
  code: number,
  arr?: ArrayLike<number>,
): ChurnShare {
  assertSameLength(bands, y, arr);
  let churned = 0;
  let inBand = 0;
  let arrTotal = 0;
  let arrIn = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    const a = arr === undefined || !Number.isFinite(arr[i]) ? 0 : arr[i];
    churned++;
    arrTotal += a;
    if (bands[i] === code) {
      inBand++;
      arrIn += a;
    }
  }
  return { accounts: churned ? inBand / churned : NaN, arr: arrTotal > 0 ? arrIn / arrTotal : NaN };
}

/** Lift and capture among the riskiest `share` of outcomes. */
export interface LiftPoint {
  share: number;
  n: number;
  churnRate: number;
  lift: number;
  capture: number;
  arrCapture: number;
}

/**
 * Lift/capture at each share k of outcomes ranked riskiest first (the first round(k·n) by risk,
 * ties broken by input order so the result is deterministic). Lift = churn rate in that slice ÷
 * overall churn rate; capture = share of all churned accounts (and churned ARR) inside it.
 */
export function liftCurve(
  y: ArrayLike<number>,
  risk: ArrayLike<number>,
  shares: readonly number[] = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
  arr?: ArrayLike<number>,
): LiftPoint[] {
  assertSameLength(y, risk, arr);
  const order = descendingOrder(risk);
  const n = y.length;
  let totalChurned = 0;
  let totalArr = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] === 1) {
      totalChurned++;
      totalArr += arr === undefined || !Number.isFinite(arr[i]) ? 0 : arr[i];
    }
  }
  const base = n ? totalChurned / n : NaN;
  return shares.map((share) => {
    const m = Math.round(share * n);
    let churned = 0;
    let churnedArr = 0;
    for (let k = 0; k < m; k++) {
      const i = order[k];
      if (y[i] !== 1) continue;
      churned++;
      churnedArr += arr === undefined || !Number.isFinite(arr[i]) ? 0 : arr[i];
    }
    const rate = m ? churned / m : NaN;
    return {
      share,
      n: m,
      churnRate: rate,
      lift: base > 0 ? rate / base : NaN,
      capture: totalChurned ? churned / totalChurned : NaN,
      arrCapture: totalArr > 0 ? churnedArr / totalArr : NaN,
    };
  });
}
