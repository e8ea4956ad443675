// "What would move it": for each measure of one account that loses points (or has no data),
// rescore the account with that measure's value set to the value at which it scores best
// (its green threshold, target edge or top tier) and report the score it would then have.
// The measure keeps its own scoring, context overrides and pattern conditions; only its raw
// value changes, so pattern caps still apply ("+0: a pattern caps the band").
import {
  prepareBook,
  scoreAccount,
  type AccountScore,
  type ModelDocument,
  type PreparedBook,
} from '../../engine';
import type { Account, Book, DayNumber } from '../../engine/types';
import { getDb, loadBook, loadAccountBook } from '../../db';
import { InputError } from '../errors';
import type { ProgressFn } from '../progress';
import { ensureActiveModel } from './active-model';

/** Which account to explore, as of which day. */
export interface WhatIfRequest {
  accountId: string;
  asOfDay: DayNumber;
}

/** The score one measure would give if it reached its best value. */
export interface MeasureWhatIf {
  measureId: string;
  /** The raw value the measure was set to. */
  bestValue: number;
  /** That value as people read it ("70%", "7 days"). */
  bestValueText: string;
  /** The account's score with the measure at its best value (null if unscorable). */
  scoreIfBest: number | null;
  /** scoreIfBest minus the current score (0 when a pattern or the ceiling holds it). */
  gain: number;
}

/** The what-if analysis of one account. */
export interface WhatIfResult {
  accountId: string;
  asOfDay: DayNumber;
  modelKey: string;
  /** The score the analysis started from (same model, same day). */
  score: number | null;
  measures: MeasureWhatIf[];
}

/** A measure loses points worth exploring when it gives up at least half a point or has no data. */
const MIN_LOST = 0.5;

const attributeName = (measureId: string) => `__whatIf:${measureId}`;

/** The model with one measure reading a fixed per-account attribute instead of its source. */
function withFixedMeasure(model: ModelDocument, measureId: string): ModelDocument {
  return {
    ...model,
    groups: model.groups.map((g) => ({
      ...g,
      measures: g.measures.map((m) =>
        m.id === measureId
          ? { ...m, source: { kind: 'attribute' as const, attribute: attributeName(measureId) } }
          : m,
      ),
    })),
  };
}

/**
 * Scores `accountId` once as it is and once per improvable measure with that measure at its
 * best value. `book` must hold the account; pure (used by the worker op and its tests).
 */
export function whatIfScores(
  book: Book,
  model: ModelDocument,
  accountId: string,
  asOfDay: DayNumber,
): { base: AccountScore; measures: MeasureWhatIf[] } {
  const base = scoreAccount(prepareBook(book), model, accountId, asOfDay);
  const candidates = base.measures.filter(
    (m) => m.bestValue !== null && (m.missing || m.lost >= MIN_LOST),
  );
  if (candidates.length === 0) return { base, measures: [] };
  // One prepared book serves every candidate: the account carries one fixed attribute each.
  const fixed: Record<string, number> = {};
  for (const c of candidates) fixed[attributeName(c.measureId)] = c.bestValue!;
  const accounts: Account[] = book.accounts.map((a) =>
    a.id === accountId ? { ...a, attributes: { ...a.attributes, ...fixed } } : a,
  );
  const prepared: PreparedBook = prepareBook({ ...book, accounts });
  const measures = candidates.map((c): MeasureWhatIf => {
    const scored = scoreAccount(prepared, withFixedMeasure(model, c.measureId), accountId, asOfDay);
    const changed = scored.measures.find((m) => m.measureId === c.measureId);
    const gain =
      scored.score === null || base.score === null
        ? (scored.score ?? 0)
        : Math.max(0, scored.score - base.score);
    return {
      measureId: c.measureId,
      bestValue: c.bestValue!,
      bestValueText: changed?.valueText ?? String(c.bestValue),
      scoreIfBest: scored.score,
      gain,
    };
  });
  return { base, measures };
}

function usesPercentile(model: ModelDocument): boolean {
  return (
    model.groups.some((g) => g.measures.some((m) => m.scoring.type === 'percentile')) ||
    model.contexts.some((c) => Object.values(c.scoring).some((f) => f.type === 'percentile'))
  );
}

/** Computes the what-if analysis of one account with the active model. */
export default async function whatIf(
  request: WhatIfRequest,
  _onProgress?: ProgressFn,
): Promise<WhatIfResult> {
  const db = getDb();
  const active = await ensureActiveModel(db);
  const book = usesPercentile(active.model)
    ? await loadBook(db)
    : await loadAccountBook(db, request.accountId);
  if (!book || !book.accounts.some((a) => a.id === request.accountId)) {
    throw new InputError(`Account "${request.accountId}" does not exist.`);
  }
  const { base, measures } = whatIfScores(book, active.model, request.accountId, request.asOfDay);
  return {
    accountId: request.accountId,
    asOfDay: request.asOfDay,
    modelKey: active.key,
    score: base.score,
    measures,
  };
}
