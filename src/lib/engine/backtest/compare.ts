// Two model versions side by side on the same outcomes: every metric for each, and the
// outcomes whose band differs between them.
import type { ModelDocument } from '../model/schema';
import type { PreparedBook } from '../score/prepare';
import type { Band } from '../types';
import { BAND_CODES } from './bands';
import { runBacktest, type BacktestOptions, type BacktestResult } from './run';

/** One outcome whose band at prediction time differs between the two versions. */
export interface BandChange {
  accountId: string;
  outcomeDay: number;
  horizonDays: number;
  churned: boolean;
  before: { score: number; band: Band };
  after: { score: number; band: Band };
}

/** The comparison of two versions. */
export interface ModelComparison {
  before: BacktestResult;
  after: BacktestResult;
  /** Per horizon: outcomes scored by both versions. */
  commonOutcomes: number[];
  bandChanges: BandChange[];
}

/**
 * Backtests both versions over the same outcomes and lists band changes. Metrics are each
 * version's own; the band-change list covers outcomes both versions could score.
 */
export function compareModels(
  prepared: PreparedBook,
  before: ModelDocument,
  after: ModelDocument,
  options: Omit<BacktestOptions, 'fit'> = {},
): ModelComparison {
  const a = runBacktest(prepared, before, options);
  const b = runBacktest(prepared, after, options);
  const bandChanges: BandChange[] = [];
  const commonOutcomes: number[] = [];
  a.scored.forEach((sa, h) => {
    const sb = b.scored[h];
    const key = (id: string, d: number) => `${id}\u0000${d}`;
    const indexB = new Map<string, number>();
    sb.rows.accountIds.forEach((id, i) => indexB.set(key(id, sb.rows.outcomeDays[i]), i));
    let common = 0;
    sa.rows.accountIds.forEach((id, i) => {
      const j = indexB.get(key(id, sa.rows.outcomeDays[i]));
      if (j === undefined) return;
      common++;
      if (sa.bandCodes[i] === sb.bandCodes[j]) return;
      bandChanges.push({
        accountId: id,
        outcomeDay: sa.rows.outcomeDays[i],
        horizonDays: sa.rows.horizonDays,
        churned: sa.rows.y[i] === 1,
        before: { score: sa.scores[i], band: BAND_CODES[sa.bandCodes[i]] },
        after: { score: sb.scores[j], band: BAND_CODES[sb.bandCodes[j]] },
      });
    });
    commonOutcomes.push(common);
  });
  return { before: a, after: b, commonOutcomes, bandChanges };
}
