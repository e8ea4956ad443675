import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-table';
import { createMapping } from './mapping';
import { buildLookup, createPreset, headerFingerprint, matchPreset, presetSchema } from './presets';
import { BUILTIN_PRESETS } from './presets-builtin';

const mapping = createMapping({ kind: 'accounts', columns: { Id: { role: 'account-id' } } });

describe('presets', () => {
  it('fingerprints headers regardless of order, case, spacing and normalisation form', () => {
    expect(headerFingerprint(['Id', 'Name', 'Re\u0301newal'])).toBe(
      headerFingerprint([' name', 'R\u00e9newal ', 'ID']),
    );
    expect(headerFingerprint(['Id', 'Name'])).not.toBe(headerFingerprint(['Id', 'Owner']));
  });

  it('recognises a saved preset again from the header row', () => {
    const saved = createPreset('p1', 'CRM export', ['Id', 'Name', 'Owner'], mapping);
    const other = createPreset('p2', 'Billing', ['Customer', 'Amount'], mapping);
    expect(matchPreset(['owner', 'name', 'id'], [other, saved])?.id).toBe('p1');
    // A newer export with an extra column still matches (all preset headers present).
    expect(matchPreset(['Id', 'Name', 'Owner', 'Region'], [other, saved])?.id).toBe('p1');
    expect(matchPreset(['Id', 'Name'], [other, saved])).toBeNull();
  });

  it('round-trips a preset through JSON and its schema', () => {
    const saved = createPreset('p1', 'CRM export', ['Id'], mapping);
    expect(presetSchema.parse(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
  });

  it('ships valid, distinct presets for the RavenStack tables, Telco and Canary scores', () => {
    expect(BUILTIN_PRESETS.map((p) => p.id)).toEqual([
      'ravenstack-accounts',
      'ravenstack-subscriptions',
      'ravenstack-feature-usage',
      'ravenstack-support-tickets',
      'ravenstack-churn-events',
      'telco-customer-churn',
      'canary-scores',
    ]);
    for (const p of BUILTIN_PRESETS) {
      expect(presetSchema.parse(p)).toEqual(p);
      expect(matchPreset(p.headers, BUILTIN_PRESETS)?.id).toBe(p.id);
    }
    expect(BUILTIN_PRESETS.find((p) => p.id === 'ravenstack-feature-usage')?.lookups).toEqual([
      {
        name: 'subscriptions',
        fromPreset: 'ravenstack-subscriptions',
        keyColumn: 'subscription_id',
        valueColumn: 'account_id',
      },
    ]);
  });

  it('builds a lookup table from two columns (first occurrence wins, blanks skipped)', async () => {
    const table = await parseCsv('Subscription_ID,account_id\nS1,A1\nS2,A2\nS1,A9\n,A3\nS4,\n');
    expect([...buildLookup(table, 'subscription_id', 'Account_Id')]).toEqual([
      ['S1', 'A1'],
      ['S2', 'A2'],
    ]);
    expect(() => buildLookup(table, 'nope', 'account_id')).toThrow(RangeError);
  });
});
