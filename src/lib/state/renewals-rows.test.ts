import { describe, expect, it } from 'vitest';
import type { RenewalRow } from '../engine/renewals';
import type { RenewalCallRecord } from '../db';
import { withCalls } from './renewals-rows';

const row = (id: string, day: number, modelCall: RenewalRow['modelCall']): RenewalRow => ({
  accountId: id,
  name: id,
  owner: null,
  renewalDay: day,
  arr: 1000,
  score: 50,
  band: null,
  status: 'scored',
  daysAhead: day,
  p: null,
  horizonDays: null,
  modelCall,
});

describe('withCalls', () => {
  it('sets each stored call beside the model’s and lists disagreements first', () => {
    const calls: RenewalCallRecord[] = [
      { accountId: 'b', renewalDay: 2, call: 'will-churn', note: 'champion left', at: 1 },
      { accountId: 'c', renewalDay: 3, call: 'commit', note: null, at: 1 },
      // A call on an earlier renewal of the same account does not carry over.
      { accountId: 'a', renewalDay: 0, call: 'will-churn', note: null, at: 1 },
    ];
    const find = (id: string, day: number) =>
      calls.find((c) => c.accountId === id && c.renewalDay === day);
    const out = withCalls(
      [row('a', 1, 'commit'), row('b', 2, 'commit'), row('c', 3, 'commit')],
      find,
    );
    expect(out.map((r) => [r.accountId, r.csmCall, r.disagrees])).toEqual([
      ['b', 'will-churn', true],
      ['a', null, false],
      ['c', 'commit', false],
    ]);
    expect(out[0].note).toBe('champion left');
  });
});
