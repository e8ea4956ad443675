// Bins from the number of churns, merged until the points run one way: a fitted model's tiers
// never run backwards ("18+ days overdue gives 100 points against 71"), on the demo book and
// on Telco, and the old fixed five quantile bins (still `binning: 'quantile'`) did.
import { describe, expect, it } from 'vitest';
import { isoToDay } from '../dates';
import { generateDemoBook } from '../demo';
import { scoringDirection } from '../model/direction';
import type { ModelDocument } from '../model/schema';
import { prepareBook } from '../index';
import type { Book } from '../types';
import { fitModel, type FitModelOptions } from './fit-model';
import { fitScorecard } from './scorecard';
import { designMatrix } from './logistic';
import { autoBinCount, fitMeasureBins, monotoneBlocks } from './woe';
import { loadTelcoBook } from '../../../../tests/dataset-books';

/**
 * Weighted numeric measures (tiers, and linear terms, monotone by construction) and their
 * directions. A measure with one observed value only scores present against missing: its one
 * tier is flat and it reads as 'presence'.
 */
function tierDirections(model: ModelDocument) {
  return model.groups
    .flatMap((g) => g.measures)
    .filter((m) => m.weight > 0 && (m.scoring.type === 'tiers' || m.scoring.type === 'linear'))
    .map((m) => {
      const direction = scoringDirection(m.scoring);
      const presence = direction === 'flat' && m.scoring.type === 'tiers' && m.missing !== 'skip';
      return { id: m.id, direction: presence ? 'presence' : direction };
    });
}

function fitted(book: Book, options: FitModelOptions = {}) {
  return fitModel(prepareBook(book), { horizonDays: 60, ...options });
}

describe('bins from the churn count', () => {
  it('one bin per 40 churns, at least 5, at most 20', () => {
    expect(autoBinCount(0)).toBe(5);
    expect(autoBinCount(239)).toBe(5);
    expect(autoBinCount(400)).toBe(10);
    expect(autoBinCount(1495)).toBe(20);
  });
});

describe('monotone merging', () => {
  it('pools adjacent bins that run against the better direction', () => {
    // Churn rates 50%, 30%, 35%, 20%, 10%: bins 1 and 2 run backwards and are pooled.
    const churn = [50, 30, 35, 20, 10];
    const renew = churn.map((c) => 100 - c);
    expect(monotoneBlocks(churn, renew)).toEqual({ starts: [0, 1, 3, 4], shape: 'higher' });
    // The same read from the other end: lower is better.
    expect(monotoneBlocks([...churn].reverse(), [...renew].reverse()).shape).toBe('lower');
  });

  it('keeps a significant two-armed shape only when asked (binning two-armed)', () => {
    // Churn 40% at both ends, 10% in the middle, 300 rows a bin: a clear U.
    const churn = [120, 60, 30, 30, 60, 120];
    const renew = churn.map((c) => 300 - c);
    expect(monotoneBlocks(churn, renew, true).shape).toBe('middle-best');
    expect(monotoneBlocks(churn, renew).shape).not.toBe('middle-best');
    // A faint U (3 rows a bin) does not survive the significance check.
    expect(monotoneBlocks([1, 0, 0, 0, 1, 1], [2, 3, 3, 3, 2, 2], true).shape).toBe('lower');
  });

  it('fitted bins have a weight of evidence that runs one way', () => {
    const n = 4000;
    const values = Float64Array.from({ length: n }, (_, i) => i % 100);
    // Churn falls with the value, plus a backwards wiggle every tenth value.
    const y = Array.from(values, (v, i) =>
      (i * 7919) % 100 < 40 - 0.3 * v + (v % 10 === 3 ? 15 : 0) ? 1 : 0,
    );
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    const bins = fitMeasureBins(values, y, rows, 20);
    expect(bins.shape).toBe('higher');
    for (let b = 1; b < bins.woe.length; b++) expect(bins.woe[b]).toBeGreaterThan(bins.woe[b - 1]);
    const quantile = fitMeasureBins(values, y, rows, 20, { binning: 'quantile' });
    expect(quantile.cuts.length).toBe(19);
    expect(bins.cuts.length).toBeLessThan(19);
  });

  it('the measure cap keeps the heaviest 12 of many measures', () => {
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const x = Array.from({ length: 20 }, (_, j) => ((i * (j + 3) * 2654435761) >>> 0) % 97);
      rows.push(x);
      y.push(x.reduce((s, v, j) => s + (v / 97) * (20 - j), 0) > 105 ? 1 : 0);
    }
    const X = designMatrix(rows);
    expect(fitScorecard(X, y, { maxMeasures: Infinity }).measures.length).toBeGreaterThan(12);
    const capped = fitScorecard(X, y);
    expect(capped.measures.length).toBeLessThanOrEqual(12);
    // The strongest measures (the first columns) are the ones kept.
    expect(capped.measures.map((m) => m.column)).toContain(0);
  });
});

describe('fitted tiers run one way', () => {
  it('the demo book: every numeric measure is monotone, at most 12 measures; 5 quantile bins were not', () => {
    const book = generateDemoBook({ endDay: isoToDay('2026-11-23')! });
    const fit = fitted(book);
    const directions = tierDirections(fit.model);
    expect(directions.length).toBeGreaterThan(3);
    for (const d of directions)
      expect(['higher', 'lower', 'presence'], d.id).toContain(d.direction);
    expect(fit.scorecard.measures.length).toBeLessThanOrEqual(12);
    const old = fitted(book, { nBins: 5, binning: 'quantile', maxMeasures: Infinity });
    expect(tierDirections(old.model).filter((d) => d.direction === 'mixed').length).toBeGreaterThan(
      0,
    );
  });

  it('Telco: every numeric measure is monotone, at most 12 measures', () => {
    const fit = fitted(loadTelcoBook(60));
    const directions = tierDirections(fit.model);
    expect(directions.map((d) => d.id)).toContain('tenure_level');
    for (const d of directions) expect(['higher', 'lower'], d.id).toContain(d.direction);
    expect(fit.scorecard.measures.length).toBeLessThanOrEqual(12);
    // Longer-tenured customers churn less.
    expect(directions.find((d) => d.id === 'tenure_level')!.direction).toBe('higher');
  });
});
