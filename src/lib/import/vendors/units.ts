// Units as exports write them: money in cents or major units, durations as decimals or
// HH:MM:SS, in minutes or hours depending on the column.
import { parseNumber } from '../numbers';
import type { AmountUnit } from './preset';

/** The unit a money column is in, and why. */
export interface AmountUnitDetection {
  unit: 'cents' | 'major';
  reason: string;
}

/**
 * Decides cents vs major units over a whole column: any value with decimals ("598.00") means
 * major units (Stripe dashboard exports); whole numbers only mean cents (API/Sigma exports).
 */
export function detectAmountUnit(
  values: readonly string[],
  chosen: AmountUnit,
): AmountUnitDetection {
  if (chosen !== 'auto') return { unit: chosen, reason: 'chosen by you' };
  let numbers = 0;
  for (const v of values) {
    const s = v.trim();
    if (s === '') continue;
    if (/[.,]\d{1,2}$/.test(s))
      return { unit: 'major', reason: `values such as ${s} have decimals` };
    if (parseNumber(s) !== undefined) numbers++;
  }
  return numbers === 0
    ? { unit: 'major', reason: 'no amounts to judge by' }
    : { unit: 'cents', reason: 'every amount is a whole number (Stripe writes cents then)' };
}

/** An amount in major units (empty → null, unreadable → undefined). */
export function readAmount(raw: string, unit: 'cents' | 'major'): number | null | undefined {
  const v = parseNumber(raw);
  if (v === null || v === undefined) return v;
  return unit === 'cents' ? v / 100 : v;
}

const CLOCK = /^(-)?(\d+):([0-5]?\d)(?::([0-5]?\d(?:\.\d+)?))?$/;

/**
 * A duration cell in hours: "HH:MM:SS" / "HH:MM" clock text, or a decimal number in
 * `decimalUnit` ('hours' or 'minutes'). Empty → null, unreadable → undefined.
 */
export function readDurationHours(
  raw: string,
  decimalUnit: 'hours' | 'minutes',
): number | null | undefined {
  const s = raw.trim();
  if (s === '') return null;
  const clock = CLOCK.exec(s);
  if (clock) {
    const h = Number(clock[2]) + Number(clock[3]) / 60 + Number(clock[4] ?? 0) / 3600;
    return clock[1] ? -h : h;
  }
  const v = parseNumber(s);
  if (v === null || v === undefined) return v;
  return decimalUnit === 'hours' ? v : v / 60;
}
