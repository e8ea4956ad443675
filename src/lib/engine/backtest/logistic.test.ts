import { describe, expect, it } from 'vitest';
import { designMatrix, fitLogistic, predictLogistic } from './logistic';
import { loadSklearnFixtures } from '../../../../tests/fixtures/sklearn/load';

const { fixtures, expected } = loadSklearnFixtures();
const X = designMatrix(fixtures.logistic.X);
const y = fixtures.logistic.y;

describe('fitLogistic matches scikit-learn LogisticRegression(lbfgs)', () => {
  for (const want of expected.logistic) {
    it(`C=${want.C}${want.weighted ? ', sample weights' : ''}`, () => {
      const fit = fitLogistic(X, y, {
        C: want.C,
        weights: want.weighted ? fixtures.logistic.w : undefined,
      });
      expect(fit.converged).toBe(true);
      expect(Math.abs(fit.intercept - want.intercept)).toBeLessThan(1e-5);
      want.coef.forEach((c, j) => expect(Math.abs(fit.coef[j] - c)).toBeLessThan(1e-5));
      const p = predictLogistic(fit, X);
      want.proba.forEach((q, i) => expect(Math.abs(p[i] - q)).toBeLessThan(1e-5));
    });
  }

  it('fits a row subset exactly as the same rows copied out', () => {
    const subset = Uint32Array.from({ length: 75 }, (_, i) => i * 2);
    const viaSubset = fitLogistic(X, y, { rowSubset: subset });
    const copied = designMatrix(Array.from(subset, (r) => fixtures.logistic.X[r]));
    const direct = fitLogistic(
      copied,
      Array.from(subset, (r) => y[r]),
    );
    expect(viaSubset.intercept).toBeCloseTo(direct.intercept, 12);
    viaSubset.coef.forEach((c, j) => expect(c).toBeCloseTo(direct.coef[j], 12));
    const p = predictLogistic(viaSubset, X, subset);
    expect(Number.isNaN(p[1])).toBe(true);
    expect(p[0]).toBeGreaterThan(0);
  });

  it('stays finite on perfectly separable data', () => {
    const sep = designMatrix([[0], [1], [2], [3], [4], [5]]);
    const fit = fitLogistic(sep, [0, 0, 0, 1, 1, 1], { C: 1e6 });
    expect(Number.isFinite(fit.coef[0])).toBe(true);
    const p = predictLogistic(fit, sep);
    expect(p[0]).toBeLessThan(0.01);
    expect(p[5]).toBeGreaterThan(0.99);
  });
});
