// The proposal summary in words: what was proposed, each measure's direction and why, the
// evidence beside the current model's, and whether the proposal goes into the draft.
import { directionWords, type ScoringDirection } from '../engine/model/direction';
import { MIN_FIT_CHURNED } from '../engine/backtest/fit-horizon';
import { isSameDay, SAME_DAY_WARNING } from '../engine/backtest/horizon';
import type { ProposedMeasure } from '../engine/backtest/propose';
import { DIMENSION_NAMES } from '../engine/backtest/propose-names';
import { formatInteger, formatShare } from '../format';
import type { DataProposal, ProposalEvidence } from '../worker/ops/propose-model';

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatInteger(n)} ${n === 1 ? one : many}`;

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "19 measures from 8 metrics and 11 attributes of 7,043 accounts, grouped as …". */
export function proposalSummary(p: DataProposal): string {
  const groups = p.model.groups.map((g) => g.name);
  const inModel = p.measures.filter((m) => m.inModel).length;
  const fitted = p.evidence
    ? ` The fit kept ${plural(inModel, 'measure')} with evidence and gave each its points per range.`
    : '';
  return `${plural(p.measures.length, 'measure')} from ${plural(p.metrics, 'metric')} and ${plural(p.attributes, 'attribute')} of your ${plural(p.accounts, 'account')}, grouped as ${list(groups)}.${fitted}`;
}

/** A direction with a capital letter: "Higher is better". */
export function directionLabel(direction: ScoringDirection): string {
  const w = directionWords(direction);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** Why the measure runs that way. */
export function directionReason(m: ProposedMeasure): string {
  switch (m.directionFrom) {
    case 'name':
      return `from its name (“${m.matched}”)`;
    case 'assumed':
      return 'assumed: nothing in the name says otherwise';
    case 'outcomes':
      return 'fitted to your outcomes';
    case 'none':
      return 'no weight until outcomes give each category its points';
  }
}

/** One row of the measures table. */
export interface ProposalRow {
  id: string;
  name: string;
  dimension: string;
  direction: string;
  why: string;
  accounts: string;
  inModel: boolean;
}

/** The measures as table rows, in the model's order. */
export function proposalRows(p: DataProposal): ProposalRow[] {
  return p.measures.map((m) => ({
    id: m.id,
    name: m.name,
    dimension: DIMENSION_NAMES[m.dimension],
    direction: directionLabel(m.direction),
    why: directionReason(m),
    accounts: `${formatInteger(m.accountsWithData)} (${formatShare(m.accountsWithData / Math.max(1, p.accounts))})`,
    inModel: m.inModel,
  }));
}

/** Why there is no out-of-sample evidence, in words. */
export function noEvidenceDetail(p: DataProposal): string {
  if (p.fitProblem) return `A fit was tried and could not be made: ${p.fitProblem}`;
  const { churned, retained } = p.outcomes;
  if (churned + retained === 0) return 'The book has no renewal outcomes yet.';
  if (retained === 0)
    return `The book has ${plural(churned, 'churned outcome')} but none of accounts that stayed (renewed, expanded or contracted): a test needs both.`;
  if (churned === 0)
    return `The book has ${plural(retained, 'outcome')} of accounts that stayed but no churn: a test needs both.`;
  const best = [...p.horizon.tried].sort((a, b) => b.churned - a.churned)[0];
  const at =
    !best || best.horizonDays === 0
      ? 'on the day of their outcome'
      : `${best.horizonDays} days before their outcome`;
  const none = !best || best.churned + best.retained === 0;
  return `Of ${plural(churned, 'churned outcome')} and ${plural(retained, 'outcome')} of accounts that stayed, ${none ? 'none' : `only ${formatInteger(best.churned)} and ${formatInteger(best.retained)}`} had data ${at}${none ? ' (they are dated no later than the data itself)' : ''}; testing a model needs at least ${MIN_FIT_CHURNED} of each.`;
}

/** The evidence table's caption: which models, when each outcome was scored, and how. */
export function evidenceCaption(p: DataProposal, e: ProposalEvidence): string {
  const when = isSameDay(e.horizonDays)
    ? 'on the same day as each outcome (horizon 0: weaker evidence than a point-in-time horizon, no lead time)'
    : `${e.horizonDays} days before each outcome (point in time: only data dated on or before that day)`;
  return `${p.currentName} beside the proposal, ${when}; the proposal out of sample, 5 folds grouped by account`;
}

/**
 * The same-day label of a proposal fitted at horizon 0 (a snapshot's outcomes, dated on the day
 * of the data): what the evidence shows and what it does not. Null at a point-in-time horizon.
 */
export function sameDayNote(e: ProposalEvidence): string | null {
  if (!isSameDay(e.horizonDays)) return null;
  return "Same day · weaker evidence than a point-in-time horizon. Your outcomes are dated on the day of the data itself (a snapshot), so the proposal was fitted and tested on each outcome's own day: this shows how well your data separates churned from renewed accounts, not whether the score would have warned in time.";
}

/** The evidence's warnings to list under it (the same-day one is said by `sameDayNote`). */
export function evidenceWarnings(e: ProposalEvidence): string[] {
  return e.warnings.filter((w) => w !== SAME_DAY_WARNING);
}

/** One row of the evidence table: the current model beside the proposal. */
export interface EvidenceRow {
  label: string;
  current: string;
  proposal: string;
}

const auc = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));

/** The current model's backtest beside the proposal's out-of-sample test, same outcomes. */
export function evidenceRows(e: ProposalEvidence): EvidenceRow[] {
  const c = e.comparison;
  return [
    {
      label: 'Outcomes it could score',
      current: formatInteger(c.currentScored),
      proposal: formatInteger(c.suggestionScored),
    },
    {
      label:
        c.currentScored === 0
          ? 'AUC'
          : `AUC on the ${formatInteger(c.common)} outcomes both scored`,
      current: c.currentScored === 0 ? 'no data' : auc(c.currentAuc),
      proposal: auc(c.suggestionAuc),
    },
    {
      label: 'Churned while green',
      current: formatShare(e.current.green_churn_share),
      proposal: formatShare(e.outOfSample.green_churn_share),
    },
  ];
}

/** Whether the proposal goes into the draft by itself: only when nothing says it is worse. */
export function loadsIntoDraft(p: DataProposal): boolean {
  return p.evidence === null || p.evidence.comparison.better;
}
