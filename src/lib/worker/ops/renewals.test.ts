// The renewals op on the demo book in a real (fake-indexeddb) database: without a backtest no
// probability is claimed; after one, each renewal's probability is the stored calibration of
// its nearest horizon and the months' expected churned ARR sums them; ARR at risk is read from
// the active model's score history as it was on each day.
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_TODAY_ISO } from '../../../../tests/setup';
import { getActiveModel, getDb, loadScoreHistory } from '../../db';
import { bandOnDay } from '../../engine';
import { mappedProbability } from '../../engine/backtest';
import { isoToDay } from '../../engine/dates';
import backtest from './backtest';
import loadDemo from './load-demo';
import renewals from './renewals';
import type { StoredBacktest } from './backtest-summary';

const TODAY = isoToDay(FIXED_TODAY_ISO)!;

describe('renewals op on the demo book', () => {
  beforeAll(async () => {
    await loadDemo({ todayDay: TODAY });
  }, 60_000);

  it('lists twelve months of live renewals and claims no probability before a backtest', async () => {
    const data = await renewals({ today: TODAY });
    expect(data.backtest).toBeNull();
    expect(data.view.months).toHaveLength(12);
    expect(data.view.expected).toBeNull();
    const rows = data.view.months.flatMap((m) => m.rows);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((r) => r.p === null)).toBe(true);
    expect(rows.every((r) => r.renewalDay >= TODAY)).toBe(true);
    // Archived (churned) accounts have no renewal to come.
    const db = getDb();
    const churned = new Set(
      (await db.outcomes.toArray()).filter((o) => o.outcome === 'churned').map((o) => o.accountId),
    );
    const current = new Map((await db.currentScores.toArray()).map((c) => [c.accountId, c]));
    for (const r of rows) {
      expect(current.get(r.accountId)?.summary.archivedDay ?? null).toBeNull();
      expect(r.band).toBe(current.get(r.accountId)?.band ?? null);
    }
    expect(churned.size).toBeGreaterThan(0);
  });

  it('uses the last backtest’s calibration once there is one', async () => {
    await backtest({ modelKey: null, horizons: [30, 60, 90], excludeUnavoidable: false });
    const data = await renewals({ today: TODAY });
    expect(data.backtest?.horizons.map((h) => h.horizonDays)).toEqual([30, 60, 90]);
    expect(data.backtest?.inSample).toBe(false);
    const stored = (await getActiveModel(getDb()))!.backtest as StoredBacktest;
    const rows = data.view.months.flatMap((m) => m.rows);
    let checked = 0;
    for (const r of rows) {
      if (r.status !== 'scored') {
        expect(r.p).toBeNull();
        continue;
      }
      const h = stored.horizons.find((x) => x.horizon_days === r.horizonDays)!;
      const nearest = [30, 60, 90].reduce((best, x) =>
        Math.abs(x - r.daysAhead) < Math.abs(best - r.daysAhead) ||
        (Math.abs(x - r.daysAhead) === Math.abs(best - r.daysAhead) && x > best)
          ? x
          : best,
      );
      expect(r.horizonDays).toBe(nearest);
      expect(r.p).toBeCloseTo(mappedProbability(h.calibration!, r.score!), 12);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
    const month = data.view.months.find((m) => m.rows.length > 0)!;
    const sum = month.rows.reduce((s, r) => s + (r.p !== null && r.arr ? r.p * r.arr : 0), 0);
    expect(month.expected!.expected).toBeCloseTo(sum, 6);
    expect(month.expected!.low).toBeLessThanOrEqual(month.expected!.expected);
    expect(month.expected!.high).toBeGreaterThanOrEqual(month.expected!.expected);
  });

  it('reads ARR at risk from the active model’s score history, month by month', async () => {
    const data = await renewals({ today: TODAY });
    const { points, endDay } = data.atRisk;
    expect(points).toHaveLength(13);
    expect(points.at(-1)!.day).toBe(endDay);
    expect(points.some((p) => p.red.accounts > 0)).toBe(true);
    // Recount the last point from the stored history and accounts.
    const db = getDb();
    const active = (await getActiveModel(db))!;
    const accounts = await db.accounts.toArray();
    const archived = new Set(
      (await db.currentScores.toArray())
        .filter((c) => c.summary.archivedDay != null && c.summary.archivedDay <= endDay)
        .map((c) => c.accountId),
    );
    let red = 0;
    let redArr = 0;
    for (const a of accounts) {
      const [h] = await loadScoreHistory(db, a.id, active.key);
      if (!h || archived.has(a.id)) continue;
      const band = bandOnDay(
        {
          accountId: a.id,
          historyDays: h.days,
          historyBands: h.bands,
          arrDays: null,
          arrValues: null,
          arrToday: a.arr,
          outcomes: [],
        },
        endDay,
      );
      if (band === 'red') {
        red++;
        redArr += a.arr ?? 0;
      }
    }
    expect(points.at(-1)!.red).toEqual({ accounts: red, arr: redArr });
  });
});
