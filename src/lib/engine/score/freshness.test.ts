import { describe, expect, it } from 'vitest';
import { FIXED_TODAY_ISO } from '../../../../tests/setup';
import { isoToDay, ymdToDay } from '../dates';
import { DEFAULT_MODEL } from '../model/presets';
import { parseModelOrThrow } from '../model/parse';
import type { ModelDocumentInput } from '../model/schema';
import { scoreAccount, scoreBook } from './account';
import { demoWeeklySeries, makeAccount, makeBook, weeklySeries } from './book-factory';
import {
  chooseScoringDay,
  lastDataDay,
  MIN_COVERAGE,
  modelLookbackDays,
  scoreStatusOf,
  sourceLookbackDays,
} from './freshness';
import { scoreHistory } from './history';
import { prepareBook } from './prepare';

const TODAY = isoToDay(FIXED_TODAY_ISO)!;
const END_2024 = ymdToDay(2024, 12, 30); // a Monday

describe('the model lookback', () => {
  it('is the longest window a measure reads, a change reading two, at least the trend window', () => {
    // The default model's longest: the latest NPS within a year (365 days); the 26-week seat
    // change reads 2 × 182 = 364.
    expect(modelLookbackDays(DEFAULT_MODEL)).toBe(365);
    expect(sourceLookbackDays({ kind: 'change', metric: 'x', agg: 'sum', windowDays: 28 })).toBe(
      56,
    );
    expect(sourceLookbackDays({ kind: 'daysSince', metric: 'x', event: 'any' })).toBe(0);
    const attributesOnly = parseModelOrThrow({
      format: 'canary-model/1',
      id: 'attrs',
      name: 'Attributes',
      version: 1,
      groups: [
        {
          id: 'g',
          name: 'G',
          weight: 1,
          measures: [
            {
              id: 'arr',
              name: 'ARR',
              weight: 1,
              source: { kind: 'attribute', attribute: 'arr' },
              scoring: { type: 'linear', red: 0, green: 100000 },
              horizon: 'lagging',
              nature: 'value',
            },
          ],
        },
      ],
    } as ModelDocumentInput);
    expect(modelLookbackDays(attributesOnly)).toBe(30);
  });
});

describe('the scoring day', () => {
  const book = (lastDay: number) =>
    prepareBook(
      makeBook({
        accounts: [makeAccount({ id: 'A' }), makeAccount({ id: 'B' })],
        series: [...demoWeeklySeries('A', lastDay, 20), ...demoWeeklySeries('B', lastDay - 70, 20)],
      }),
    );

  it('is today for a book whose data ends today or within the lookback', () => {
    expect(chooseScoringDay(book(TODAY), DEFAULT_MODEL, TODAY)).toEqual({
      day: TODAY,
      today: TODAY,
      basis: 'today',
      newestDataDay: TODAY,
      lookbackDays: 365,
    });
    expect(chooseScoringDay(book(TODAY - 364), DEFAULT_MODEL, TODAY)).toMatchObject({
      day: TODAY,
      basis: 'today',
    });
  });

  it('is the newest data day when the book ends the lookback or more before today', () => {
    expect(chooseScoringDay(book(TODAY - 365), DEFAULT_MODEL, TODAY)).toMatchObject({
      day: TODAY - 365,
      basis: 'newest-data',
      newestDataDay: TODAY - 365,
    });
    expect(chooseScoringDay(book(END_2024), DEFAULT_MODEL, TODAY)).toMatchObject({
      day: END_2024,
      basis: 'newest-data',
    });
  });

  it('counts pulses as data, ignores data dated after today, and keeps today for an empty book', () => {
    const prepared = prepareBook(
      makeBook({
        accounts: [makeAccount({ id: 'A' })],
        series: [weeklySeries('A', 'tickets', END_2024, [1, 2, 3])],
        pulses: [{ accountId: 'A', day: TODAY - 3, value: 4, reason: null }],
      }),
    );
    expect(chooseScoringDay(prepared, DEFAULT_MODEL, TODAY)).toMatchObject({
      day: TODAY,
      newestDataDay: TODAY - 3,
    });
    const future = prepareBook(
      makeBook({
        accounts: [makeAccount({ id: 'A' })],
        series: [weeklySeries('A', 'tickets', TODAY + 14, [1, 2, 3])],
      }),
    );
    expect(chooseScoringDay(future, DEFAULT_MODEL, TODAY)).toMatchObject({
      day: TODAY,
      newestDataDay: TODAY,
    });
    expect(chooseScoringDay(prepareBook(makeBook({ accounts: [] })), DEFAULT_MODEL, TODAY)).toEqual(
      {
        day: TODAY,
        today: TODAY,
        basis: 'today',
        newestDataDay: null,
        lookbackDays: 365,
      },
    );
  });
});

