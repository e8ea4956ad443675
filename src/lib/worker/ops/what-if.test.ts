import { describe, expect, it } from 'vitest';
import { parseModelOrThrow, type ModelDocumentInput } from '../../engine';
import { makeAccount, makeBook, weeklySeries } from '../../engine/score/book-factory';

import { whatIfScores } from './what-if';

const DAY = 20_000;

function model(patterns: ModelDocumentInput['patterns'] = []) {
  const latest = (metric: string) => ({
    kind: 'aggregate' as const,
    metric,
    agg: 'latest' as const,
    windowDays: 28,
  });
  const measure = (id: string, red: number, green: number, format = 'number' as const) => ({
    id,
    name: id,
    weight: 1,
    source: latest(id),
    scoring: { type: 'linear' as const, red, green },
    horizon: 'leading' as const,
    nature: 'activity' as const,
    format,
  });
  return parseModelOrThrow({
    format: 'canary-model/1',
    id: 'what-if-test',
    name: 'What-if test',
    version: 1,
    groups: [
      { id: 'usage', name: 'Usage', weight: 1, measures: [measure('seats', 0, 10)] },
      { id: 'support', name: 'Support', weight: 1, measures: [measure('tickets', 10, 0)] },
      { id: 'voice', name: 'Voice', weight: 1, measures: [measure('nps', 0, 9)] },
    ],
    patterns,
  });
}

function book(segment: string | null = null) {
  return makeBook({
    accounts: [makeAccount({ id: 'a', segment }), makeAccount({ id: 'b' })],
    series: [
      weeklySeries('a', 'seats', DAY, [5, 5]),
      weeklySeries('a', 'tickets', DAY, [0, 0]),
      weeklySeries('b', 'seats', DAY, [1, 1]),
    ],
  });
}

describe('whatIfScores', () => {
  it('reports the score with a losing measure at its green threshold', () => {
    const { base, measures } = whatIfScores(book(), model(), 'a', DAY);
    expect(base.score).toBe(75);
    const seats = measures.find((m) => m.measureId === 'seats')!;
    expect(seats).toMatchObject({ bestValue: 10, bestValueText: '10', scoreIfBest: 100, gain: 25 });
    // A measure already at its best is not a candidate.
    expect(measures.some((m) => m.measureId === 'tickets')).toBe(false);
  });

  it('includes a measure without data, scored as if it had data at its best value', () => {
    const { measures } = whatIfScores(book(), model(), 'a', DAY);
    const nps = measures.find((m) => m.measureId === 'nps')!;
    // (50 + 100 + 100) / 3 = 83.3 → 83, from 75.
    expect(nps).toMatchObject({ bestValue: 9, scoreIfBest: 83, gain: 8 });
  });

  it('lets a pattern on the measure stop firing when the measure reaches its best', () => {
    const rules = [
      {
        id: 'low',
        name: 'Low seats',
        conditions: [{ measure: 'seats', op: '<' as const, value: 6 }],
        capBand: 'red' as const,
      },
    ];
    const { base, measures } = whatIfScores(book(), model(rules), 'a', DAY);
    expect(base.score).toBe(30);
    expect(measures.find((m) => m.measureId === 'seats')).toMatchObject({
      scoreIfBest: 100,
      gain: 70,
    });
  });

  it('reports no gain when another pattern caps the score', () => {
    const rules = [
      {
        id: 'smb',
        name: 'SMB cap',
        conditions: [{ attribute: 'segment', op: '=' as const, value: 'SMB' }],
        capBand: 'amber' as const,
      },
    ];
    const { base, measures } = whatIfScores(book('SMB'), model(rules), 'a', DAY);
    expect(base.score).toBe(70);
    expect(measures.find((m) => m.measureId === 'seats')).toMatchObject({
      scoreIfBest: 70,
      gain: 0,
    });
  });

  it('never changes the other accounts or the measures it did not fix', () => {
    const b = book();
    const { measures } = whatIfScores(b, model(), 'a', DAY);
    expect(measures).toHaveLength(2);
    expect(b.accounts[0].attributes).toEqual({});
  });
});
