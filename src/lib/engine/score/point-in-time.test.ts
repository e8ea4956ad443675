import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ymdToDay } from '../dates';
import { DEFAULT_MODEL } from '../model/presets';
import type { ModelDocument } from '../model/schema';
import type { Book, SignalSeries } from '../types';
import { scoreAccount } from './account';
import { makeAccount } from './book-factory';
import { prepareBook } from './prepare';

const START = ymdToDay(2026, 1, 5);
const METRICS = ['active_users', 'licensed_seats', 'champion_replies', 'qbr', 'tickets', 'csat'];
const ACCOUNTS = ['A', 'B', 'C'];

/** The default model with seat utilisation ranked within the book, to cover percentile scoring. */
const PERCENTILE_MODEL: ModelDocument = {
  ...DEFAULT_MODEL,
  groups: DEFAULT_MODEL.groups.map((g) => ({
    ...g,
    measures: g.measures.map((m) =>
      m.id === 'seat_utilisation'
        ? { ...m, scoring: { type: 'percentile', higherIsBetter: true } }
        : m,
    ),
  })),
};

const observations = fc.uniqueArray(
  fc.record({ day: fc.integer({ min: 0, max: 300 }), value: fc.integer({ min: 0, max: 40 }) }),
  { selector: (o) => o.day, maxLength: 40 },
);
const seriesSpec = fc.record({
  account: fc.constantFrom(...ACCOUNTS),
  metric: fc.constantFrom(...METRICS),
  obs: observations,
});
const scenario = fc.record({
  series: fc.uniqueArray(seriesSpec, {
    selector: (s) => `${s.account}|${s.metric}`,
    maxLength: 12,
  }),
  pulses: fc.array(
    fc.record({
      account: fc.constantFrom(...ACCOUNTS),
      day: fc.integer({ min: 0, max: 300 }),
      value: fc.integer({ min: 1, max: 5 }),
    }),
    { maxLength: 6 },
  ),
  overrides: fc.array(
    fc.record({
      account: fc.constantFrom(...ACCOUNTS),
      day: fc.integer({ min: 0, max: 300 }),
      length: fc.integer({ min: 1, max: 60 }),
      band: fc.constantFrom('red' as const, 'amber' as const, 'green' as const),
    }),
    { maxLength: 4 },
  ),
  asOf: fc.integer({ min: 0, max: 300 }),
  account: fc.constantFrom(...ACCOUNTS),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** The book of a scenario, keeping only what is dated ≤ cutoff (Infinity keeps everything). */
function bookOf(s: Scenario, cutoff: number): Book {
  const series: SignalSeries[] = [];
  for (const spec of s.series) {
    const obs = spec.obs.filter((o) => o.day <= cutoff).sort((x, y) => x.day - y.day);
    if (obs.length === 0) continue;
    series.push({
      accountId: spec.account,
      metric: spec.metric,
      days: Int32Array.from(obs, (o) => START + o.day),
      values: Float64Array.from(obs, (o) => o.value),
    });
  }
  return {
    accounts: ACCOUNTS.map((id, i) =>
      makeAccount({
        id,
        segment: ['SMB', 'Enterprise', 'Mid-Market'][i],
        contractStart: START - 100 + 60 * i,
        renewalDate: START + 150 + 80 * i,
      }),
    ),
    series,
    outcomes: [],
    pulses: s.pulses
      .filter((p) => p.day <= cutoff)
      .map((p) => ({ accountId: p.account, day: START + p.day, value: p.value, reason: null })),
    overrides: s.overrides
      .filter((o) => o.day <= cutoff)
      .map((o) => ({
        accountId: o.account,
        day: START + o.day,
        band: o.band,
        reason: 'manual',
        expiresDay: START + o.day + o.length,
      })),
  };
}

describe('point-in-time invariant', () => {
  it('appending data dated after asOf never changes scoreAccount', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const asOf = START + s.asOf;
        const past = prepareBook(bookOf(s, s.asOf));
        const full = prepareBook(bookOf(s, Infinity));
        for (const model of [DEFAULT_MODEL, PERCENTILE_MODEL]) {
          expect(scoreAccount(full, model, s.account, asOf)).toEqual(
            scoreAccount(past, model, s.account, asOf),
          );
        }
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });
});
