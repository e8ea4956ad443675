import { describe, expect, it } from 'vitest';
import type { AccountScore } from '../../engine';
import type { Outcome } from '../../engine/types';
import { countBands, defaultExamples } from './preview-examples';

function score(accountId: string, value: number | null): AccountScore {
  const band = value === null ? null : value <= 30 ? 'red' : value <= 70 ? 'amber' : 'green';
  return { accountId, score: value, band } as AccountScore;
}

function churn(accountId: string, day: number, outcome: Outcome['outcome'] = 'churned'): Outcome {
  return { accountId, day, outcome, reason: null, avoidable: null };
}

describe('defaultExamples', () => {
  const scores = [score('a', 50), score('b', 95), score('c', null), score('d', 80), score('e', 20)];
  it('picks the two healthiest scored accounts and the two latest churns', () => {
    const picks = defaultExamples(scores, [
      churn('e', 100),
      churn('c', 300),
      churn('a', 200),
      churn('x', 400, 'renewed'),
    ]);
    expect(picks).toEqual([
      { accountId: 'b', role: 'healthy', churnDay: null },
      { accountId: 'd', role: 'healthy', churnDay: null },
      { accountId: 'c', role: 'churned', churnDay: 300 },
      { accountId: 'a', role: 'churned', churnDay: 200 },
    ]);
  });
  it('never lists an account twice and copes with no churns', () => {
    const picks = defaultExamples(scores, [churn('b', 500), churn('b', 400), churn('e', 10)]);
    expect(picks.map((p) => p.accountId)).toEqual(['b', 'd', 'e']);
    expect(defaultExamples(scores, []).map((p) => p.role)).toEqual(['healthy', 'healthy']);
  });
});

describe('countBands', () => {
  it('counts accounts per band, unscored as none', () => {
    expect(countBands([score('a', 10), score('b', 50), score('c', 90), score('d', null)])).toEqual({
      red: 1,
      amber: 1,
      green: 1,
      none: 1,
    });
  });
});
