import { describe, expect, it } from 'vitest';
import { ymdToDay } from '../dates';
import { DEFAULT_MODEL } from '../model/presets';
import { bandOf, scoreAccount, scoreBook } from './account';
import { demoWeeklySeries, makeAccount, makeBook } from './book-factory';
import { topDrivers } from './explain';
import { prepareBook } from './prepare';

const MON = ymdToDay(2026, 11, 23);
const W = 30;
const weeks = (f: (weeksAgo: number) => number) =>
  Array.from({ length: W }, (_, i) => f(W - 1 - i));
const mature = { segment: 'Mid-Market', contractStart: MON - 700, renewalDate: MON + 200 };

const book = makeBook({
  accounts: [
    makeAccount({ id: 'healthy', name: 'Healthy Co', ...mature }),
    makeAccount({ id: 'busy', name: 'Busy Co', ...mature }),
    makeAccount({ id: 'drift', name: 'Drift Co', ...mature, renewalDate: MON + 32 }),
    makeAccount({ id: 'empty', name: 'Empty Co', ...mature }),
  ],
  series: [
    ...demoWeeklySeries('healthy', MON, W),
    // The seeds' case: strong usage, a champion silent for six weeks, no QBR or meeting at all.
    ...demoWeeklySeries('busy', MON, W, {
      champion_replies: weeks((ago) => (ago < 6 ? 0 : 2)),
      qbr: weeks(() => 0),
      meetings: weeks(() => 0),
      nps: weeks((ago) => (ago === 6 ? 6 : NaN)),
      csat: weeks((ago) => (ago % 4 === 0 ? 3.9 : NaN)),
    }),
    // The seeds' silent-champion-before-renewal case: usage down 38%, champion silent 21 days.
    ...demoWeeklySeries('drift', MON, W, {
      active_users: weeks((ago) => (ago < 4 ? 10 : 16)),
      champion_replies: weeks((ago) => (ago < 3 ? 0 : 2)),
    }),
  ],
});
const prepared = prepareBook(book);
const withoutPatterns = { ...DEFAULT_MODEL, patterns: [] };

