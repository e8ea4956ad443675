import { describe, expect, it } from 'vitest';
import type { Band } from '../engine/types';
import { bandFromCode, BAND_CODES, SCORING_DAY_SETTING } from './records';
import { getSetting } from './settings-repo';
import {
  appendScoreHistory,
  getCurrentScore,
  getScoreDetail,
  loadCurrentScores,
  loadScoreHistory,
  saveScores,
  type StoredScore,
} from './scores-repo';
import { InvalidSeriesError } from './errors';
import { freshDb, makeSummary } from './testing/factories';

function score(accountId: string, value: number, band: Band = 'amber'): StoredScore {
  return {
    accountId,
    score: value,
    band,
    coverage: 0.75,
    trendDelta: -4,
    explanation: `${accountId} scored ${value}`,
    summary: makeSummary({ rank: 3, priorityReason: 'Renews soon' }),
    breakdown: { groups: [{ id: 'usage', points: 12 }] },
  };
}

describe('saveScores', () => {
  it('gives each current score its last 90 days of history and last week’s band', async () => {
    const db = freshDb();
    await saveScores(db, 'm@1', 0, [score('a', 10, 'red')]);
    await saveScores(db, 'm@1', 50, [score('a', 40.3, 'amber')]);
    await saveScores(db, 'm@1', 112, [score('a', 80, 'green')]);
    await saveScores(db, 'm@1', 120, [
      score('a', 75, 'green'),
      { ...score('b', 0), score: null, band: null },
    ]);
    const a = await getCurrentScore(db, 'a');
    expect(a?.summary).toMatchObject({
      sparkDays: [50, 112, 120],
      sparkScores: [40.3, 80, 75],
      bandLastWeek: 'green',
    });
    // An account never scored has no history to show.
    expect((await getCurrentScore(db, 'b'))?.summary).toMatchObject({
      sparkDays: [],
      sparkScores: [],
      bandLastWeek: null,
    });
  });

  it('writes current scores and one snapshot per account per day', async () => {
    const db = freshDb();
    await saveScores(db, 'm@1', 100, [score('a', 50), score('b', 80, 'green')]);
    expect(await loadCurrentScores(db)).toHaveLength(2);
    expect(await getCurrentScore(db, 'b')).toMatchObject({
      modelKey: 'm@1',
      asOfDay: 100,
      score: 80,
      band: 'green',
      summary: { rank: 3, priorityReason: 'Renews soon' },
    });
    expect(await getScoreDetail(db, 'b')).toEqual({
      accountId: 'b',
      modelKey: 'm@1',
      asOfDay: 100,
      breakdown: { groups: [{ id: 'usage', points: 12 }] },
    });
    expect(await getCurrentScore(db, 'b')).not.toHaveProperty('breakdown');
    const [history] = await loadScoreHistory(db, 'b', 'm@1');
    expect(history.days).toEqual(Int32Array.of(100));
    expect(history.scores).toBeInstanceOf(Float32Array);
    expect(history.bands).toEqual(Uint8Array.of(BAND_CODES.green));
    expect(history.coverage).toEqual(Float32Array.of(0.75));
  });

  it('appends later days, inserts earlier ones in order, and replaces the same day', async () => {
    const db = freshDb();
    await saveScores(db, 'm@1', 100, [score('a', 50)]);
    await saveScores(db, 'm@1', 120, [score('a', 60)]);
    await saveScores(db, 'm@1', 110, [score('a', 55)]);
    await saveScores(db, 'm@1', 120, [score('a', 20, 'red')]);
    const [h] = await loadScoreHistory(db, 'a', 'm@1');
    expect(h.days).toEqual(Int32Array.from([100, 110, 120]));
    expect(h.scores).toEqual(Float32Array.from([50, 55, 20]));
    expect([...h.bands].map(bandFromCode)).toEqual(['amber', 'amber', 'red']);
    // Backfilling day 110 did not replace the current score of day 120.
    expect(await getCurrentScore(db, 'a')).toMatchObject({ asOfDay: 120, score: 20 });
  });

  it('with the scoring day of a whole-book rescore, replaces later current scores and stores it', async () => {
    const db = freshDb();
    await saveScores(db, 'm@1', 120, [score('a', 60)]);
    const scoring = {
      day: 100,
      today: 120,
      basis: 'newest-data' as const,
      newestDataDay: 100,
      lookbackDays: 10,
    };
    await saveScores(db, 'm@1', 100, [score('a', 50)], [], scoring);
    expect(await getCurrentScore(db, 'a')).toMatchObject({ asOfDay: 100, score: 50 });
    expect(await getSetting(db, SCORING_DAY_SETTING)).toEqual(scoring);
    // The later snapshot stays in the history; the current score's sparkline stops at its day.
    const [h] = await loadScoreHistory(db, 'a', 'm@1');
    expect(h.days).toEqual(Int32Array.of(100, 120));
    expect((await getCurrentScore(db, 'a'))?.summary.sparkDays).toEqual([100]);
  });

  it('keeps other model versions untouched', async () => {
    const db = freshDb();
    await saveScores(db, 'm@1', 100, [score('a', 50)]);
    await saveScores(db, 'm@2', 100, [score('a', 90, 'green')]);
    await saveScores(db, 'm@2', 107, [score('a', 91, 'green')]);
    const all = await loadScoreHistory(db, 'a');
    expect(all.map((h) => h.modelKey)).toEqual(['m@1', 'm@2']);
    expect(all[0].scores).toEqual(Float32Array.of(50));
    expect(all[1].days).toEqual(Int32Array.of(100, 107));
    expect(await getCurrentScore(db, 'a')).toMatchObject({ modelKey: 'm@2', score: 91 });
  });

  it('stores an unscored account as current but adds no snapshot for it', async () => {
    const db = freshDb();
    await saveScores(db, 'm@1', 100, [{ ...score('a', 0), score: null, band: null, coverage: 0 }]);
    expect(await getCurrentScore(db, 'a')).toMatchObject({ score: null, band: null });
    expect(await loadScoreHistory(db, 'a')).toEqual([]);
  });

  it('saves a backfilled history with today in the same transaction, one write per record', async () => {
    const db = freshDb();
    const backfill = (accountId: string) => ({
      accountId,
      days: Int32Array.of(93, 100, 107),
      scores: Float32Array.of(30, 35, 42),
      bands: Uint8Array.of(0, 0, 1),
      coverage: Float32Array.of(1, 1, 1),
    });
    let historyWrites = 0;
    db.scoreHistory.hook('creating', () => void historyWrites++);
    db.scoreHistory.hook('updating', () => void historyWrites++);
    // "b" is unscored today but keeps its earlier snapshots.
    await saveScores(
      db,
      'm@1',
      114,
      [score('a', 50), { ...score('b', 0), score: null, band: null }],
      [backfill('a'), backfill('b')],
    );
    const [a] = await loadScoreHistory(db, 'a', 'm@1');
    expect(a.days).toEqual(Int32Array.of(93, 100, 107, 114));
    expect(a.scores).toEqual(Float32Array.of(30, 35, 42, 50));
    const [b] = await loadScoreHistory(db, 'b', 'm@1');
    expect(b.days).toEqual(Int32Array.of(93, 100, 107));
    expect(historyWrites).toBe(2);
    expect((await getCurrentScore(db, 'a'))?.summary).toMatchObject({
      sparkDays: [93, 100, 107, 114],
      bandLastWeek: 'amber',
    });
    expect((await getCurrentScore(db, 'b'))?.summary.sparkDays).toEqual([93, 100, 107]);
  });

  it('rejects a misaligned backfill and writes nothing', async () => {
    const db = freshDb();
    const bad = {
      accountId: 'a',
      days: Int32Array.of(1, 2),
      scores: Float32Array.of(1),
      bands: Uint8Array.of(1, 1),
      coverage: Float32Array.of(1, 1),
    };
    await expect(saveScores(db, 'm@1', 9, [score('a', 5)], [bad])).rejects.toBeInstanceOf(
      InvalidSeriesError,
    );
    expect(await db.currentScores.count()).toBe(0);
  });
});

describe('appendScoreHistory', () => {
  it('merges many days at once', async () => {
    const db = freshDb();
    await saveScores(db, 'm@1', 14, [score('a', 40)]);
    await appendScoreHistory(db, 'm@1', [
      {
        accountId: 'a',
        days: Int32Array.of(0, 7, 14),
        scores: Float32Array.of(10, 20, 30),
        bands: Uint8Array.of(0, 0, 1),
        coverage: Float32Array.of(1, 1, 1),
      },
    ]);
    const [h] = await loadScoreHistory(db, 'a', 'm@1');
    expect(h.days).toEqual(Int32Array.of(0, 7, 14));
    expect(h.scores).toEqual(Float32Array.of(10, 20, 30));
  });

  it('rejects misaligned columns', async () => {
    const db = freshDb();
    const bad = {
      accountId: 'a',
      days: Int32Array.of(1, 2),
      scores: Float32Array.of(1),
      bands: Uint8Array.of(1, 1),
      coverage: Float32Array.of(1, 1),
    };
    await expect(appendScoreHistory(db, 'm@1', [bad])).rejects.toBeInstanceOf(InvalidSeriesError);
    expect(await db.scoreHistory.count()).toBe(0);
  });
});
