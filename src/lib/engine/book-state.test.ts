import { describe, expect, it } from 'vitest';
import {
  archivedAccounts,
  contractTermMonths,
  renewalRollFor,
  wholeMonthsBetween,
} from './book-state';
import { ymdToDay } from './dates';
import type { Outcome } from './types';

const d = ymdToDay;
const outcome = (accountId: string, day: number, kind: Outcome['outcome']): Outcome => ({
  accountId,
  day,
  outcome: kind,
  reason: null,
  avoidable: null,
});

describe('archivedAccounts', () => {
  it('archives an account whose latest outcome is a churn, with its day', () => {
    const archived = archivedAccounts([
      outcome('A', d(2025, 3, 1), 'renewed'),
      outcome('A', d(2026, 3, 1), 'churned'),
      outcome('B', d(2025, 6, 1), 'churned'),
      outcome('B', d(2025, 9, 1), 'renewed'), // came back
      outcome('C', d(2025, 6, 1), 'expanded'),
    ]);
    expect([...archived]).toEqual([['A', d(2026, 3, 1)]]);
  });

  it('keeps a churn that shares its day with another outcome, in any order', () => {
    const day = d(2026, 1, 5);
    expect(
      archivedAccounts([outcome('A', day, 'churned'), outcome('A', day, 'renewed')]).get('A'),
    ).toBe(day);
    expect(
      archivedAccounts([outcome('A', day, 'renewed'), outcome('A', day, 'churned')]).get('A'),
    ).toBe(day);
  });

  it('brings the account back when the churn is gone', () => {
    const all = [outcome('A', d(2025, 3, 1), 'renewed'), outcome('A', d(2026, 3, 1), 'churned')];
    expect(archivedAccounts(all).has('A')).toBe(true);
    expect(archivedAccounts(all.slice(0, 1)).has('A')).toBe(false);
    expect(archivedAccounts([]).size).toBe(0);
  });
});

describe('contract term and renewal roll-forward', () => {
  it('rounds the months between two days', () => {
    expect(wholeMonthsBetween(d(2025, 1, 31), d(2026, 1, 31))).toBe(12);
    expect(wholeMonthsBetween(d(2025, 1, 1), d(2025, 7, 10))).toBe(6);
    expect(wholeMonthsBetween(d(2025, 1, 1), d(2025, 7, 20))).toBe(7);
    expect(wholeMonthsBetween(d(2024, 2, 29), d(2027, 2, 28))).toBe(36);
  });

  it('derives the term from contract start to renewal, else 12 months', () => {
    const account = { contractStart: d(2025, 6, 1), renewalDate: d(2026, 12, 1) };
    expect(contractTermMonths(account, [], d(2026, 11, 23))).toBe(18);
    expect(contractTermMonths({ ...account, contractStart: null }, [], d(2026, 11, 23))).toBe(12);
    expect(contractTermMonths({ ...account, renewalDate: null }, [], d(2026, 11, 23))).toBe(12);
  });

  it('starts the current term at the latest earlier renewal, so annual contracts stay annual', () => {
    // A four-year customer on annual terms: contract start 2022, renewal 2026.
    const account = { contractStart: d(2022, 12, 10), renewalDate: d(2026, 12, 10) };
    const earlier = [
      outcome('A', d(2023, 12, 8), 'renewed'),
      outcome('A', d(2025, 12, 9), 'expanded'),
      outcome('A', d(2024, 12, 10), 'renewed'),
    ];
    expect(contractTermMonths(account, [], d(2026, 11, 23))).toBe(48);
    expect(contractTermMonths(account, earlier, d(2026, 11, 23))).toBe(12);
  });

  it('rolls the renewal date forward by the term for a renewal near or past it', () => {
    const account = { contractStart: d(2025, 12, 13), renewalDate: d(2026, 12, 13) };
    // Renewed 20 days before the renewal date: the next renewal is a year later.
    expect(renewalRollFor(account, { day: d(2026, 11, 23), outcome: 'renewed' }, [])).toEqual({
      from: d(2026, 12, 13),
      to: d(2027, 12, 13),
      termMonths: 12,
    });
    expect(renewalRollFor(account, { day: d(2026, 11, 23), outcome: 'expanded' }, [])?.to).toBe(
      d(2027, 12, 13),
    );
    expect(renewalRollFor(account, { day: d(2026, 11, 23), outcome: 'contracted' }, [])?.to).toBe(
      d(2027, 12, 13),
    );
    // Recorded late, after more than a term had passed: the first renewal date after the day.
    expect(renewalRollFor(account, { day: d(2028, 1, 5), outcome: 'renewed' }, [])?.to).toBe(
      d(2028, 12, 13),
    );
  });

  it('leaves the date alone for a churn, or a renewal of an earlier term', () => {
    const account = { contractStart: d(2025, 12, 13), renewalDate: d(2026, 12, 13) };
    expect(renewalRollFor(account, { day: d(2026, 11, 23), outcome: 'churned' }, [])).toBeNull();
    // Dated more than half a term (about 183 days) before the renewal date.
    expect(renewalRollFor(account, { day: d(2026, 5, 1), outcome: 'renewed' }, [])).toBeNull();
    expect(renewalRollFor(account, { day: d(2026, 7, 1), outcome: 'renewed' }, [])?.to).toBe(
      d(2027, 12, 13),
    );
  });

  it('gives an account without a renewal date the outcome day plus 12 months', () => {
    expect(
      renewalRollFor(
        { contractStart: null, renewalDate: null },
        { day: d(2026, 11, 23), outcome: 'renewed' },
        [],
      ),
    ).toEqual({ from: null, to: d(2027, 11, 23), termMonths: 12 });
  });
});
