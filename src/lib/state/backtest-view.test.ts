import { describe, expect, it } from 'vitest';
import { generateDemoBook } from '../engine/demo';
import { isoToDay } from '../engine/dates';
import { DEFAULT_MODEL, prepareBook } from '../engine';
import { fitDescription, readFitDescription, runBacktest } from '../engine/backtest';
import type { ModelVersionRecord } from '../db';
import type { RenewalStatement } from '../worker/ops/backtest-summary';
import { backtestSummary } from '../worker/ops/backtest-summary';
import {
  aucReading,
  compareMetricRows,
  coverageNotes,
  baseInSampleNote,
  horizonLabel,
  inSampleNote,
  predictionDayPhrase,
  SAME_DAY_ONLY_NOTE,
  readStoredBacktest,
  renewalSentence,
  storedBacktestLine,
  versionOptions,
} from './backtest-view';

const statement = (s: Partial<RenewalStatement>): RenewalStatement => ({
  threshold: 80,
  n: 0,
  renewed: 0,
  rate: null,
  ciLow: null,
  ciHigh: null,
  enough: false,
  minOutcomes: 30,
  ...s,
});

describe('renewalSentence', () => {
  it('states the highest threshold with enough outcomes, with n and interval', () => {
    const r = renewalSentence([
      statement({ threshold: 90, n: 12, enough: false }),
      statement({
        threshold: 80,
        n: 120,
        renewed: 114,
        rate: 0.95,
        ciLow: 0.894,
        ciHigh: 0.977,
        enough: true,
      }),
    ]);
    expect(r).toEqual({
      refused: false,
      text: 'Accounts scoring 80 or more renewed 95% of the time (n = 120, 95% CI 89%–98%).',
    });
  });

  it('refuses when no threshold has enough outcomes, naming the largest n', () => {
    const r = renewalSentence([
      statement({ threshold: 90, n: 4 }),
      statement({ threshold: 50, n: 21 }),
    ]);
    expect(r.refused).toBe(true);
    expect(r.text).toContain('only 21');
    expect(r.text).toContain('at least 30');
  });
});

describe('plain readings', () => {
  it('reads AUC in words, including chance and unmeasurable', () => {
    expect(aucReading(null)).toBe('cannot be measured on this data');
    expect(aucReading(0.5)).toBe('no better than chance');
    expect(aucReading(0.8)).toBe('good');
    expect(aucReading(0.9)).toBe('strong');
  });
});

describe('stored backtests and version options', () => {
  const today = isoToDay('2026-11-23')!;
  const prepared = prepareBook(generateDemoBook({ endDay: today }));
  const result = runBacktest(prepared, DEFAULT_MODEL, { horizons: [30, 60] });
  const summary = backtestSummary(result.reports, false, Date.UTC(2026, 10, 23));

  it('reads a stored summary back and rejects unknown shapes', () => {
    expect(readStoredBacktest(JSON.parse(JSON.stringify(summary)))).toEqual(summary);
    expect(readStoredBacktest({ horizons: [] })).toBeNull();
    expect(readStoredBacktest(undefined)).toBeNull();
    expect(storedBacktestLine(null)).toBe('not backtested yet');
    expect(storedBacktestLine(summary)).toMatch(
      /^AUC 0\.\d{3} at 60 days \(\d+ outcomes, \d+ churned\)$/,
    );
  });

  it('lists versions newest first, marking the active one with its backtest', () => {
    const rec = (version: number, backtest?: unknown): ModelVersionRecord => ({
      key: `m@${version}`,
      modelId: 'm',
      version,
      name: 'Model',
      createdAt: version * 1000,
      document: {},
      backtest,
    });
    const options = versionOptions([rec(1, summary), rec(2)], 'm@2');
    expect(options.map((o) => o.label)).toEqual([
      'Model v2 (active) — not backtested yet',
      `Model v1 — ${storedBacktestLine(summary)}`,
    ]);
  });

  it('compares every headline metric with its direction', () => {
    const [a, b] = result.reports;
    const rows = compareMetricRows(a, b);
    const auc = rows.find((r) => r.label === 'ROC AUC')!;
    expect(auc.before).toBe(a.auc!.toFixed(3));
    expect(auc.better).toBe(b.auc! > a.auc! ? 'after' : 'before');
    const brier = rows.find((r) => r.label === 'Brier score')!;
    expect(brier.better).toBe(b.brier! < a.brier! ? 'after' : 'before');
    expect(rows.find((r) => r.label === 'Outcomes scored')!.better).toBeNull();
  });
});