describe('stale accounts and thin coverage', () => {
  // RavenStack's shape: support tickets and escalations only (13% of the default model).
  const ticketsOnly = (id: string, lastDay: number) => [
    weeklySeries(id, 'tickets', lastDay, [1, 0, 2, 1, 0, 1, 1, 0, 1, 2, 1, 1, 0, 1, 1, 2]),
    weeklySeries(id, 'escalations', lastDay, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  ];

  it('never gives "Green 100" from the empty windows of data that ended long ago', () => {
    const prepared = prepareBook(
      makeBook({ accounts: [makeAccount({ id: 'R' })], series: ticketsOnly('R', END_2024) }),
    );
    // Scored as of today (what the app did): every window is empty.
    const asOfToday = scoreAccount(prepared, DEFAULT_MODEL, 'R', TODAY);
    expect(asOfToday).toMatchObject({
      status: 'stale',
      score: null,
      band: null,
      lastDataDay: END_2024,
    });
    expect(asOfToday.explanation).toMatch(
      /^Stale: no data since 2024-12-30, 693 days before 2026-11-23 and outside every window the model reads \(the longest is 365 days\)/,
    );
    // An empty window of an event count is missing, not "no escalations", when nothing of the
    // account's arrived in it.
    const escalations = asOfToday.measures.find((m) => m.measureId === 'escalations_90d')!;
    expect(escalations).toMatchObject({ missing: true, value: null });
    // As of its own last day the data is there, but 13% of the weight is too little to score.
    const asOfData = scoreAccount(prepared, DEFAULT_MODEL, 'R', END_2024);
    expect(asOfData.coverage).toBeCloseTo(0.13, 5);
    expect(asOfData.coverage).toBeLessThan(MIN_COVERAGE);
    expect(asOfData).toMatchObject({ status: 'unscored', score: null, band: null });
    expect(asOfData.explanation).toBe(
      "Not scored: only 13% of the model's weight had data as of 2024-12-30 (a score needs at least 30%), from escalations (90 days) and change in support tickets (28 days).",
    );
  });

  it('keeps counting an empty window as 0 events while the account sends other data', () => {
    const values = { escalations: Array<number>(20).fill(NaN) };
    const prepared = prepareBook(
      makeBook({
        accounts: [makeAccount({ id: 'A' })],
        series: demoWeeklySeries('A', TODAY, 20, values).filter((s) => s.days.length > 0),
      }),
    );
    // No escalations series at all: missing.
    const s = scoreAccount(prepared, DEFAULT_MODEL, 'A', TODAY);
    expect(s.measures.find((m) => m.measureId === 'escalations_90d')!.missing).toBe(true);
    const withOld = prepareBook(
      makeBook({
        accounts: [makeAccount({ id: 'A' })],
        series: [
          ...demoWeeklySeries('A', TODAY, 20).filter((x) => x.metric !== 'escalations'),
          weeklySeries('A', 'escalations', TODAY - 200, [1, 2]),
        ],
      }),
    );
    // An escalations series that began long ago, an empty 90-day window, fresh other data: 0.
    const fresh = scoreAccount(withOld, DEFAULT_MODEL, 'A', TODAY);
    expect(fresh.status).toBe('scored');
    expect(fresh.measures.find((m) => m.measureId === 'escalations_90d')).toMatchObject({
      missing: false,
      value: 0,
    });
  });

  it('marks an account stale by its own last data day while the rest of the book is scored', () => {
    const prepared = prepareBook(
      makeBook({
        accounts: [makeAccount({ id: 'LIVE' }), makeAccount({ id: 'GONE' })],
        series: [
          ...demoWeeklySeries('LIVE', TODAY, 60),
          ...demoWeeklySeries('GONE', TODAY - 400, 60),
        ],
      }),
    );
    const [live, gone] = scoreBook(prepared, DEFAULT_MODEL, TODAY);
    expect(live).toMatchObject({ status: 'scored', lastDataDay: TODAY });
    expect(live.score).not.toBeNull();
    expect(gone).toMatchObject({ status: 'stale', score: null, band: null, patterns: [] });
    expect(gone.lastDataDay).toBe(TODAY - 400);
    expect(lastDataDay(prepared, 1, TODAY - 500)).toBe(TODAY - 505);
    // History: GONE has scores while its data was fresh and none once it went stale.
    const days = [TODAY - 420, TODAY - 300, TODAY];
    const snaps = scoreHistory(prepared, DEFAULT_MODEL, days, ['GONE']);
    expect(snaps[0].score).not.toBeNull();
    expect(snaps.slice(1).map((x) => x.score)).toEqual([null, null]);
  });

  it('decides the status from coverage and the last data day', () => {
    expect(scoreStatusOf(0.8, TODAY - 10, TODAY, 365)).toBe('scored');
    expect(scoreStatusOf(0.8, TODAY - 365, TODAY, 365)).toBe('stale');
    expect(scoreStatusOf(0.29, TODAY, TODAY, 365)).toBe('unscored');
    expect(scoreStatusOf(0, null, TODAY, 365)).toBe('unscored');
    // Attributes only (no dated data at all) are never stale.
    expect(scoreStatusOf(1, null, TODAY, 365)).toBe('scored');
    // Dated data only after the day: not observed yet, so its attributes alone are no score.
    expect(scoreStatusOf(1, null, TODAY, 365, true)).toBe('unscored');
  });

  it('gives no score, and no history, before an account is first observed', () => {
    const prepared = prepareBook(
      makeBook({
        accounts: [makeAccount({ id: 'NEW', segment: 'SMB', contractStart: TODAY - 900 })],
        series: demoWeeklySeries('NEW', TODAY, 9),
      }),
    );
    const model = parseModelOrThrow({
      ...DEFAULT_MODEL,
      // Tenure alone (an undated attribute) carries the whole weight.
      groups: [
        {
          id: 'g',
          name: 'Tenure',
          weight: 1,
          measures: [
            {
              id: 'tenure',
              name: 'Tenure',
              weight: 1,
              source: { kind: 'attribute', attribute: 'tenureDays' },
              scoring: { type: 'linear', red: 0, green: 720 },
              horizon: 'lagging',
              nature: 'value',
              missing: 'skip',
            },
          ],
        },
      ],
      patterns: [],
      contexts: [],
    } satisfies ModelDocumentInput);
    const [before] = scoreBook(prepared, model, TODAY - 100);
    expect(before).toMatchObject({ status: 'unscored', score: null, band: null });
    expect(before.coverage).toBe(1);
    expect(before.explanation).toMatch(/^Not scored: no data yet on or before/);
    // Its data runs from 8 weeks before today.
    const [now] = scoreBook(prepared, model, TODAY);
    expect(now.status).toBe('scored');
    const snaps = scoreHistory(prepared, model, [TODAY - 100, TODAY - 7], ['NEW']);
    expect(snaps.map((x) => x.score === null)).toEqual([true, false]);
  });
});
