import { describe, expect, it } from 'vitest';
import type { Book } from '../engine/types';
import { eraseAllData, loadBook, replaceBook } from './book-repo';
import { InvalidSeriesError } from './errors';
import { saveModelVersion } from './models-repo';
import { saveScores } from './scores-repo';
import { loadAccountSeries, mergeSeries } from './series-repo';
import { getSetting, setSetting } from './settings-repo';
import { freshDb, makeAccount, makeOutcome, makeSeries, makeSummary } from './testing/factories';

function sampleBook(): Book {
  return {
    accounts: [makeAccount('a1'), makeAccount('a2', { segment: null, attributes: {} })],
    series: [
      makeSeries('a1', 'logins', [100, 107, 114], [3, 0.5, -2.25]),
      makeSeries('a2', 'tickets', [101], [Number.MAX_VALUE]),
    ],
    outcomes: [makeOutcome('a1', 200, { outcome: 'churned', avoidable: true, reason: 'price' })],
    pulses: [{ accountId: 'a1', day: 110, value: 2, reason: 'quiet' }],
    overrides: [{ accountId: 'a2', day: 90, band: 'red', reason: 'exec left', expiresDay: 150 }],
  };
}

describe('book repository', () => {
  it('round-trips a book with typed arrays intact', async () => {
    const db = freshDb();
    await replaceBook(db, sampleBook());
    const book = await loadBook(db);
    expect(book.accounts.map((a) => a.id)).toEqual(['a1', 'a2']);
    const logins = book.series.find((s) => s.metric === 'logins')!;
    expect(logins.days).toBeInstanceOf(Int32Array);
    expect(logins.values).toBeInstanceOf(Float64Array);
    expect(logins.values).toEqual(Float64Array.from([3, 0.5, -2.25]));
    expect(book.outcomes[0]).toMatchObject({
      accountId: 'a1',
      outcome: 'churned',
      avoidable: true,
    });
    expect(book.pulses).toHaveLength(1);
    expect(book.overrides[0].band).toBe('red');
  });

  it('stores a small view on a big buffer compactly and correctly', async () => {
    const db = freshDb();
    const big = new Int32Array([1, 2, 3, 4, 5, 6]);
    const bigValues = new Float64Array([10, 20, 30, 40, 50, 60]);
    const view = {
      accountId: 'a1',
      metric: 'm',
      days: big.subarray(2, 4),
      values: bigValues.subarray(2, 4),
    };
    await replaceBook(db, { ...sampleBook(), series: [view] });
    const [stored] = await loadAccountSeries(db, 'a1');
    expect(stored.days).toEqual(Int32Array.from([3, 4]));
    expect(stored.days.buffer.byteLength).toBe(8);
    expect(stored.values).toEqual(Float64Array.from([30, 40]));
  });

  it('replaceBook clears derived data but keeps models and settings', async () => {
    const db = freshDb();
    await replaceBook(db, sampleBook());
    await saveModelVersion(db, { modelId: 'm', version: 1, name: 'M', document: {} });
    await setSetting(db, 'theme', 'dark');
    await saveScores(db, 'm@1', 120, [
      {
        accountId: 'a1',
        score: 50,
        band: 'amber',
        coverage: 1,
        trendDelta: null,
        explanation: 'x',
        summary: makeSummary(),
        breakdown: null,
      },
    ]);
    await replaceBook(db, { ...sampleBook(), accounts: [makeAccount('z9')] });
    expect((await loadBook(db)).accounts.map((a) => a.id)).toEqual(['z9']);
    expect(await db.currentScores.count()).toBe(0);
    expect(await db.scoreDetails.count()).toBe(0);
    expect(await db.scoreHistory.count()).toBe(0);
    expect(await db.models.count()).toBe(1);
    expect(await getSetting(db, 'theme')).toBe('dark');
  });

  it('replaceBook rejects a malformed series and leaves the old book', async () => {
    const db = freshDb();
    await replaceBook(db, sampleBook());
    const before = await loadBook(db);
    const bad = { ...sampleBook(), series: [makeSeries('a1', 'x', [5, 5], [1, 2])] };
    await expect(replaceBook(db, bad)).rejects.toBeInstanceOf(InvalidSeriesError);
    expect(await loadBook(db)).toEqual(before);
  });

  it('replaceBook is atomic: a failing write leaves the old book', async () => {
    const db = freshDb();
    await replaceBook(db, sampleBook());
    const before = await loadBook(db);
    const duplicate = { ...sampleBook(), accounts: [makeAccount('q'), makeAccount('q')] };
    await expect(replaceBook(db, duplicate)).rejects.toThrow();
    expect(await loadBook(db)).toEqual(before);
  });

  it('eraseAllData empties every table', async () => {
    const db = freshDb();
    await replaceBook(db, sampleBook());
    await setSetting(db, 'theme', 'dark');
    await eraseAllData(db);
    const counts = await Promise.all(db.tables.map((t) => t.count()));
    expect(counts.every((c) => c === 0)).toBe(true);
  });
});

describe('mergeSeries', () => {
  it('is idempotent and collapses duplicates by policy', async () => {
    const db = freshDb();
    const incoming = [
      makeSeries('a1', 'logins', [3, 1, 3], [30, 10, 5]),
      makeSeries('a1', 'logins', [2], [20]),
    ];
    const first = await mergeSeries(db, incoming, 'sum');
    expect(first).toMatchObject({ seriesCreated: 1, pointsAdded: 3 });
    const [s] = await loadAccountSeries(db, 'a1');
    expect(s.days).toEqual(Int32Array.from([1, 2, 3]));
    expect(s.values).toEqual(Float64Array.from([10, 20, 35]));
    const second = await mergeSeries(db, incoming, 'sum');
    expect(second).toMatchObject({ seriesChanged: 0, pointsAdded: 0, pointsUnchanged: 3 });
    const [again] = await loadAccountSeries(db, 'a1');
    expect(again.values).toEqual(s.values);
  });

  it('last-wins keeps the later duplicate and replaces stored values', async () => {
    const db = freshDb();
    await mergeSeries(db, [makeSeries('a1', 'm', [1, 2], [1, 2])]);
    const counts = await mergeSeries(db, [makeSeries('a1', 'm', [2, 4, 2], [7, 4, 9])], 'last');
    expect(counts).toMatchObject({ pointsAdded: 1, pointsChanged: 1 });
    const [s] = await loadAccountSeries(db, 'a1');
    expect(s.days).toEqual(Int32Array.from([1, 2, 4]));
    expect(s.values).toEqual(Float64Array.from([1, 9, 4]));
  });

  it('rejects a series whose arrays are not typed', async () => {
    const db = freshDb();
    const bad = {
      accountId: 'a',
      metric: 'm',
      days: [1] as unknown as Int32Array,
      values: new Float64Array(1),
    };
    await expect(mergeSeries(db, [bad])).rejects.toBeInstanceOf(InvalidSeriesError);
    expect(await db.series.count()).toBe(0);
  });
});
