// Never worse than the current model out of sample: a fit that loses to the model in use on
// held-out outcomes is never offered, and says so; one that wins is.
import { describe, expect, it } from 'vitest';
import { isoToDay } from '../dates';
import { generateDemoBook } from '../demo';
import { DEFAULT_MODEL, parseModelOrThrow, prepareBook } from '../index';
import { fitDescription, fitModel, readFitDescription } from './fit-model';
import { fitProposal } from './proposal-fit';
import { proposeMeasures } from './propose';
import type { Prediction } from './run';
import { syntheticBacktestBook } from './synthetic';
import { compareOutOfSample } from './versus';

const pred = (accountId: string, y: number, p: number, day = 100): Prediction => ({
  accountId,
  day,
  y,
  p,
});

describe('compareOutOfSample', () => {
  it('compares on the outcomes both scored only', () => {
    const suggestion = [pred('a', 1, 0.9), pred('b', 0, 0.1), pred('c', 1, 0.2), pred('d', 0, 0.8)];
    // The current model ranks a–b perfectly and never saw c and d.
    const current = [pred('a', 1, 0.7), pred('b', 0, 0.3)];
    const c = compareOutOfSample(suggestion, current);
    expect(c).toMatchObject({ common: 2, commonChurned: 1, suggestionAuc: 1, currentAuc: 1 });
    expect(c.suggestionAucAll).toBe(0.75);
    // A tie is not an improvement.
    expect(c.better).toBe(false);
    expect(c.summary).toMatch(
      /not better than the current model's 1\.000 .*keep the current model/,
    );
  });

  it('a current model that scores nothing is chance: the suggestion must beat 0.5', () => {
    const good = compareOutOfSample([pred('a', 1, 0.9), pred('b', 0, 0.1)], []);
    expect(good).toMatchObject({ better: true, currentAuc: null, common: 0 });
    expect(good.summary).toMatch(/has data for none of these outcomes/);
    const chance = compareOutOfSample([pred('a', 1, 0.5), pred('b', 0, 0.5)], []);
    expect(chance.better).toBe(false);
    expect(chance.summary).toMatch(/no better than chance/);
  });

  it('outcomes in common without both classes cannot show an improvement', () => {
    const c = compareOutOfSample([pred('a', 1, 0.9), pred('b', 0, 0.1)], [pred('a', 1, 0.4)]);
    expect(c.better).toBe(false);
    expect(c.summary).toMatch(/too few outcomes/);
  });
});

describe('fitModel against the current model', () => {
  it('a synthetic book where the fit loses to the default model: not offered, and says why', () => {
    // The default model reads this book's metrics (its seat-utilisation ratio is the signal).
    const prepared = prepareBook(syntheticBacktestBook(300, 2));
    const fit = fitModel(prepared, { horizonDays: 60 });
    const c = fit.comparison;
    expect(c.currentScored).toBeGreaterThan(250);
    expect(c.currentAuc!).toBeGreaterThan(c.suggestionAuc!);
    expect(c.better).toBe(false);
    expect(fit.offered).toBe(false);
    expect(fit.warnings).toContain(c.summary);
    expect(c.summary).toMatch(/keep the current model/);
  });

  it('the demo book: the fitted proposal (monotone bins) beats the hand-weighted default on held-out outcomes', () => {
    const book = generateDemoBook({ endDay: isoToDay('2026-11-23')! });
    const { fit } = fitProposal(prepareBook(book), proposeMeasures(book), DEFAULT_MODEL, {
      horizonDays: 60,
    });
    const c = fit.comparison;
    expect(c.common).toBeGreaterThan(100);
    // 0.865 against 0.844 measured; five quantile bins per measure lost (0.826).
    expect(c.better).toBe(true);
    expect(c.suggestionAuc! - c.currentAuc!).toBeGreaterThan(0.01);
    const old = fitProposal(prepareBook(book), proposeMeasures(book), DEFAULT_MODEL, {
      horizonDays: 60,
      nBins: 5,
      binning: 'quantile',
      maxMeasures: Infinity,
    }).fit;
    expect(old.comparison.better).toBe(false);
    expect(old.offered).toBe(false);
  });

  it('beats a current model with no data for the book, and is offered', () => {
    const prepared = prepareBook(syntheticBacktestBook(600, 11));
    const blind = parseModelOrThrow({
      format: 'canary-model/1',
      id: 'blind',
      name: 'Reads a metric the book does not have',
      version: 1,
      groups: [
        {
          id: 'usage',
          name: 'Usage',
          weight: 1,
          measures: [
            {
              id: 'logins',
              name: 'Logins',
              weight: 1,
              source: { kind: 'aggregate', metric: 'logins', agg: 'mean', windowDays: 30 },
              scoring: { type: 'percentile', higherIsBetter: true },
              horizon: 'leading',
              nature: 'activity',
            },
          ],
        },
      ],
    });
    const fit = fitModel(prepared, { horizonDays: 60, currentModel: blind });
    expect(fit.baseline.n_outcomes).toBe(0);
    expect(fit.comparison).toMatchObject({ currentScored: 0, better: true });
    expect(fit.outOfSample.auc!).toBeGreaterThan(0.7);
    expect(fit.offered).toBe(fit.warnings.length === 0);
  });

  it("the fitted model's description records the fit, and reads back (in sample on those outcomes)", () => {
    const fit = fitModel(prepareBook(syntheticBacktestBook(300, 2)), { horizonDays: 60 });
    const record = readFitDescription(fit.model.description)!;
    expect(record.horizonDays).toBe(60);
    expect(record.outcomes).toBe(fit.outOfSample.n_outcomes);
    expect(record.churned).toBe(fit.outOfSample.n_churned);
    expect(record.auc).toBe(Number(fit.outOfSample.auc!.toFixed(3)));
    const sameDay = { outcomes: 7043, churned: 1869, horizonDays: 0, auc: 0.845 };
    expect(fitDescription(sameDay)).toBe(
      'Credit-scorecard fit on 7043 outcomes (1869 churned), same day (horizon 0: weaker evidence, no lead time); out-of-sample AUC 0.845.',
    );
    expect(readFitDescription(fitDescription(sameDay))).toEqual(sameDay);
    expect(readFitDescription(fitDescription({ ...sameDay, auc: null }))?.auc).toBeNull();
    expect(readFitDescription('Our hand-weighted model')).toBeNull();
    expect(readFitDescription('')).toBeNull();
  });
});
