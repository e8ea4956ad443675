// "Build a model from your data" with outcomes: the proposal fitted as a scorecard (its
// directions now taken from the data), tested out of sample against the model in use.
import { scoringDirection } from '../model/direction';
import type { ModelDocument } from '../model/schema';
import type { PreparedBook } from '../score/prepare';
import { fitModel, type FitModelOptions, type FitModelResult } from './fit-model';
import type { Proposal, ProposedMeasure } from './propose';

/** The proposal's measures as the fit left them (direction from the fitted points). */
export function fittedMeasures(
  measures: readonly ProposedMeasure[],
  fitted: ModelDocument,
): ProposedMeasure[] {
  const byId = new Map(fitted.groups.flatMap((g) => g.measures).map((m) => [m.id, m]));
  return measures.map((m) => {
    const f = byId.get(m.id);
    if (!f || f.weight === 0) return { ...m, inModel: false };
    return {
      ...m,
      direction: scoringDirection(f.scoring),
      directionFrom: 'outcomes',
      matched: null,
    };
  });
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
