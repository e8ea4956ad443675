// The demo load on fake-indexeddb: the book is written while it is scored, then the scores and
// the whole backfilled history are saved in one go; a failed write leaves the old book alone.
import { afterEach, describe, expect, it } from 'vitest';
import { closeDb, eraseAllData, getDb } from '../../db';
import { makeAccount, makeSeries } from '../../db/testing/factories';
import { failWritesTo, quotaError } from '../../db/testing/failures';
import { isoToDay } from '../../engine/dates';
import loadDemo from './load-demo';
import rescore from './rescore';

const TODAY = isoToDay('2026-11-23')!;

afterEach(() => closeDb());

describe('loadDemo', () => {
  it('stores the book, a current score per account and its two-year weekly history', async () => {
    await eraseAllData(getDb());
    const progress: string[] = [];
    const summary = await loadDemo({ todayDay: TODAY, accounts: 24 }, (p) =>
      progress.push(p.label),
    );
    const db = getDb();
    const [accounts, current, details, history] = await Promise.all([
      db.accounts.toArray(),
      db.currentScores.toArray(),
      db.scoreDetails.count(),
      db.scoreHistory.toArray(),
    ]);
    expect(accounts).toHaveLength(24);
    expect(summary.accounts).toBe(24);
    expect(current).toHaveLength(24);
    expect(details).toBe(24);
    expect(current.every((c) => c.asOfDay === TODAY && c.modelKey === summary.modelKey)).toBe(true);
    // The demo book ends today, so it is scored as of today.
    expect(summary.scoring).toMatchObject({ day: TODAY, today: TODAY, basis: 'today' });
    // Backfilled weeks plus today's snapshot, written once, in one record per account with a
    // score on any of those days (a churned account has history up to its churn, none today).
    const scored = current.filter((c) => c.score !== null);
    const scoredIds = new Set(scored.map((c) => c.accountId));
    expect(history.filter((h) => scoredIds.has(h.accountId))).toHaveLength(scored.length);
    const snapshots = history.reduce((n, h) => n + h.days.length, 0);
    expect(snapshots).toBe(summary.snapshotsAdded + scored.length);
    for (const h of history) {
      const last = h.days[h.days.length - 1];
      if (scoredIds.has(h.accountId)) expect(last).toBe(TODAY);
      else expect(last).toBeLessThan(TODAY);
      expect([...h.days]).toEqual([...h.days].sort((a, b) => a - b));
    }
    // Accounts without a score today are stale (their data stopped) or archived churns.
    for (const c of current.filter((x) => x.score === null)) {
      expect(c.summary.status === 'stale' || c.summary.archivedDay !== null).toBe(true);
    }
    // Accounts with two years of data have (nearly) every week; newer ones start with their data.
    // (Scored today: a churned account's history stops once its data is out of every window;
    // an account's first weeks have too little coverage to score, the changes needing a window
    // of data before them.)
    const live = history.filter((h) => scoredIds.has(h.accountId));
    const twoYears = live.filter((h) => h.days.length >= 90);
    expect(twoYears.length).toBeGreaterThanOrEqual(live.length / 3);
    // The sparkline comes from that history: its last 90 days, today included.
    const historyOf = new Map(history.map((h) => [h.accountId, h]));
    for (const c of scored) {
      const days = [...historyOf.get(c.accountId)!.days];
      expect(c.summary.sparkDays).toEqual(days.filter((d) => d >= TODAY - 90));
      expect(c.summary.sparkDays.at(-1)).toBe(TODAY);
      if (days.length > 1) expect(c.summary.bandLastWeek).not.toBeNull();
    }
    // The long wait for the book's write is labelled as such, not as saving scores.
    const order = ['Saving and scoring the demo book', 'Saving the book', 'Saving scores', 'Done'];
    expect(order.map((l) => progress.indexOf(l))).toEqual(
      [...order.map((l) => progress.indexOf(l))].sort((a, b) => a - b),
    );
    expect(order.every((l) => progress.includes(l))).toBe(true);
    expect(progress.at(-1)).toBe('Done');

    // Rescoring the same day adds no backfill and keeps one snapshot per day.
    const again = await rescore({ today: TODAY });
    expect(again.snapshotsAdded).toBe(0);
    const after = await db.scoreHistory.toArray();
    expect(after.reduce((n, h) => n + h.days.length, 0)).toBe(snapshots);
  });

  it('replaces an earlier book and everything scored from it', async () => {
    await eraseAllData(getDb());
    const db = getDb();
    await db.accounts.put(makeAccount('OLD-1'));
    await loadDemo({ todayDay: TODAY, accounts: 12 });
    expect(await db.accounts.get('OLD-1')).toBeUndefined();
    expect(await db.currentScores.get('OLD-1')).toBeUndefined();
    expect(await db.accounts.count()).toBe(12);
  });

  it('leaves the old book and its scores as they were when writing the new book fails', async () => {
    await eraseAllData(getDb());
    await loadDemo({ todayDay: TODAY - 7, accounts: 12 });
    const db = getDb();
    await db.series.put(makeSeries('ACC-0001', 'marker', [TODAY - 7], [1]));
    const before = {
      accounts: await db.accounts.count(),
      series: await db.series.count(),
      scores: await db.currentScores.toArray(),
      history: await db.scoreHistory.count(),
    };
    closeDb();
    const failing = getDb();
    const failure = failWritesTo(failing, 'pulses', quotaError);
    await expect(loadDemo({ todayDay: TODAY, accounts: 30 })).rejects.toThrow(/quota/i);
    failure.armed = false;
    expect(await failing.accounts.count()).toBe(before.accounts);
    expect(await failing.series.count()).toBe(before.series);
    expect(await failing.currentScores.toArray()).toEqual(before.scores);
    expect(await failing.scoreHistory.count()).toBe(before.history);
  });
});
