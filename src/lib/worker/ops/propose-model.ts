// "Build a model from your data": proposes measures from every metric and attribute of the
// stored book (the engine's proposeMeasures, shared with the CLI's fit) and, with enough
// outcomes, fits them as a scorecard and tests the fit out of sample against the active model
// on the same outcomes. Without enough outcomes the proposal is scored by the book's own
// percentiles. Nothing is saved here: the page puts the result in the builder's draft.
import { prepareBook, type ModelDocument } from '../../engine';
import {
  chooseFitHorizon,
  FitInputError,
  fitProposal,
  proposeMeasures,
  type HorizonChoice,
  type HorizonReport,
  type OutOfSampleComparison,
  type OutcomeSelection,
  type ProposedMeasure,
  type SkippedColumn,
} from '../../engine/backtest';
import type { Book } from '../../engine/types';
import { getDb, loadBook } from '../../db';
import { InputError } from '../errors';
import type { ProgressFn } from '../progress';
import { ensureActiveModel } from './active-model';
import { notOfferedReasons } from './fit-reasons';

/**
 * The horizon a proposal is fitted at: the first of 60/30/90 days with enough outcomes, else
 * horizon 0 (same day: a snapshot's outcomes, weaker evidence, no lead time) when that has.
 */
export function proposalHorizon(book: Book, selection: OutcomeSelection = {}): HorizonChoice {
  return chooseFitHorizon(book, { ...selection, sameDay: true });
}

/** What to propose. */
export interface ProposeRequest {
  /** Folds of the out-of-sample test (default 5, grouped by account). */
  folds?: number;
  excludeUnavoidable?: boolean;
}

/** The fit's evidence, beside the current model's backtest on the same outcomes. */
export interface ProposalEvidence {
  horizonDays: number;
  outOfSample: HorizonReport;
  current: HorizonReport;
  comparison: OutOfSampleComparison;
  /** Beats the current model out of sample with enough churn and distinguishable bands. */
  offered: boolean;
  /** Why it is not offered (empty when offered). */
  reasons: string[];
  warnings: string[];
}

/** A proposal ready for the builder. */
export interface DataProposal {
  /** The draft: the fitted model with evidence, else the percentile-scored proposal. */
  model: ModelDocument;
  measures: ProposedMeasure[];
  skipped: SkippedColumn[];
  accounts: number;
  metrics: number;
  attributes: number;
  currentName: string;
  /** Every outcome the fit could use (with or without data), churned and not. */
  outcomes: { churned: number; retained: number };
  horizon: HorizonChoice;
  /** Null when there were not enough outcomes to fit and test (scored by percentiles). */
  evidence: ProposalEvidence | null;
  /** Why a fit was attempted but could not be made (the proposal is then percentile-scored). */
  fitProblem: string | null;
  ms: number;
}

/** Proposes (and, with enough outcomes, fits and tests) a model from the stored book. */
export default async function proposeFromData(
  request: ProposeRequest = {},
  onProgress?: ProgressFn,
): Promise<DataProposal> {
  const started = performance.now();
  const db = getDb();
  onProgress?.({ fraction: 0.05, label: 'Reading the book' });
  const [book, active] = await Promise.all([loadBook(db), ensureActiveModel(db)]);
  if (book.accounts.length === 0) {
    throw new InputError('The book is empty: import accounts and their data first.');
  }
  onProgress?.({ fraction: 0.2, label: 'Proposing measures from every column' });
  let proposal;
  try {
    proposal = proposeMeasures(book);
  } catch (e) {
    throw new InputError(e instanceof Error ? e.message : String(e));
  }
  const selection = { excludeUnavoidable: request.excludeUnavoidable ?? false };
  const horizon = proposalHorizon(book, selection);
  const columns = new Set(proposal.measures.map((m) => m.column));
  const metrics = new Set(book.series.map((s) => s.metric));
  const known = new Set(book.accounts.map((a) => a.id));
  const counted = book.outcomes.filter(
    (o) =>
      known.has(o.accountId) &&
      !(selection.excludeUnavoidable && o.outcome === 'churned' && o.avoidable === false),
  );
  const churned = counted.filter((o) => o.outcome === 'churned').length;
  const base = {
    skipped: proposal.skipped,
    outcomes: { churned, retained: counted.length - churned },
    accounts: proposal.accounts,
    metrics: [...columns].filter((c) => metrics.has(c)).length,
    // Account attributes only: a ratio's column ("active_users_per_licensed_seat") is neither.
    attributes: new Set(
      proposal.measures
        .filter((m) => m.kind === 'number' || m.kind === 'category')
        .map((m) => m.column),
    ).size,
    currentName: active.model.name,
    horizon,
  };
  let fitProblem: string | null = null;
  if (horizon.horizonDays !== null) {
    const folds = request.folds ?? 5;
    onProgress?.({
      fraction: 0.3,
      label: `Fitting and testing out of sample ${horizon.horizonDays === 0 ? 'on the same day as each outcome' : `at ${horizon.horizonDays} days`} (${folds} folds)`,
    });
    try {
      const { fit, measures } = fitProposal(prepareBook(book), proposal, active.model, {
        ...selection,
        horizonDays: horizon.horizonDays,
        folds,
      });
      onProgress?.({ fraction: 1, label: 'Done' });
      return {
        ...base,
        model: fit.model,
        measures,
        evidence: {
          horizonDays: horizon.horizonDays,
          outOfSample: fit.outOfSample,
          current: fit.baseline,
          comparison: fit.comparison,
          offered: fit.offered,
          reasons: fit.offered ? [] : notOfferedReasons(fit.outOfSample, fit.comparison),
          warnings: fit.warnings.filter((w) => w !== fit.comparison.summary),
        },
        fitProblem: null,
        ms: performance.now() - started,
      };
    } catch (e) {
      if (!(e instanceof FitInputError)) throw e;
      fitProblem = e.message;
    }
  }
  onProgress?.({ fraction: 1, label: 'Done' });
  return {
    ...base,
    model: proposal.model,
    measures: proposal.measures,
    evidence: null,
    fitProblem,
    ms: performance.now() - started,
  };
}
