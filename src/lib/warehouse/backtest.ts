// The backtest from SQL scores: the backtest query scores every outcome at outcome day −
// horizon (and the lead-time samples); this assembles the engine's own report from them,
// exactly as runBacktest does for a model without --fit.
import { BAND_CODES } from '../engine/backtest/bands';
import { dataCoverage, datedByPrediction, isSameDay } from '../engine/backtest/horizon';
import { outcomeRows, selectRows } from '../engine/backtest/outcomes';
import { buildHorizonReport, type HorizonReport } from '../engine/backtest/report';
import {
  leadTimes,
  onboardingTest,
  type PointScorer,
  type Prediction,
} from '../engine/backtest/run';
import type { ModelDocument } from '../engine/model/schema';
import { bandOf } from '../engine/score/account';
import type { Book, DayNumber } from '../engine/types';

/** Key of a (account, day) point in the SQL results. */
export const pointKey = (accountId: string, day: DayNumber) => `${accountId}\u0000${day}`;

/**
 * One horizon's report and predictions from the SQL scores of its points (unrounded final
 * scores; null = the account had no data) and each account's first dated data day (its first
 * signal or pulse; accounts without any are absent). `book` needs only accounts (ids, ARR,
 * contract start: lead-time samples in onboarding are skipped) and outcomes.
 */
export function backtestFromScores(
  book: Pick<Book, 'accounts' | 'outcomes'>,
  model: ModelDocument,
  horizonDays: number,
  scores: ReadonlyMap<string, number | null>,
  firstData: ReadonlyMap<string, DayNumber>,
  leadLookbackDays = 364,
  leadStepDays = 7,
): { report: HorizonReport; predictions: Prediction[] } {
  const scorer: PointScorer = (points) => {
    const out = Float64Array.from(points, (p) => {
      const v = scores.get(pointKey(p.accountId, p.day));
      if (v === undefined) throw new Error(`no SQL score for ${p.accountId} on day ${p.day}`);
      return v === null ? NaN : v;
    });
    const bandCodes = Uint8Array.from(out, (s) =>
      BAND_CODES.indexOf(bandOf(Math.round(s), model.bands)),
    );
    return { scores: out, bandCodes };
  };
  const all = outcomeRows({ ...book, series: [], pulses: [], overrides: [] }, horizonDays);
  const dated = datedByPrediction(all, firstData);
  const ev = scorer(
    all.accountIds.map((accountId, i) => ({ accountId, day: all.predictionDays[i] })),
  );
  const keep: number[] = [];
  ev.scores.forEach((s, i) => Number.isFinite(s) && keep.push(i));
  let unscoredWithDatedData = 0;
  ev.scores.forEach((s, i) => !Number.isFinite(s) && dated[i] && unscoredWithDatedData++);
  const rows = selectRows(all, keep);
  const kept = Float64Array.from(keep, (i) => ev.scores[i]);
  const probabilities = Float64Array.from(kept, (s) => 1 - s / 100);
  const report = buildHorizonReport({
    rows,
    scores: kept,
    probabilities,
    probability: 'one_minus_score',
    bandCodes: Uint8Array.from(keep, (i) => ev.bandCodes[i]),
    // Same day: no prediction is made ahead of the outcome, so there is no lead time.
    leadDays: isSameDay(horizonDays)
      ? null
      : leadTimes(rows, scorer, leadLookbackDays, leadStepDays, {
          onboarding: onboardingTest(book.accounts, model),
        }),
    leadLookbackDays,
    unscored: all.y.length - keep.length,
    coverage: dataCoverage(all, firstData),
    scoredWithoutDatedData: keep.reduce((n, i) => n + (dated[i] ? 0 : 1), 0),
    unscoredWithDatedData,
    extraWarnings: [],
  });
  const predictions = rows.accountIds.map((accountId, i) => ({
    accountId,
    day: rows.outcomeDays[i],
    y: rows.y[i],
    p: probabilities[i],
  }));
  return { report, predictions };
}
