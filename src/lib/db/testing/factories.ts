// Test factories: fresh databases and small domain records. Used by db tests only.
import type { Account, Outcome, SignalSeries } from '../../engine/types';
import { CanaryDb } from '../canary-db';
import type { ScoreSummary } from '../records';

let counter = 0;

/** A CanaryDb with a name no other test uses (fake-indexeddb keeps databases per process). */
export function freshDb(label = 'test'): CanaryDb {
  counter++;
  return new CanaryDb(`canary-${label}-${counter}`);
}

/** A unique database name for tests that create databases themselves. */
export function freshDbName(label = 'test'): string {
  counter++;
  return `canary-${label}-${counter}`;
}

/** An account with sensible defaults. */
export function makeAccount(id: string, overrides: Partial<Account> = {}): Account {
  return {
    id,
    name: `Account ${id}`,
    segment: 'smb',
    arr: 12_000,
    seats: 10,
    contractStart: 19_000,
    renewalDate: 20_500,
    owner: 'dana',
    attributes: { region: 'emea' },
    ...overrides,
  };
}

/** A series from plain arrays of days and values. */
export function makeSeries(
  accountId: string,
  metric: string,
  days: readonly number[],
  values: readonly number[],
): SignalSeries {
  return { accountId, metric, days: Int32Array.from(days), values: Float64Array.from(values) };
}

/** A renewal outcome. */
export function makeOutcome(
  accountId: string,
  day: number,
  overrides: Partial<Outcome> = {},
): Outcome {
  return { accountId, day, outcome: 'renewed', reason: null, avoidable: null, ...overrides };
}

/** A current-score summary with neutral values; override what a test cares about. */
export function makeSummary(overrides: Partial<ScoreSummary> = {}): ScoreSummary {
  return {
    priority: 0,
    rank: 1,
    priorityReason: '',
    overridden: false,
    trendDirection: 'flat',
    trendWindowDays: 30,
    daysToRenewal: null,
    stage: null,
    patterns: [],
    sparkDays: [],
    sparkScores: [],
    bandLastWeek: null,
    ...overrides,
  };
}
