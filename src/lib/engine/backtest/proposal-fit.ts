// "Build a model from your data" with outcomes: the proposal fitted as a scorecard (its
// directions now taken from the data), tested out of sample against the model in use.
import { scoringDirection } from '../model/direction';
import { formatNumber } from '../score/format';
import type { ModelDocument } from '../model/schema';
import type { PreparedBook } from '../score/prepare';
import { fitModel, type FitModelOptions, type FitModelResult } from './fit-model';
import type { Proposal, ProposedMeasure } from './propose';
import { directionSentence } from './propose-names';

/** The proposal's measures as the fit left them (direction from the fitted points). */
export function fittedMeasures(
  measures: readonly ProposedMeasure[],
  fitted: ModelDocument,
): ProposedMeasure[] {
  const byId = new Map(fitted.groups.flatMap((g) => g.measures).map((m) => [m.id, m]));
  return measures.map((m) => {
    const f = byId.get(m.id);
    if (!f || f.weight === 0) return { ...m, inModel: false };
    const direction = scoringDirection(f.scoring);
    return {
      ...m,
      direction,
      directionText: directionSentence(m.column, m.kind, direction, { binary: m.binary }),
      directionFrom: 'outcomes',
      matched: null,
    };
  });
}

/**
 * The fitted model's measures in words, heaviest first, one line each: "Tenure (months) —
 * shorter tenure → lower score; 40.7% of the score".
 */
export function fittedMeasureLines(
  measures: readonly ProposedMeasure[],
  fitted: ModelDocument,
): string[] {
  const weight = new Map(fitted.groups.flatMap((g) => g.measures).map((m) => [m.id, m.weight]));
  const total = [...weight.values()].reduce((s, w) => s + w, 0);
  return fittedMeasures(measures, fitted)
    .filter((m) => m.inModel)
    .map((m) => ({ m, w: weight.get(m.id) ?? 0 }))
    .sort((a, b) => b.w - a.w)
    .map(
      ({ m, w }) =>
        `${m.name} — ${m.directionText}; ${formatNumber((100 * w) / total, 1)}% of the score`,
    );
}

/** A fitted proposal and its evidence. */
export interface FittedProposal {
  fit: FitModelResult;
  measures: ProposedMeasure[];
}

/**
 * Fits the proposal's measures to the book's outcomes at the horizon and compares the fit with
 * `currentModel` out of sample (grouped K-fold): `fit.offered` only when it beats it.
 */
export function fitProposal(
  prepared: PreparedBook,
  proposal: Proposal,
  currentModel: ModelDocument,
  options: Omit<FitModelOptions, 'baseModel' | 'currentModel'> = {},
): FittedProposal {
  const fit = fitModel(prepared, { ...options, baseModel: proposal.model, currentModel });
  return { fit, measures: fittedMeasures(proposal.measures, fit.model) };
}
