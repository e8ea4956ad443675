// Horizon 0 (same day) and the outcomes a horizon drops for lack of earlier data: a seeded
// snapshot-like book (one observation per account, dated on the day of its outcome).
import { describe, expect, it } from 'vitest';
import { ymdToDay } from '../dates';
import { DEFAULT_MODEL, parseModelOrThrow, prepareBook } from '../index';
import type { ModelDocument } from '../model/schema';
import { createRandom } from '../random';
import type { Book } from '../types';
import { FitInputError, fitModel } from './fit-model';
import { horizonCoverage, onlySameDay, SAME_DAY_WARNING } from './horizon';
import { rocAuc } from './ranking';
import { runBacktest } from './run';
import { syntheticBacktestBook } from './synthetic';

const DAY = ymdToDay(2025, 6, 30);

/** 400 accounts; churners use less (with noise), every observation and outcome on `DAY`. */
function snapshotBook(observationDay = DAY): Book {
  const random = createRandom(7);
  const book: Book = { accounts: [], series: [], outcomes: [], pulses: [], overrides: [] };
  for (let i = 0; i < 400; i++) {
    const id = `c${i}`;
    const churned = random.chance(0.3);
    book.accounts.push({
      id,
      name: id,
      segment: null,
      arr: null,
      seats: null,
      contractStart: null,
      renewalDate: null,
      owner: null,
      attributes: { plan: random.pick(['basic', 'pro']) },
    });
    book.series.push({
      accountId: id,
      metric: 'usage',
      days: Int32Array.of(observationDay),
      values: Float64Array.of((churned ? 30 : 60) + 25 * random.normal()),
    });
    book.outcomes.push({
      accountId: id,
      day: DAY,
      outcome: churned ? 'churned' : 'renewed',
      reason: null,
      avoidable: null,
    });
  }
  return book;
}

/** One measure on the latest usage (linear 0 → 100 points), plus an optional attribute measure. */
function usageModel(withAttribute = false): ModelDocument {
  const measure = (id: string, source: object, scoring: object) => ({
    id,
    name: id,
    weight: 50,
    source,
    scoring,
    horizon: 'leading',
    nature: 'activity',
  });
  return parseModelOrThrow({
    ...DEFAULT_MODEL,
    id: 'usage-only',
    name: 'Usage only',
    patterns: [],
    contexts: [],
    groups: [
      {
        id: 'usage',
        name: 'Usage',
        weight: 100,
        measures: [
          measure(
            'usage',
            { kind: 'aggregate', metric: 'usage', agg: 'latest', windowDays: 365 },
            { type: 'linear', red: 0, green: 100 },
          ),
          ...(withAttribute
            ? [
                measure(
                  'plan',
                  { kind: 'attribute', attribute: 'plan' },
                  { type: 'categorical', points: { basic: 40, pro: 60 }, otherwise: 50 },
                ),
              ]
            : []),
        ],
      },
    ],
  });
}

