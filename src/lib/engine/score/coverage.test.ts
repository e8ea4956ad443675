// Detecting a model that does not fit the book: fewer than half the accounts have data for at
// least half of the model's weight.
import { describe, expect, it } from 'vitest';
import { bookCoverage } from './coverage';

describe('bookCoverage', () => {
  it('a model using none of the columns: nothing covered, low', () => {
    const c = bookCoverage(new Array(7043).fill(0));
    expect(c).toEqual({ accounts: 7043, covered: 0, withAnyData: 0, meanCoverage: 0, low: true });
  });

  it('counts an account as covered from half of the model weight', () => {
    const c = bookCoverage([0.5, 0.49, 1, 0.2, 0]);
    expect(c).toMatchObject({ accounts: 5, covered: 2, withAnyData: 4, low: true });
    expect(c.meanCoverage).toBeCloseTo(0.438, 3);
  });

  it('half the book covered is enough; an empty book is never low', () => {
    expect(bookCoverage([1, 1, 0, 0]).low).toBe(false);
    expect(bookCoverage([1, 0.4, 0, 0]).low).toBe(true);
    expect(bookCoverage([])).toMatchObject({ accounts: 0, low: false, meanCoverage: 1 });
    expect(bookCoverage([NaN, 2]).covered).toBe(1);
  });
});
