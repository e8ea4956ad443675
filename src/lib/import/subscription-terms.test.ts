import { describe, expect, it } from 'vitest';
import { dayToIso, isoToDay } from '../engine/dates';
import { inferAccountTerms, isInferredRenewal, type SubscriptionTerm } from './subscription-terms';

const d = (iso: string) => isoToDay(iso)!;
const term = (start: string, end: string | null, annual: number, row = 2): SubscriptionTerm => ({
  start: d(start),
  end: end === null ? null : d(end),
  annual,
  row,
});
const days = (r: { renewals: { day: number; kind: string }[] }) =>
  r.renewals.map((x) => [dayToIso(x.day), x.kind]);

describe('inferAccountTerms', () => {
  it('renews at each contract anniversary paid service ran through, up to the data end', () => {
    const r = inferAccountTerms([term('2022-03-15', null, 12_000)], d('2024-12-31'));
    expect(days(r)).toEqual([
      ['2023-03-15', 'anniversary'],
      ['2024-03-15', 'anniversary'],
    ]);
    expect(r.arr).toBe(12_000);
    // The next renewal point after the data end, not one the data already passed.
    expect(dayToIso(r.renewalDate!)).toBe('2025-03-15');
  });

  it('anchors the contract year on the first paid subscription; add-ons are co-termed', () => {
    const r = inferAccountTerms(
      [term('2023-06-01', null, 1_000, 2), term('2023-09-10', null, 500, 3)],
      d('2024-12-31'),
    );
    expect(days(r)).toEqual([['2024-06-01', 'anniversary']]);
    expect(r.arr).toBe(1_500);
    expect(dayToIso(r.renewalDate!)).toBe('2025-06-01');
  });

  it('a subscription that ended while another carried on is a renewal on its end day', () => {
    const r = inferAccountTerms(
      [term('2024-01-10', '2024-04-20', 3_000, 2), term('2024-03-01', null, 4_000, 3)],
      d('2024-12-31'),
    );
    expect(days(r)).toEqual([['2024-04-20', 'carried-on']]);
    expect(r.renewals[0].row).toBe(3);
    // Only what is still in force counts toward ARR.
    expect(r.arr).toBe(4_000);
  });

  it('a lapse is not a renewal: service must run through the anniversary', () => {
    const r = inferAccountTerms(
      [term('2023-01-05', '2023-11-30', 6_000), term('2024-02-01', null, 6_000, 3)],
      d('2024-12-31'),
    );
    // No cover on 2024-01-05 (the lapse), no other subscription in force on 2023-11-30.
    expect(r.renewals).toEqual([]);
    expect(dayToIso(r.renewalDate!)).toBe('2025-01-05');
  });

  it('never renews on or after the first churn, and counts what it left out', () => {
    const terms = [term('2022-02-01', null, 1_000)];
    const r = inferAccountTerms(terms, d('2024-12-31'), d('2024-02-01'));
    expect(days(r)).toEqual([['2023-02-01', 'anniversary']]);
    expect(r.leftOutAfterChurn).toBe(1);
    expect(inferAccountTerms(terms, d('2024-12-31'), d('2023-01-31')).renewals).toEqual([]);
  });

  it('does not look past the data end: a renewal point later than asOf is not known yet', () => {
    const r = inferAccountTerms(
      [term('2024-01-01', '2025-03-01', 2_000), term('2024-06-01', null, 1_000, 3)],
      d('2024-12-31'),
    );
    expect(r.renewals).toEqual([]);
    expect(dayToIso(r.renewalDate!)).toBe('2025-01-01');
  });

  it('trials and free plans renew nothing and add no ARR', () => {
    const r = inferAccountTerms([term('2022-01-01', null, 0)], d('2024-12-31'));
    expect(r).toEqual({ renewals: [], arr: 0, renewalDate: null, leftOutAfterChurn: 0 });
  });

  it('an account with nothing in force has ARR 0 and no renewal date', () => {
    const r = inferAccountTerms([term('2023-01-01', '2024-06-30', 900)], d('2024-12-31'));
    expect(r.arr).toBe(0);
    expect(r.renewalDate).toBeNull();
    expect(days(r)).toEqual([['2024-01-01', 'anniversary']]);
  });

  it('clamps a 29 February anniversary to the 28th', () => {
    const r = inferAccountTerms([term('2024-02-29', null, 100)], d('2025-12-31'));
    expect(days(r)).toEqual([['2025-02-28', 'anniversary']]);
  });

  it('marks its renewals so a later churn can withdraw them', () => {
    const [x] = inferAccountTerms([term('2023-01-01', null, 1)], d('2024-06-30')).renewals;
    expect(isInferredRenewal({ outcome: 'renewed', reason: x.reason })).toBe(true);
    expect(isInferredRenewal({ outcome: 'renewed', reason: 'Renewal won' })).toBe(false);
    expect(isInferredRenewal({ outcome: 'churned', reason: x.reason })).toBe(false);
  });
});