describe('scoreAccount on the default model', () => {
  it('scores a healthy account green with full points and names its strengths', () => {
    const s = scoreAccount(prepared, DEFAULT_MODEL, 'healthy', MON);
    expect(s.score).toBe(100);
    expect(s.band).toBe('green');
    // The CSM pulse has no entry: skipped, so coverage is the rest of the weight.
    expect(s.coverage).toBeCloseTo(1 - 0.15 * (30 / 100), 12);
    expect(s.stage).toBe('mature');
    expect(s.trend).toMatchObject({ direction: 'flat', change: 0, previousScore: 100 });
    expect(s.explanation).toBe(
      'Green 100, steady over 30 days: 80% of licensed seats are active, no invoice is overdue and active users held steady over four weeks.',
    );
  });

  it('does not let a plain average of 72 hide a silent champion and a missed QBR', () => {
    expect(scoreAccount(prepared, withoutPatterns, 'busy', MON)).toMatchObject({
      score: 72,
      band: 'green',
      patterns: [],
    });
    const s = scoreAccount(prepared, DEFAULT_MODEL, 'busy', MON);
    expect(s.scoreBeforePatterns).toBe(72);
    expect(s.score).toBe(70);
    expect(s.band).toBe('amber');
    expect(s.patterns.map((p) => p.name)).toEqual(['Busy product, silent champion, missed QBR']);
    expect(s.explanation).toBe(
      "Amber 70, down 6 in 30 days: no customer meetings in eight weeks, no QBR for 203 days and the champion has not replied in 42 days. Matches 'Busy product, silent champion, missed QBR'.",
    );
  });

  it('fires the seeds’ silent-champion-before-renewal pattern and explains it', () => {
    const s = scoreAccount(prepared, DEFAULT_MODEL, 'drift', MON);
    expect(s.stage).toBe('renewal');
    expect(s.contexts).toEqual(['renewal']);
    expect(s.scoreBeforePatterns).toBe(78);
    expect(s.score).toBe(68);
    expect(s.trend).toMatchObject({ direction: 'down', change: -32, previousScore: 100 });
    expect(s.explanation).toBe(
      "Amber 68, down 32 in 30 days: active users fell 38% over four weeks, only 50% of licensed seats are active and the champion has not replied in 21 days; renewal in 32 days. Matches 'Silent champion before renewal'.",
    );
  });

  it('names the three biggest point losses when not green, the three biggest gains when green', () => {
    const busy = scoreAccount(prepared, DEFAULT_MODEL, 'busy', MON);
    const byLoss = busy.measures
      .filter((m) => !m.missing && m.lost >= 1)
      .sort((a, b) => b.lost - a.lost)
      .map((m) => m.measureId);
    // More measures lost points than are named: the explanation keeps the three largest.
    expect(byLoss.length).toBeGreaterThan(3);
    expect(topDrivers(busy).map((m) => m.measureId)).toEqual(byLoss.slice(0, 3));
    expect(topDrivers(busy, 1).map((m) => m.measureId)).toEqual(byLoss.slice(0, 1));
    // Green at 100: the biggest gains are the largest shares; equal points keep the model's
    // order (a stable sort), so the text never depends on anything but the score.
    const healthy = scoreAccount(prepared, DEFAULT_MODEL, 'healthy', MON);
    const byGain = healthy.measures
      .filter((m) => !m.missing && m.points >= 1)
      .sort((a, b) => b.points - a.points)
      .map((m) => m.measureId);
    expect(byGain.length).toBeGreaterThan(3);
    expect(topDrivers(healthy).map((m) => m.measureId)).toEqual(byGain.slice(0, 3));
  });

  it('reports every group and measure contribution, summing to the score', () => {
    const s = scoreAccount(prepared, DEFAULT_MODEL, 'drift', MON);
    const points = s.measures.reduce((t, m) => t + m.points, 0);
    expect(points).toBeCloseTo(78.26, 2);
    expect(s.groups.reduce((t, g) => t + g.points, 0)).toBeCloseTo(points, 9);
    expect(s.groups.reduce((t, g) => t + g.share, 0)).toBeCloseTo(1, 12);
    const seats = s.measures.find((m) => m.measureId === 'seat_utilisation')!;
    expect(seats).toMatchObject({
      value: 0.5,
      valueText: '50%',
      measureScore: 40,
      missing: false,
      bestValue: 0.8,
    });
    expect(seats.lost).toBeCloseTo(seats.maxPoints * 0.6, 9);
    const pulse = s.measures.find((m) => m.measureId === 'csm_pulse')!;
    expect(pulse).toMatchObject({ missing: true, maxPoints: 0, points: 0, valueText: 'no data' });
    expect(s.groups.find((g) => g.groupId === 'relationship')!.share).toBeCloseTo(25 / 110, 12);
  });

  it('gives no score, and says so, when nothing in the model has data', () => {
    const s = scoreAccount(prepared, DEFAULT_MODEL, 'empty', MON);
    expect(s).toMatchObject({ score: null, band: null, coverage: 0 });
    expect(s.trend).toMatchObject({ direction: 'unknown', reason: 'no score today' });
    expect(s.explanation).toBe("No score: none of the model's measures has data as of 2026-11-23.");
  });

  it('reports an unknown trend, with the reason, before there is history', () => {
    const early = MON - 7 * (W - 2);
    const s = scoreAccount(prepared, DEFAULT_MODEL, 'healthy', early);
    expect(s.trend).toMatchObject({
      direction: 'unknown',
      change: null,
      reason: 'no data on or before 2026-04-11',
    });
    expect(s.explanation.startsWith(`Green ${s.score}, no 30-day trend yet`)).toBe(true);
  });

  it('scoreBook scores every account exactly as scoreAccount does', () => {
    const all = scoreBook(prepared, DEFAULT_MODEL, MON);
    expect(all.map((s) => s.accountId)).toEqual(['healthy', 'busy', 'drift', 'empty']);
    for (const s of all) expect(s).toEqual(scoreAccount(prepared, DEFAULT_MODEL, s.accountId, MON));
  });

  it('maps scores to bands with inclusive upper bounds', () => {
    const bands = { redMax: 30, amberMax: 70 };
    expect([0, 30, 31, 70, 71, 100].map((x) => bandOf(x, bands))).toEqual([
      'red',
      'red',
      'amber',
      'amber',
      'green',
      'green',
    ]);
  });
});
