// The period a "what changed" list covers: the last 7, 30 or 90 days up to the book's scoring
// day, or two dates chosen by the user. Scores are compared as of the period's first and last
// day, each point in time.
import { dayToIso } from '../dates';
import type { DayNumber } from '../types';

/** The preset lengths offered on the page. */
export const PERIOD_PRESETS = [7, 30, 90] as const;

/** What the user chose. */
export type PeriodChoice =
  { kind: 'last'; days: number } | { kind: 'custom'; from: DayNumber; to: DayNumber };

/** A resolved period: scores are compared as of `start` and as of `end` (both inclusive days). */
export interface ChangePeriod {
  start: DayNumber;
  end: DayNumber;
  /** end − start. */
  days: number;
  /** "last 7 days (2026-11-26 to 2026-12-03)". */
  label: string;
}

/** Thrown for a period that cannot be compared; the message says why, for people. */
export class PeriodError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'PeriodError';
  }
}

/**
 * Resolves a choice against the book's scoring day (`lastDay`): "last N days" ends on it; a
 * custom period must start before it ends and may not end after it (there is no score yet).
 */
export function resolvePeriod(choice: PeriodChoice, lastDay: DayNumber): ChangePeriod {
  if (choice.kind === 'last') {
    if (!Number.isInteger(choice.days) || choice.days < 1 || choice.days > 3660)
      throw new PeriodError('A period is a whole number of days, from 1 to 3,660.');
    const start = lastDay - choice.days;
    return {
      start,
      end: lastDay,
      days: choice.days,
      label: `last ${choice.days} days (${dayToIso(start)} to ${dayToIso(lastDay)})`,
    };
  }
  const { from, to } = choice;
  if (!Number.isInteger(from) || !Number.isInteger(to))
    throw new PeriodError('Choose both dates of the period.');
  if (from >= to) throw new PeriodError('The period’s start must be before its end.');
  if (to > lastDay)
    throw new PeriodError(
      `The book is scored as of ${dayToIso(lastDay)}: a period cannot end after that day.`,
    );
  return {
    start: from,
    end: to,
    days: to - from,
    label: `${dayToIso(from)} to ${dayToIso(to)}`,
  };
}

/** Whether a dated event falls in the period: after its first day, on or before its last. */
export function inPeriod(day: DayNumber, period: Pick<ChangePeriod, 'start' | 'end'>): boolean {
  return day > period.start && day <= period.end;
}
