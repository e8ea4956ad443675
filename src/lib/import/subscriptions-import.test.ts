import { describe, expect, it } from 'vitest';
import { dayToIso, isoToDay } from '../engine/dates';
import { createMapping, type ImportMapping } from './mapping';
import { outcomeFactsOf } from './outcome-balance';
import { prepareImport } from './prepare';
import type { ImportContext } from './prepared-import';

const mapping = (overrides: Partial<ImportMapping> = {}): ImportMapping =>
  createMapping({
    kind: 'subscriptions',
    duplicatePolicy: 'sum',
    columns: {
      account: { role: 'account-id' },
      start: { role: 'date', format: 'ymd' },
      end: { role: 'end-date', format: 'ymd' },
      mrr: { role: 'amount', per: 'month' },
      seats: { role: 'metric', metric: 'seats' },
    },
    ...overrides,
  });

const context = (overrides: Partial<ImportContext> = {}): ImportContext => ({
  fileName: 'subs.csv',
  today: isoToDay('2025-06-30')!,
  knownAccountIds: new Set(['A', 'B']),
  ...overrides,
});

const CSV = [
  'account,start,end,mrr,seats',
  'A,2023-02-10,,100,5',
  'A,2024-01-05,2024-05-01,50,2',
  'B,2024-03-01,2024-09-30,80,3',
].join('\n');

describe('subscriptions files', () => {
  it('writes renewals, ARR and renewal dates as of the newest date in the file, and metrics on the start day', async () => {
    const p = await prepareImport(CSV, mapping(), context());
    expect(p.status).toBe('ready');
    expect(p.kind).toBe('subscriptions');
    // The newest date in the file is 2024-09-30 (B's end), not the import day.
    expect(p.outcomes.map((o) => [o.accountId, dayToIso(o.day), o.outcome])).toEqual([
      ['A', '2024-02-10', 'renewed'],
      ['A', '2024-05-01', 'renewed'],
    ]);
    expect(p.accountPatches).toEqual([
      { id: 'A', arr: 1_200, renewalDate: isoToDay('2025-02-10') },
      { id: 'B', arr: 0 },
    ]);
    expect(p.series.map((s) => [s.accountId, s.metric, [...s.values]])).toEqual([
      ['A', 'seats', [5, 2]],
      ['B', 'seats', [3]],
    ]);
    expect(p.outcomeNotes[0]).toMatch(/None after 2024-09-30/);
  });

  it('reads "current" on the chosen day, never a renewal after it', async () => {
    const p = await prepareImport(CSV, mapping({ snapshotDate: '2024-03-31' }), context());
    expect(p.outcomes.map((o) => dayToIso(o.day))).toEqual(['2024-02-10']);
    expect(p.accountPatches).toEqual([
      { id: 'A', arr: 1_800, renewalDate: isoToDay('2025-02-10') },
      { id: 'B', arr: 960, renewalDate: isoToDay('2025-03-01') },
    ]);
    const future = await prepareImport(CSV, mapping({ snapshotDate: '2026-01-01' }), context());
    expect(future.status).toBe('rejected');
    expect(future.errors[0]).toMatchObject({ row: 1, code: 'future-date' });
  });

  it('leaves out renewal points on or after a churn the book records', async () => {
    const facts = outcomeFactsOf([
      {
        accountId: 'A',
        day: isoToDay('2024-04-01')!,
        outcome: 'churned',
        reason: null,
        avoidable: null,
      },
    ]);
    const p = await prepareImport(CSV, mapping(), context({ outcomeFacts: facts }));
    expect(p.outcomes.map((o) => dayToIso(o.day))).toEqual(['2024-02-10']);
    expect(p.outcomeNotes).toContain(
      '1 renewal point(s) were left out: on or after a churn the book already records for that account.',
    );
  });

  it('names the row and column of an end before its start, an empty amount or a bad date', async () => {
    const bad = [
      'account,start,end,mrr,seats',
      'A,2024-05-01,2024-04-01,10,1',
      'A,2024-05-01,,,1',
      'B,2024-05-01,someday,10,1',
      'B,2024-01-01,,10,1',
    ].join('\n');
    const rejected = await prepareImport(bad, mapping(), context());
    expect(rejected.status).toBe('rejected');
    expect(rejected.outcomes).toEqual([]);
    expect(rejected.accountPatches).toEqual([]);
    expect(rejected.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'end', 'end-before-start'],
      [3, 'mrr', 'missing-value'],
      [4, 'end', 'not-a-date'],
    ]);
    const skipped = await prepareImport(bad, mapping(), context({ errorPolicy: 'skip' }));
    expect(skipped.status).toBe('ready');
    expect(skipped.skippedRows).toBe(3);
    expect(skipped.accountPatches).toEqual([
      { id: 'B', arr: 120, renewalDate: isoToDay('2025-01-01') },
    ]);
  });
});
