// The logistic-regression yardstick held to the fitted card's readability rule.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { fitSoundLogistic } from './baseline';
import { fitLogistic, type DesignMatrix } from './logistic';

/** n rows: x0 and x1 two readings of one health z, churn log-odds 2·(x0 − 0.6·x1), x2 noise. */
function suppressorDesign(n: number, seed: number): { X: DesignMatrix; y: Uint8Array } {
  const random = createRandom(seed);
  const data = new Float64Array(n * 3);
  const y = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const z = random.normal();
    const x0 = z + 0.3 * random.normal();
    const x1 = z + 0.3 * random.normal();
    data.set([x0, x1, random.normal()], r * 3);
    y[r] = random.next() < 1 / (1 + Math.exp(-2 * (x0 - 0.6 * x1))) ? 1 : 0;
  }
  return { X: { data, rows: n, cols: 3 }, y };
}

describe('fitSoundLogistic', () => {
  const { X, y } = suppressorDesign(4000, 7);
  const train = Uint32Array.from({ length: X.rows }, (_, i) => i);

  it('drops a column whose coefficient runs against its own association with churn', () => {
    // The plain regression gives x1 a negative coefficient though x1 alone goes with churn.
    const plain = fitLogistic(X, y, { rowSubset: train });
    const sound = fitSoundLogistic(X, y, train);
    expect(sound.covariance[1]).toBeGreaterThan(0);
    expect(plain.coef[1]).toBeLessThan(-0.5);
    expect(sound.columns).not.toContain(1);
    expect(sound.columns).toContain(0);
    // Every kept coefficient agrees in sign with its column's covariance with churn.
    sound.columns.forEach((j, i) => {
      expect(sound.fit.coef[i] * sound.covariance[j]).toBeGreaterThanOrEqual(0);
    });
    expect(sound.fit.coef.length).toBe(sound.columns.length);
  });

  it('keeps every column when none runs against its evidence', () => {
    const Xs: DesignMatrix = { data: new Float64Array(X.rows), rows: X.rows, cols: 1 };
    for (let r = 0; r < X.rows; r++) Xs.data[r] = X.data[r * 3];
    const sound = fitSoundLogistic(Xs, y, train);
    const plain = fitLogistic(Xs, y, { rowSubset: train });
    expect(sound.columns).toEqual([0]);
    expect(sound.fit.coef[0]).toBeCloseTo(plain.coef[0], 9);
  });
});
