import { describe, expect, it } from 'vitest';
import type { Outcome } from '../engine/types';
import {
  countOutcomes,
  outcomeBalanceNotes,
  outcomeFactsOf,
  reconcileInferredRenewals,
  renewalsToWithdraw,
} from './outcome-balance';
import { INFERRED_RENEWAL_PREFIX } from './subscription-terms';

const o = (
  accountId: string,
  day: number,
  outcome: Outcome['outcome'],
  reason: string | null = null,
): Outcome => ({
  accountId,
  day,
  outcome,
  reason,
  avoidable: null,
});
const inferred = (accountId: string, day: number) =>
  o(accountId, day, 'renewed', `${INFERRED_RENEWAL_PREFIX}: test`);

describe('outcome balance', () => {
  it('reads the first churn per account and the inferred renewals of a book', () => {
    const facts = outcomeFactsOf([
      o('a', 50, 'churned'),
      o('a', 20, 'churned'),
      inferred('a', 10),
      o('b', 30, 'renewed', 'Renewal won'),
    ]);
    expect([...facts.firstChurn]).toEqual([['a', 20]]);
    expect(facts.inferredRenewals).toEqual([inferred('a', 10)]);
    expect(facts.renewals).toBe(2);
  });

  it('withdraws only inferred renewals on or after a new churn of the same account', () => {
    const facts = outcomeFactsOf([
      inferred('a', 10),
      inferred('a', 40),
      inferred('a', 60),
      o('a', 70, 'renewed', 'Renewal won'),
      inferred('b', 40),
    ]);
    expect(renewalsToWithdraw(facts, [o('a', 40, 'churned'), o('a', 90, 'churned')])).toEqual([
      { accountId: 'a', day: 40 },
      { accountId: 'a', day: 60 },
    ]);
    expect(renewalsToWithdraw(facts, [o('c', 1, 'churned')])).toEqual([]);
    expect(renewalsToWithdraw(undefined, [o('a', 1, 'churned')])).toEqual([]);
  });

  it('drops inferred renewals that contradict the same import', () => {
    const kept = reconcileInferredRenewals([
      inferred('a', 10),
      inferred('a', 30),
      o('a', 30, 'contracted'),
      inferred('b', 50),
      o('b', 40, 'churned'),
      o('c', 90, 'renewed', 'Renewal won'),
      o('c', 95, 'churned'),
    ]);
    expect(kept.map((x) => [x.accountId, x.day, x.outcome])).toEqual([
      ['a', 10, 'renewed'],
      ['a', 30, 'contracted'],
      ['b', 40, 'churned'],
      ['c', 90, 'renewed'],
      ['c', 95, 'churned'],
    ]);
  });

  it('never replaces an outcome the book recorded, nor renews after a stored churn', () => {
    const facts = outcomeFactsOf([
      o('a', 10, 'renewed', 'Acme renewal 2025'),
      o('b', 20, 'churned'),
      inferred('c', 5),
    ]);
    const kept = reconcileInferredRenewals(
      [
        inferred('a', 10),
        inferred('a', 11),
        inferred('b', 19),
        inferred('b', 20),
        inferred('c', 5),
      ],
      facts,
    );
    // c's stored renewal is an inferred one: a re-import may replace it.
    expect(kept.map((x) => [x.accountId, x.day])).toEqual([
      ['a', 11],
      ['b', 19],
      ['c', 5],
    ]);
  });

  it('says why a churn log has no renewals, and where they come from when the book has some', () => {
    const churns = [o('a', 1, 'churned'), o('b', 2, 'churned')];
    expect(countOutcomes(churns)).toEqual({ renewed: 0, churned: 2, expanded: 0, contracted: 0 });
    const [alone] = outcomeBalanceNotes(churns, 0, outcomeFactsOf([]), true);
    expect(alone).toMatch(/churn log/);
    expect(alone).toMatch(/No renewals have been imported either/);
    expect(alone).toMatch(/subscriptions file/);
    const facts = outcomeFactsOf([inferred('a', 0), inferred('c', 5)]);
    expect(outcomeBalanceNotes(churns, 1, facts, true)).toEqual([
      '1 renewal inferred from subscriptions is dated on or after a churn this file records and gives way to it: replaced by the churn on its own day, removed after it.',
      'This file is a churn log: every row is a churn, so it cannot say which accounts renewed. The renewals that balance these churns come from your other imports (1 renewal in the book).',
    ]);
    expect(outcomeBalanceNotes([...churns, o('c', 3, 'renewed')], 0, undefined, false)).toEqual([]);
  });
});
