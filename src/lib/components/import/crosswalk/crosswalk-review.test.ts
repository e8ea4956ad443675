import { describe, expect, it } from 'vitest';
import type { VendorResolution, SourceKey } from '$lib/import/vendors';
import {
  choose,
  chooseAll,
  confirmSingle,
  filterAccounts,
  keyLabel,
  matchedLines,
  methodCounts,
  reviewProgress,
  reviewRows,
  rowList,
  toDecisions,
} from './crosswalk-review';

function key(sourceId: string, name: string | null = null): SourceKey {
  return {
    key: `stripe\u0000${sourceId}`,
    source: 'stripe',
    sourceId,
    name,
    domains: [],
    explicitIds: [],
    rowCount: 1,
    firstRow: 2,
  };
}

const resolution: VendorResolution = {
  matched: [
    { key: key('cus_1'), accountId: 'a', method: 'domain', evidence: 'acme.com' },
    { key: key('cus_2'), accountId: 'a', method: 'domain', evidence: 'acme.com' },
    { key: key('cus_3'), accountId: 'b', method: 'crosswalk', evidence: 'cus_3' },
  ],
  suggestions: [
    {
      key: key('cus_4', 'Acme'),
      why: 'name',
      candidates: [
        { accountId: 'a', name: 'Acme Inc' },
        { accountId: 'c', name: 'ACME LLC' },
      ],
    },
    {
      key: key('cus_5', 'Initech'),
      why: 'name',
      candidates: [{ accountId: 'i', name: 'Initech' }],
    },
  ],
  unmatched: [
    { key: key('cus_6', 'Hooli'), reason: 'no account has this name “Hooli”' },
    { key: key('cus_7'), reason: 'no account id, customer email domain or name to match on' },
  ],
  keylessRows: [9],
};

describe('crosswalk review state', () => {
  const rows = reviewRows(resolution);

  it('lists suggestions first, then unmatched rows, and counts automatic matches', () => {
    expect(rows.map((r) => [r.key.sourceId, r.kind])).toEqual([
      ['cus_4', 'suggestion'],
      ['cus_5', 'suggestion'],
      ['cus_6', 'unmatched'],
      ['cus_7', 'unmatched'],
    ]);
    expect(rows[0].why).toBe('Same name as Acme Inc and ACME LLC');
    expect(methodCounts(resolution)).toEqual({ crosswalk: 1, 'explicit-id': 0, domain: 2 });
  });

  it('shows only the match methods that matched, and row numbers in a sentence', () => {
    expect(matchedLines(resolution)).toEqual([
      { method: 'crosswalk', count: 1 },
      { method: 'domain', count: 2 },
    ]);
    expect(matchedLines({ ...resolution, matched: [] })).toEqual([]);
    expect(rowList([8])).toBe('row 8');
    expect(rowList([5, 8])).toBe('rows 5, 8');
    expect(rowList([2, 3, 4, 5], 3)).toBe('rows 2, 3, 4, …');
  });

  it('labels a key by the name an account created from it would get', () => {
    expect(keyLabel(key('cus_6', 'Hooli'))).toBe('Hooli');
    expect(keyLabel(key('email:guest@gmail.com'))).toBe('guest@gmail.com');
    expect(keyLabel({ ...key('domain:globex.de'), domains: ['globex.de'] })).toBe('globex.de');
    expect(keyLabel(key('cus_7'))).toBe('cus_7');
  });

  it('decides rows singly and in bulk, never auto-confirming a name with two accounts', () => {
    let c = chooseAll(new Map(), rows.slice(0, 2), confirmSingle);
    expect([...c]).toEqual([[key('cus_5').key, { kind: 'match', accountId: 'i' }]]);
    c = choose(c, key('cus_6').key, { kind: 'skip' });
    c = chooseAll(c, rows.slice(2), () => ({ kind: 'create' }));
    expect(c.get(key('cus_6').key)).toEqual({ kind: 'skip' });
    expect(c.get(key('cus_7').key)).toEqual({ kind: 'create' });
    expect(reviewProgress(rows, c)).toEqual({
      decided: 3,
      total: 4,
      complete: false,
      create: 1,
      skip: 1,
      match: 1,
    });
    c = choose(c, key('cus_4').key, { kind: 'match', accountId: 'c' });
    expect(reviewProgress(rows, c).complete).toBe(true);
    c = choose(c, key('cus_4').key, null);
    expect(reviewProgress(rows, c).complete).toBe(false);
    expect(toDecisions(rows, c).map(([k]) => k)).toEqual([
      key('cus_5').key,
      key('cus_6').key,
      key('cus_7').key,
    ]);
  });

  it('searches accounts by name or id, ignoring accents and case', () => {
    const accounts = [
      { id: 'hubspot-1', name: 'Café Müller GmbH' },
      { id: 'hubspot-2', name: 'Acme Corp' },
      { id: 'stripe-cus_9', name: 'Müller & Sons' },
    ];
    expect(filterAccounts(accounts, 'muller').map((a) => a.id)).toEqual([
      'hubspot-1',
      'stripe-cus_9',
    ]);
    expect(filterAccounts(accounts, 'cafe mull').map((a) => a.id)).toEqual(['hubspot-1']);
    expect(filterAccounts(accounts, 'cus_9').map((a) => a.id)).toEqual(['stripe-cus_9']);
    expect(filterAccounts(accounts, '', 2)).toHaveLength(2);
  });
});