describe('horizon 0 (same day)', () => {
  const book = snapshotBook();
  const prepared = prepareBook(book);
  const model = usageModel();
  const result = runBacktest(prepared, model, { horizons: [0] });
  const r = result.reports[0];
  const churned = book.outcomes.filter((o) => o.outcome === 'churned').length;

  it('scores every outcome on its own day and measures separation', () => {
    expect(r.horizon_days).toBe(0);
    expect(r.n_outcomes).toBe(400);
    expect(r.n_churned).toBe(churned);
    // The planted difference (30 against 60, noise 25) separates well but not perfectly.
    expect(r.auc!).toBeGreaterThan(0.72);
    expect(r.auc!).toBeLessThan(0.85);
    const y = result.predictions[0].map((p) => p.y);
    expect(r.auc).toBeCloseTo(
      rocAuc(
        y,
        result.predictions[0].map((p) => p.p),
      ),
      12,
    );
    expect(result.predictions[0].every((p) => p.day === DAY)).toBe(true);
  });

  it('is labelled weaker evidence, and reports lead time as not applicable', () => {
    expect(r.warnings[0]).toBe(SAME_DAY_WARNING);
    expect(r.warnings[0]).toMatch(/weaker evidence than a point-in-time horizon/);
    expect(r.lead_time_days).toEqual({ median: null, p25: null, p75: null });
    expect(r.details.lead_time).toMatchObject({ applicable: false, nFlagged: 0, histogram: [] });
    expect(r.details.data_coverage).toMatchObject({
      outcomes: 400,
      byPredictionDay: 400,
      beforeOutcomeDay: 0,
      scored_without_dated_data: 0,
    });
    // A point-in-time horizon keeps its lead time.
    const pit = runBacktest(prepareBook(syntheticBacktestBook(200, 3)), DEFAULT_MODEL, {
      horizons: [0, 60],
    }).reports;
    expect(pit[0].details.lead_time.applicable).toBe(false);
    expect(pit[1].details.lead_time.applicable).toBe(true);
    expect(pit[1].warnings).not.toContain(SAME_DAY_WARNING);
  });

  it('is point-in-time: data dated after the outcome day changes nothing', () => {
    // Later observations that would invert the ranking (churners suddenly heavy users).
    const later: Book = {
      ...book,
      series: book.series.map((s, i) => ({
        ...s,
        days: Int32Array.of(DAY, DAY + 1, DAY + 30),
        values: Float64Array.of(
          s.values[0],
          book.outcomes[i].outcome === 'churned' ? 500 : 0,
          book.outcomes[i].outcome === 'churned' ? 500 : 0,
        ),
      })),
    };
    const again = runBacktest(prepareBook(later), model, { horizons: [0] });
    expect(again.predictions[0]).toEqual(result.predictions[0]);
    expect(again.reports[0].auc).toBe(r.auc);
  });

  it('uses data dated on the outcome day, and nothing later', () => {
    const dayAfter = runBacktest(prepareBook(snapshotBook(DAY + 1)), model, { horizons: [0] })
      .reports[0];
    expect(dayAfter.n_outcomes).toBe(0);
    expect(dayAfter.details.excluded.unscored).toBe(400);
  });

  it('rejects a negative horizon', () => {
    expect(() => runBacktest(prepared, model, { horizons: [-1] })).toThrow(/≥ 0/);
  });

  it('fits on the same day; a point-in-time fit says only a same-day fit is possible', () => {
    const fit = fitModel(prepared, { horizonDays: 0, baseModel: model, folds: 5 });
    expect(fit.outOfSample.n_outcomes).toBe(400);
    // Binned into a scorecard the one measure loses a little of its raw 0.77.
    expect(fit.outOfSample.auc!).toBeGreaterThan(0.65);
    expect(fit.baseline!.auc).toBe(r.auc);
    expect(fit.warnings).toContain(SAME_DAY_WARNING);
    expect(fit.outOfSample.details.lead_time.applicable).toBe(false);
    expect(fit.model.description).toMatch(/same day \(horizon 0/);
    expect(() => fitModel(prepared, { horizonDays: 30, baseModel: model })).toThrow(FitInputError);
    expect(() => fitModel(prepared, { horizonDays: 30, baseModel: model })).toThrow(
      /fit at horizon 0 \(same day\) instead/,
    );
  });
});

describe('outcomes a horizon drops for lack of earlier data', () => {
  it('a snapshot dated on its outcomes’ day can only be tested on the same day, and says so', () => {
    const book = snapshotBook();
    const coverage = horizonCoverage(book, [0, 30]);
    expect(coverage.map((c) => onlySameDay(c.coverage))).toEqual([true, true]);
    expect(coverage[1].coverage).toMatchObject({ outcomes: 400, byPredictionDay: 0 });
    const r = runBacktest(prepareBook(book), usageModel(), { horizons: [30] }).reports[0];
    expect(r.n_outcomes).toBe(0);
    expect(r.warnings[0]).toBe(
      '400 of 400 outcomes were left out: the account had no data yet on the prediction day, 30 days before the outcome. No outcome in this book has data dated before its own day (for example a snapshot dated on the day of its outcomes), so only a same-day test (horizon 0) is possible.',
    );
    // Nothing scored: no "Only 0 churned accounts" sentence on top of the real reason.
    expect(r.warnings.join(' ')).not.toMatch(/Only 0 churned/);
    expect(r.warnings).toHaveLength(1);
  });

  it('says when outcomes were scored from undated attributes alone', () => {
    const r = runBacktest(prepareBook(snapshotBook()), usageModel(true), { horizons: [60] })
      .reports[0];
    expect(r.n_outcomes).toBe(400);
    expect(r.warnings).toEqual([
      'No outcome in this book has data dated before its own day (for example a snapshot dated on the day of its outcomes), so only a same-day test (horizon 0) is possible.',
      '400 scored outcomes have no signal or pulse dated on or before the prediction day: their scores come only from account attributes, which carry no date and may describe the account as it was at the outcome.',
    ]);
  });

  it('points to a shorter horizon when most outcomes have data only after the prediction day', () => {
    const base = snapshotBook();
    const book: Book = {
      ...base,
      series: base.series.map((s) => ({ ...s, days: Int32Array.of(DAY - 20) })),
    };
    expect(onlySameDay(horizonCoverage(book, [30])[0].coverage)).toBe(false);
    const [r30, r10] = runBacktest(prepareBook(book), usageModel(), {
      horizons: [30, 10],
    }).reports;
    expect(r30.warnings[0]).toBe(
      '400 of 400 outcomes were left out: the account had no data yet on the prediction day, 30 days before the outcome. 400 of them have data only after the prediction day and on or before the outcome day: a shorter horizon keeps more of them.',
    );
    expect(r10.n_outcomes).toBe(400);
    expect(r10.warnings).toEqual([]);
  });

  it('says when the account had data but the model reads none of it', () => {
    const r = runBacktest(prepareBook(snapshotBook()), DEFAULT_MODEL, { horizons: [0] }).reports[0];
    expect(r.n_outcomes).toBe(0);
    expect(r.warnings).toEqual([
      SAME_DAY_WARNING,
      "400 of 400 outcomes were left out although the account had data by the prediction day: none of the model's measures reads it (does the model use this book's metrics and attributes?).",
    ]);
  });

  it('a book with history is not same-day only', () => {
    const coverage = horizonCoverage(syntheticBacktestBook(100, 2), [0, 30, 60, 90]);
    expect(coverage.some((c) => onlySameDay(c.coverage))).toBe(false);
    expect(coverage[3].coverage.byPredictionDay).toBeGreaterThan(0);
  });
});
