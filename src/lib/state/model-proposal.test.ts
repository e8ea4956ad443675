// The proposal summary in words, on proposals made by the engine from real books.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, prepareBook } from '../engine';
import {
  chooseFitHorizon,
  fitProposal,
  proposeMeasures,
  SAME_DAY_WARNING,
} from '../engine/backtest';
import { isoToDay } from '../engine/dates';
import { generateDemoBook } from '../engine/demo';
import type { Book } from '../engine/types';
import type { DataProposal } from '../worker/ops/propose-model';
import {
  evidenceCaption,
  evidenceRows,
  evidenceWarnings,
  loadsIntoDraft,
  noEvidenceDetail,
  proposalRows,
  proposalSummary,
  sameDayNote,
} from './model-proposal';

const demo = generateDemoBook({ endDay: isoToDay('2026-11-23')! });

/** A percentile proposal of `book`, as the worker op returns it. */
function unfitted(book: Book): DataProposal {
  const p = proposeMeasures(book);
  const churned = book.outcomes.filter((o) => o.outcome === 'churned').length;
  return {
    model: p.model,
    measures: p.measures,
    skipped: p.skipped,
    accounts: p.accounts,
    metrics: new Set(book.series.map((s) => s.metric)).size,
    attributes:
      new Set(p.measures.map((m) => m.column)).size -
      new Set(book.series.map((s) => s.metric)).size,
    currentName: DEFAULT_MODEL.name,
    outcomes: { churned, retained: book.outcomes.length - churned },
    horizon: chooseFitHorizon(book),
    evidence: null,
    fitProblem: null,
    ms: 0,
  };
}

describe('the proposal in words', () => {
  it('summarises what was proposed and gives each measure its dimension and direction', () => {
    const p = unfitted(demo);
    expect(proposalSummary(p)).toMatch(
      /^\d+ measures from 11 metrics and \d+ attributes of your 150 accounts, grouped as Usage, Support, Engagement, Relationship, Financial and Other\.$/,
    );
    const tickets = proposalRows(p).find((r) => r.name === 'Tickets (90-day mean)')!;
    expect(tickets).toMatchObject({
      dimension: 'Support',
      direction: 'Lower is better',
      why: 'from its name (“tickets”)',
      accounts: '150 (100%)',
    });
    const plan = proposalRows(p).find((r) => r.name === 'Plan')!;
    expect(plan.direction).toBe('Points per category');
    expect(loadsIntoDraft(p)).toBe(true);
  });

  it('says why there is nothing to test against', () => {
    const snapshotDay = isoToDay('2026-11-23')!;
    const sameDay: Book = {
      ...demo,
      series: demo.series.map((s) => ({
        ...s,
        days: s.days.slice(-1).fill(snapshotDay),
        values: s.values.slice(-1),
      })),
      outcomes: demo.outcomes.map((o) => ({ ...o, day: snapshotDay })),
    };
    expect(noEvidenceDetail(unfitted(sameDay))).toMatch(
      /^Of \d+ churned outcomes and \d+ outcomes of accounts that stayed, none had data 60 days before their outcome \(they are dated no later than the data itself\); testing a model needs at least 20 of each\.$/,
    );
    const churnOnly = { ...demo, outcomes: demo.outcomes.filter((o) => o.outcome === 'churned') };
    expect(noEvidenceDetail(unfitted(churnOnly))).toMatch(/but none of accounts that stayed/);
    expect(noEvidenceDetail(unfitted({ ...demo, outcomes: [] }))).toBe(
      'The book has no renewal outcomes yet.',
    );
  });

  it('a fitted proposal that loses stays out of the draft; the evidence sits beside the current model', () => {
    const p = unfitted(demo);
    // The old card (five quantile bins, every measure kept) loses to the default model on the
    // demo book (0.826 vs 0.844); the one-way card now wins there (versus.test.ts).
    const { fit, measures } = fitProposal(prepareBook(demo), proposeMeasures(demo), DEFAULT_MODEL, {
      horizonDays: 60,
      nBins: 5,
      binning: 'quantile',
      maxMeasures: Infinity,
    });
    const fitted: DataProposal = {
      ...p,
      model: fit.model,
      measures,
      evidence: {
        horizonDays: 60,
        outOfSample: fit.outOfSample,
        current: fit.baseline,
        comparison: fit.comparison,
        offered: fit.offered,
        reasons: [],
        warnings: [],
      },
    };
    expect(loadsIntoDraft(fitted)).toBe(false);
    const rows = evidenceRows(fitted.evidence!);
    expect(rows[1].label).toBe(`AUC on the ${fit.comparison.common} outcomes both scored`);
    expect(rows[1].current).toBe(fit.comparison.currentAuc!.toFixed(3));
    expect(Number(rows[1].current)).toBeGreaterThan(Number(rows[1].proposal));
    expect(proposalSummary(fitted)).toMatch(/The fit kept \d+ measures with evidence/);
    expect(proposalRows(fitted).some((r) => r.why === 'fitted to your outcomes')).toBe(true);
    // A current model with no data for the outcomes shows "no data", not a number.
    const blind = { ...fit.comparison, currentScored: 0, currentAuc: null, common: 0 };
    expect(evidenceRows({ ...fitted.evidence!, comparison: blind })[1]).toMatchObject({
      label: 'AUC',
      current: 'no data',
    });
  });

  it('labels the evidence by its horizon: point in time, or same day and weaker', () => {
    const p = unfitted(demo);
    const evidence = (horizonDays: number) =>
      ({
        horizonDays,
        warnings: horizonDays === 0 ? [SAME_DAY_WARNING, 'Only 12 churned'] : ['Only 12 churned'],
      }) as NonNullable<DataProposal['evidence']>;
    expect(evidenceCaption(p, evidence(60))).toBe(
      `${DEFAULT_MODEL.name} beside the proposal, 60 days before each outcome (point in time: only data dated on or before that day); the proposal out of sample, 5 folds grouped by account`,
    );
    expect(sameDayNote(evidence(60))).toBeNull();
    expect(evidenceCaption(p, evidence(0))).toContain(
      'on the same day as each outcome (horizon 0: weaker evidence than a point-in-time horizon, no lead time)',
    );
    expect(sameDayNote(evidence(0))).toMatch(
      /^Same day · weaker evidence than a point-in-time horizon\. .* not whether the score would have warned in time\.$/,
    );
    // The same-day warning is said once, by the note; the others are listed.
    expect(evidenceWarnings(evidence(0))).toEqual(['Only 12 churned']);
    expect(evidenceWarnings(evidence(60))).toEqual(['Only 12 churned']);
  });
});