describe('the same-day horizon on the page', () => {
  const coverage = (
    outcomes: number,
    byPrediction: Record<number, number>,
    sameDayOnly = false,
  ) => ({
    outcomes,
    sameDayOnly,
    horizons: Object.entries(byPrediction).map(([h, n]) => ({
      horizonDays: Number(h),
      coverage: {
        outcomes,
        byPredictionDay: n,
        beforeOutcomeDay: sameDayOnly ? 0 : outcomes,
        byOutcomeDay: outcomes,
      },
    })),
  });

  it('labels horizon 0 as the same day', () => {
    expect(horizonLabel(0)).toBe('same day');
    expect(horizonLabel(60)).toBe('60 days');
    expect(predictionDayPhrase(0)).toBe('on the outcome day');
    expect(predictionDayPhrase(30)).toBe('30 days before the outcome');
  });

  it('says a same-day-only book can be tested on the same day only, and how many each horizon drops', () => {
    const snapshot = coverage(7043, { 0: 7043, 30: 0, 60: 0, 90: 0 }, true);
    expect(coverageNotes(snapshot, [0])).toEqual([SAME_DAY_ONLY_NOTE]);
    expect(coverageNotes(snapshot, [0, 30])).toEqual([
      SAME_DAY_ONLY_NOTE,
      'At 30 days, 7,043 of 7,043 outcomes have no signal or pulse dated on or before their prediction day: they are left out, or scored from undated account attributes alone.',
    ]);
    // A horizon keeping most outcomes says nothing; an empty book says nothing.
    const history = coverage(200, { 0: 200, 30: 190, 60: 120, 90: 80 });
    expect(coverageNotes(history, [30, 60])).toEqual([]);
    expect(coverageNotes(history, [90])).toEqual([
      'At 90 days, 120 of 200 outcomes have no signal or pulse dated on or before their prediction day: they are left out, or scored from undated account attributes alone.',
    ]);
    expect(coverageNotes(coverage(0, {}), [0])).toEqual([]);
    expect(coverageNotes(null, [30])).toEqual([]);
  });

  it('names a same-day stored backtest and leaves lead time out of a same-day comparison', () => {
    const snapshotLike = runBacktest(
      prepareBook(generateDemoBook({ endDay: isoToDay('2026-11-23')! })),
      DEFAULT_MODEL,
      { horizons: [0] },
    );
    const summary = backtestSummary(snapshotLike.reports, false, 0);
    expect(storedBacktestLine(summary, 0)).toMatch(/^AUC 0\.\d{3} on the same day \(\d+ outcomes/);
    const [r] = snapshotLike.reports;
    const labels = compareMetricRows(r, r).map((row) => row.label);
    expect(labels).toContain('ROC AUC');
    expect(labels.some((l) => /lead time|days ahead/i.test(l))).toBe(false);
  });
});

describe('inSampleNote', () => {
  it('says a fitted version backtested on its own outcomes is in sample, with its honest AUC', () => {
    const fit = readFitDescription(
      fitDescription({ outcomes: 829, churned: 599, horizonDays: 60, auc: 0.61 }),
    );
    expect(inSampleNote(fit)).toBe(
      'In sample: this version was fitted to 829 outcomes (599 churned), scored 60 days before each. A backtest on the outcomes it was fitted to reads better than it would on outcomes it never saw. When it was fitted, its out-of-sample AUC — measured only on accounts each fit never saw — was 0.610: that is the honest figure. Suggest weights below measures it out of sample again.',
    );
    const sameDay = { outcomes: 7043, churned: 1869, horizonDays: 0, auc: null };
    expect(inSampleNote(sameDay)).toMatch(
      /^In sample: this version was fitted to 7,043 outcomes \(1,869 churned\), scored on the same day as each\. .* Suggest weights below/,
    );
    expect(inSampleNote(sameDay)).not.toContain('honest figure');
    expect(inSampleNote(null)).toBeNull();
  });
});

describe('baseInSampleNote', () => {
  it('says the refitted version is itself a fit, so its column is in sample', () => {
    const fit = { outcomes: 829, churned: 599, horizonDays: 60, auc: 0.633 };
    expect(baseInSampleNote(fit, 'Built from your data (fitted)')).toBe(
      'Built from your data (fitted) is itself a fit to 829 outcomes (599 churned): its figures below are in sample, measured on the outcomes it was fitted to, and read better than it would do on outcomes it never saw. Its out-of-sample AUC when it was fitted was 0.633.',
    );
    expect(baseInSampleNote(null, 'Five dimensions')).toBeNull();
  });
});
