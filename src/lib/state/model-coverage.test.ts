import { describe, expect, it } from 'vitest';
import { bookCoverage } from '../engine';
import { coverageMessage } from './model-coverage';

describe('coverageMessage', () => {
  it('says plainly when the model reads none of the book', () => {
    expect(coverageMessage(bookCoverage(new Array(7043).fill(0)))).toBe(
      'The active model uses none of the columns in your data: 0 of 7,043 live accounts have data for it.',
    );
  });

  it('counts the covered accounts when some data is read', () => {
    expect(coverageMessage(bookCoverage([1, 0.2, 0.1, 0]))).toBe(
      'The active model fits little of your data: only 1 of 4 live accounts have data for at least half of it (on average 33% of its weight has data).',
    );
  });

  it('says nothing when the model fits or nothing is known', () => {
    expect(coverageMessage(bookCoverage([1, 0.9, 0.2]))).toBeNull();
    expect(coverageMessage(null)).toBeNull();
  });
});
