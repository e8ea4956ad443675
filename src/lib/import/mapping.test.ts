import { describe, expect, it } from 'vitest';
import { createMapping, mappingSchema, missingMappedColumns } from './mapping';

const base = {
  version: 1,
  duplicatePolicy: 'last',
  snapshotDate: null,
  eventCountMetric: null,
  constantOutcome: null,
};

function problems(doc: object): string[] {
  const r = mappingSchema.safeParse({ ...base, ...doc });
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

describe('mappingSchema', () => {
  it('accepts a complete long-signals mapping', () => {
    const m = createMapping({
      kind: 'signals-long',
      columns: {
        account_id: { role: 'account-id' },
        date: { role: 'date', format: 'dmy' },
        metric: { role: 'metric-name' },
        value: { role: 'value', decimal: ',' },
      },
    });
    expect(m.duplicatePolicy).toBe('last');
  });

  it('names what each kind is missing', () => {
    expect(
      problems({
        kind: 'signals-long',
        columns: { a: { role: 'account-id' }, d: { role: 'date' } },
      }),
    ).toEqual(['long signals need a metric-name column and a value column']);
    expect(problems({ kind: 'outcomes', columns: { a: { role: 'account-id' } } })).toEqual([
      'a date column is required',
      'map an outcome column or choose the outcome every row records',
    ]);
    expect(
      problems({ kind: 'events', columns: { a: { role: 'account-id' }, d: { role: 'date' } } }),
    ).toEqual(['an event log needs a count metric or at least one summed column']);
    expect(
      problems({ kind: 'accounts', columns: { n: { role: 'field', field: 'name' } } }),
    ).toEqual(['exactly one column must identify the account (an id or a lookup key)']);
    expect(
      problems({
        kind: 'accounts',
        columns: { a: { role: 'account-id' }, b: { role: 'account-id' } },
      }),
    ).toContain('only one column can be the account-id');
    expect(
      problems({
        kind: 'accounts',
        columns: { a: { role: 'account-id' }, m: { role: 'metric', metric: 'x' } },
      }),
    ).toEqual(['metric columns are not used in accounts files']);
  });

  it('rejects malformed documents', () => {
    expect(problems({ kind: 'nonsense', columns: {} }).length).toBeGreaterThan(0);
    expect(
      problems({
        kind: 'accounts',
        columns: { a: { role: 'account-id' } },
        snapshotDate: '31/12/2024',
      }),
    ).toEqual(['expected YYYY-MM-DD']);
    expect(
      problems({ kind: 'accounts', columns: { a: { role: 'weird' } } }).length,
    ).toBeGreaterThan(0);
  });

  it('lists mapped columns missing from a header row, matching normalised names', () => {
    const m = createMapping({
      kind: 'accounts',
      columns: {
        'Account ID': { role: 'account-id' },
        Owner: { role: 'field', field: 'owner' },
        x: { role: 'ignore' },
      },
    });
    expect(missingMappedColumns(m, ['  account   id ', 'Name'])).toEqual(['Owner']);
  });
});
