import { describe, expect, it } from 'vitest';
import { ymdToDay } from '../dates';
import { parseModelOrThrow } from '../model/parse';
import type { ModelDocument } from '../model/schema';
import { makeAccount, makeBook, weeklySeries } from './book-factory';
import { evaluatePoints } from './evaluate';
import { prepareBook } from './prepare';

const MON = ymdToDay(2026, 11, 23);

/** A one-group model whose measures have the given sources, all scored 0→100 linearly. */
function modelOf(sources: Record<string, unknown>, halfLifeDays = 30): ModelDocument {
  return parseModelOrThrow({
    format: 'canary-model/1',
    id: 't',
    name: 'T',
    version: 1,
    pulse: { halfLifeDays },
    groups: [
      {
        id: 'g',
        name: 'G',
        weight: 1,
        measures: Object.entries(sources).map(([id, source]) => ({
          id,
          name: id,
          weight: 1,
          source,
          scoring: { type: 'linear', red: 0, green: 100 },
          horizon: 'leading',
          nature: 'value',
        })),
      },
    ],
  });
}

const book = prepareBook(
  makeBook({
    accounts: [
      makeAccount({
        id: 'A',
        segment: 'Enterprise',
        arr: 120000,
        contractStart: MON - 400,
        renewalDate: MON + 32,
        attributes: { plan: 'gold', sso: true, health_check: 7 },
      }),
      makeAccount({ id: 'B' }),
    ],
    series: [
      // Eight Mondays: previous 4 weeks average 10, last 4 weeks average 6.
      weeklySeries('A', 'active_users', MON, [10, 12, 8, 10, 8, 6, 6, 4]),
      weeklySeries('A', 'licensed_seats', MON, [20, 20, 20, 20, 20, 20, 20, 16]),
      weeklySeries('A', 'champion_replies', MON, [1, 2, 0, 1, 0, 0, 0, 0]),
      weeklySeries('A', 'tickets', MON, [NaN, NaN, NaN, NaN, 1, NaN, 2, NaN]),
    ],
    pulses: [
      { accountId: 'A', day: MON - 100, value: 1, reason: null },
      { accountId: 'A', day: MON - 30, value: 5, reason: 'great QBR' },
    ],
  }),
);

function valuesAt(sources: Record<string, unknown>, day = MON, account = 'A', halfLife = 30) {
  const r = evaluatePoints(book, modelOf(sources, halfLife), [{ accountId: account, day }]);
  return Object.fromEntries(r.measureIds.map((id, j) => [id, r.measureValues[j]]));
}

describe('measure sources', () => {
  it('aggregates a metric over a window ending on asOf', () => {
    const agg = (agg: string, windowDays = 28) => ({
      kind: 'aggregate',
      metric: 'active_users',
      agg,
      windowDays,
    });
    expect(
      valuesAt({
        latest: agg('latest'),
        mean: agg('mean'),
        sum: agg('sum'),
        min: agg('min'),
        max: agg('max'),
        count: agg('count'),
        week: agg('sum', 7),
      }),
    ).toEqual({ latest: 4, mean: 6, sum: 24, min: 4, max: 8, count: 4, week: 4 });
  });

  it('treats weeks without rows as zero events for sum/count but missing for mean', () => {
    const v = valuesAt({
      sum: { kind: 'aggregate', metric: 'tickets', agg: 'sum', windowDays: 7 },
      mean: { kind: 'aggregate', metric: 'tickets', agg: 'mean', windowDays: 7 },
    });
    expect(v.sum).toBe(0);
    expect(v.mean).toBeNaN();
  });

  it('measures change against the previous window in percent', () => {
    const v = valuesAt({
      change: { kind: 'change', metric: 'active_users', agg: 'mean', windowDays: 28 },
    });
    expect(v.change).toBeCloseTo(-40, 12);
    // Four weeks in, there is no previous window yet.
    const early = valuesAt(
      { change: { kind: 'change', metric: 'active_users', agg: 'mean', windowDays: 28 } },
      MON - 28,
    );
    expect(early.change).toBeNaN();
  });

  it('fits a slope per week, absolute or relative to the window mean', () => {
    const v = valuesAt({
      abs: { kind: 'slope', metric: 'active_users', windowDays: 28 },
      rel: { kind: 'slope', metric: 'active_users', windowDays: 28, relative: true },
    });
    // Last four values 8, 6, 6, 4 one week apart: slope −1.2 per week, mean 6.
    expect(v.abs).toBeCloseTo(-1.2, 12);
    expect(v.rel).toBeCloseTo(-20, 12);
  });

  it('counts days since the last observation or the last non-zero value', () => {
    const v = valuesAt(
      {
        any: { kind: 'daysSince', metric: 'champion_replies', event: 'any' },
        nonZero: { kind: 'daysSince', metric: 'champion_replies', event: 'nonZero' },
      },
      MON + 3,
    );
    expect(v).toEqual({ any: 3, nonZero: 31 });
  });

  it('divides two signals (active users ÷ licensed seats)', () => {
    const v = valuesAt({
      util: {
        kind: 'ratio',
        numerator: { metric: 'active_users', agg: 'latest' },
        denominator: { metric: 'licensed_seats', agg: 'latest' },
        windowDays: 7,
      },
    });
    expect(v.util).toBe(0.25);
  });

  it('reads account attributes, tenure and days to renewal', () => {
    const src = (attribute: string) => ({ kind: 'attribute', attribute });
    const v = valuesAt({
      arr: src('arr'),
      tenure: src('tenureDays'),
      renewal: src('daysToRenewal'),
      check: src('health_check'),
      sso: src('sso'),
      segment: src('segment'),
    });
    expect(v).toEqual({ arr: 120000, tenure: 400, renewal: 32, check: 7, sso: 1, segment: NaN });
    const later = valuesAt({ renewal: src('daysToRenewal') }, MON + 40);
    expect(later.renewal).toBeNaN();
  });

  it('decays the latest CSM pulse toward neutral 3 with the half-life', () => {
    const pulse = { p: { kind: 'pulse' } };
    expect(valuesAt(pulse, MON - 30).p).toBe(5);
    expect(valuesAt(pulse).p).toBeCloseTo(4, 12);
    expect(valuesAt(pulse, MON + 30).p).toBeCloseTo(3.5, 12);
    expect(valuesAt(pulse, MON - 60).p).toBeCloseTo(3 - 2 * Math.pow(0.5, 40 / 30), 12);
    expect(valuesAt(pulse, MON - 101).p).toBeNaN();
    expect(valuesAt(pulse, MON + 30, 'A', 0).p).toBe(5);
  });

  it('is missing for accounts without the metric', () => {
    const v = valuesAt(
      { x: { kind: 'aggregate', metric: 'active_users', agg: 'sum', windowDays: 28 } },
      MON,
      'B',
    );
    expect(v.x).toBeNaN();
  });
});
