// Applying mappings end to end: idempotency, the large-file path, lookups, unknown accounts.
import { describe, expect, it } from 'vitest';
import { FIXED_TODAY_ISO } from '../../../tests/setup';
import type { ImportPlan } from '../db/import-repo';
import { mergePoints } from '../db/series-merge';
import { isoToDay } from '../engine/dates';
import { createMapping } from './mapping';
import { prepareImport } from './prepare';
import type { ImportContext } from './prepared-import';

const today = isoToDay(FIXED_TODAY_ISO)!;
const longMapping = createMapping({
  kind: 'signals-long',
  columns: {
    account_id: { role: 'account-id' },
    date: { role: 'date', format: 'ymd' },
    metric: { role: 'metric-name' },
    value: { role: 'value' },
  },
});

function longFile(rows: number, accounts: number): string {
  const parts = ['account_id,date,metric,value\n'];
  for (let i = 0; i < rows; i++) {
    const day = 19700 + Math.floor(i / (accounts * 3));
    const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
    parts.push(`A${i % accounts},${iso},m${Math.floor(i / accounts) % 3},${(i * 7) % 101}.5\n`);
  }
  return parts.join('');
}

describe('prepareImport', () => {
  it('streams a 200,000-row long file into columnar series with nothing lost', async () => {
    const text = longFile(200_000, 500);
    const known = new Set(Array.from({ length: 500 }, (_, i) => `A${i}`));
    const progress: number[] = [];
    const plan = await prepareImport(
      text,
      longMapping,
      { fileName: 'big.csv', today, knownAccountIds: known },
      {
        onProgress: (f) => progress.push(f),
        chunkSize: 1 << 18,
      },
    );
    expect(plan.status).toBe('ready');
    expect(plan.rows).toBe(200_000);
    expect(plan.series).toHaveLength(1500);
    expect(plan.series.reduce((n, s) => n + s.days.length, 0)).toBe(200_000);
    expect(plan.notices).toEqual([]);
    for (const s of plan.series) {
      expect(s.days).toBeInstanceOf(Int32Array);
      for (let i = 1; i < s.days.length; i++) expect(s.days[i]).toBeGreaterThan(s.days[i - 1]);
    }
    expect(progress.at(-1)).toBe(1);
  });

  it('is idempotent: the same file twice gives the same plan, and merging it again changes nothing', async () => {
    const text =
      'account_id,date,metric,value\nA1,2024-01-02,x,2\nA1,2024-01-01,x,1\nA1,2024-01-02,x,5\nA2,2024-01-01,x,3\n';
    const context: ImportContext = {
      fileName: 'f.csv',
      today,
      knownAccountIds: new Set(['A1', 'A2']),
    };
    for (const duplicatePolicy of ['last', 'sum'] as const) {
      const mapping = { ...longMapping, duplicatePolicy };
      const first = await prepareImport(text, mapping, context);
      const second = await prepareImport(text, mapping, context);
      expect(second).toEqual(first);
      // A prepared import is what the database's applyImport takes, as it is.
      const plan: ImportPlan = first;
      expect(plan.duplicatePolicy).toBe(duplicatePolicy);
      for (const s of first.series) {
        const once = mergePoints(undefined, s);
        const twice = mergePoints(once, s);
        expect(twice.added + twice.changed).toBe(0);
        expect([...twice.days]).toEqual([...once.days]);
        expect([...twice.values]).toEqual([...once.values]);
      }
      expect(first.series[0].values[1]).toBe(duplicatePolicy === 'sum' ? 7 : 5);
    }
  });

  it('creates bare accounts for unknown ids only when asked to', async () => {
    const text = 'account_id,date,metric,value\nNEW,2024-01-01,x,1\nOLD,2024-01-01,x,2\n';
    const plan = await prepareImport(text, longMapping, {
      fileName: 'f.csv',
      today,
      knownAccountIds: new Set(['OLD']),
      unknownAccounts: 'create',
    });
    expect(plan.errors).toEqual([]);
    expect(plan.accounts.map((a) => [a.id, a.name])).toEqual([['NEW', 'NEW']]);
  });

  it('reports a lookup key that is missing, and a lookup table that was not loaded', async () => {
    const mapping = createMapping({
      kind: 'events',
      eventCountMetric: 'uses',
      columns: {
        subscription_id: { role: 'account-lookup', lookup: 'subs' },
        day: { role: 'date' },
      },
    });
    const text = 'subscription_id,day\nS1,2024-01-01\nS9,2024-01-01\n';
    const base = {
      fileName: 'u.csv',
      today,
      knownAccountIds: new Set(['A1']),
      errorPolicy: 'skip' as const,
    };
    const plan = await prepareImport(text, mapping, {
      ...base,
      lookups: { subs: new Map([['S1', 'A1']]) },
    });
    expect(plan.series.map((s) => [s.accountId, s.metric, [...s.values]])).toEqual([
      ['A1', 'uses', [1]],
    ]);
    expect(plan.errors.map((e) => [e.row, e.reason])).toEqual([
      [3, 'S9 is not found in the subs table'],
    ]);
    const noTable = await prepareImport(text, mapping, base);
    expect(noTable.errors).toHaveLength(2);
    expect(noTable.errors[0].reason).toBe(
      'the subs table is not loaded, so S1 cannot be matched to an account',
    );
  });
});
