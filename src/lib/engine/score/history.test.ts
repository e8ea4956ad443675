import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../model/presets';
import { scoreAccount, scoreBook } from './account';
import { BENCH_LAST_DAY, BENCH_METRICS, makeBenchBook } from './bench-book';
import { evaluatePoints } from './evaluate';
import { scoreHistory, weeklyDays } from './history';
import { prepareBook } from './prepare';

const book = makeBenchBook(12, 13, 400, 7);
const prepared = prepareBook(book);

describe('makeBenchBook', () => {
  it('is deterministic and has the requested shape with the demo metric names', () => {
    expect(makeBenchBook(12, 13, 400, 7)).toEqual(book);
    expect(makeBenchBook(12, 13, 400, 8)).not.toEqual(book);
    expect(book.accounts).toHaveLength(12);
    expect(book.series).toHaveLength(12 * 13);
    const metrics = new Set(book.series.map((s) => s.metric));
    expect([...metrics]).toEqual([...BENCH_METRICS, 'extra_1', 'extra_2']);
    const s = book.series[0];
    expect(s.days.length).toBe(400);
    expect(s.days[399]).toBe(BENCH_LAST_DAY);
    expect(s.days[1] - s.days[0]).toBe(1);
  });
});

describe('scoreHistory', () => {
  const days = weeklyDays(BENCH_LAST_DAY, 10);

  it('gives weekly days oldest first', () => {
    expect(days).toHaveLength(10);
    expect(days[9]).toBe(BENCH_LAST_DAY);
    expect(days[0]).toBe(BENCH_LAST_DAY - 63);
  });

  it('matches the detailed score at every point, account by account', () => {
    const ids = ['B00003', 'B00007'];
    const history = scoreHistory(prepared, DEFAULT_MODEL, days, ids);
    expect(history).toHaveLength(20);
    history.forEach((snap, i) => {
      expect(snap.accountId).toBe(ids[Math.floor(i / 10)]);
      expect(snap.day).toBe(days[i % 10]);
      const s = scoreAccount(prepared, DEFAULT_MODEL, snap.accountId, snap.day);
      expect(snap).toEqual({
        accountId: s.accountId,
        day: s.day,
        score: s.score,
        band: s.band,
        coverage: s.coverage,
      });
    });
    expect(scoreHistory(prepared, DEFAULT_MODEL, days)).toHaveLength(120);
  });
});

describe('evaluatePoints', () => {
  it('returns row-major point-in-time features consistent with scoreBook', () => {
    const all = scoreBook(prepared, DEFAULT_MODEL, BENCH_LAST_DAY);
    const points = book.accounts.map((a) => ({ accountId: a.id, day: BENCH_LAST_DAY }));
    const r = evaluatePoints(prepared, DEFAULT_MODEL, points);
    const m = r.measureIds.length;
    expect(r.measureIds).toEqual(DEFAULT_MODEL.groups.flatMap((g) => g.measures.map((x) => x.id)));
    expect(r.patternIds).toEqual(DEFAULT_MODEL.patterns.map((p) => p.id));
    expect(r.measureScores).toHaveLength(points.length * m);
    expect(r.measureValues).toHaveLength(points.length * m);
    expect(r.patternFired).toHaveLength(points.length * r.patternIds.length);
    all.forEach((s, i) => {
      expect(Math.round(r.scores[i])).toBe(s.score);
      s.measures.forEach((c, j) => {
        expect(r.measureScores[i * m + j]).toBe(c.measureScore ?? NaN);
        expect(r.measureValues[i * m + j]).toBe(c.value ?? NaN);
      });
      const fired = r.patternIds.filter(
        (_, k) => r.patternFired[i * r.patternIds.length + k] === 1,
      );
      expect(fired).toEqual(s.patterns.map((p) => p.id));
    });
  });

  it('explains every account of the book in at most two sentences', () => {
    for (const s of scoreBook(prepared, DEFAULT_MODEL, BENCH_LAST_DAY)) {
      const sentences = s.explanation.split(/\.(?:\s|$)/).filter((x) => x.length > 0);
      expect(sentences.length).toBeGreaterThanOrEqual(1);
      expect(sentences.length).toBeLessThanOrEqual(2);
      expect(
        s.explanation.startsWith(
          `${s.scoredBand![0].toUpperCase()}${s.scoredBand!.slice(1)} ${s.score},`,
        ),
      ).toBe(true);
    }
  });

  it('marks missing data NaN and refuses unknown accounts', () => {
    const r = evaluatePoints(prepared, DEFAULT_MODEL, [
      { accountId: 'B00001', day: BENCH_LAST_DAY - 500 },
    ]);
    expect(Array.from(r.measureScores).every(Number.isNaN)).toBe(true);
    expect(r.scores[0]).toBeNaN();
    expect(() => evaluatePoints(prepared, DEFAULT_MODEL, [{ accountId: 'nope', day: 0 }])).toThrow(
      'Unknown account "nope"',
    );
  });
});
