import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getDb, listCrosswalk } from '../../db';
import { isoToDay } from '../../engine/dates';
import type { CrosswalkDecision } from '../../import/vendors';
import crosswalkImport from './crosswalk-import';
import crosswalkResolve from './crosswalk-resolve';
import importUndo from './import-undo';

const today = isoToDay('2025-06-30')!;

function source(name: string) {
  const bytes = readFileSync(
    new URL(`../../../../tests/fixtures/vendors/${name}`, import.meta.url),
  );
  return { file: new Blob([bytes]), fileName: name };
}

describe('crosswalk ops (worker, real database)', () => {
  it('resolves, refuses undecided keys, and applies a vendor file with its crosswalk', async () => {
    const companies = await crosswalkResolve({ source: source('hubspot-companies.csv') });
    expect(companies.chosen?.presetId).toBe('hubspot-companies');
    const createAll: [string, CrosswalkDecision][] = companies.resolution!.unmatched.map((u) => [
      u.key.key,
      { kind: 'create' },
    ]);
    await expect(
      crosswalkImport({
        source: source('hubspot-companies.csv'),
        decisions: [],
        today,
        apply: true,
      }),
    ).rejects.toThrow(/4 customer\(s\) still need a decision/);
    const dry = await crosswalkImport({
      source: source('hubspot-companies.csv'),
      decisions: createAll,
      today,
      apply: false,
    });
    expect(dry).toMatchObject({ status: 'ready', accounts: 4, record: null });
    expect(await getDb().accounts.count()).toBe(0);
    const applied = await crosswalkImport({
      source: source('hubspot-companies.csv'),
      decisions: createAll,
      today,
      apply: true,
    });
    expect(applied.crosswalk).toEqual({ added: 4, updated: 0, unchanged: 0 });
    expect(await getDb().accounts.count()).toBe(4);

    const customers = await crosswalkResolve({ source: source('stripe-unified-customers.csv') });
    expect(customers.resolution!.suggestions.map((s) => s.key.sourceId)).toEqual(['cus_I1']);
    const decisions: [string, CrosswalkDecision][] = [
      [customers.resolution!.suggestions[0].key.key, { kind: 'match', accountId: 'hubspot-1003' }],
      ...customers.resolution!.unmatched.map(
        (u) => [u.key.key, { kind: 'skip' }] as [string, CrosswalkDecision],
      ),
    ];
    const r = await crosswalkImport({
      source: source('stripe-unified-customers.csv'),
      decisions,
      today,
      apply: true,
    });
    expect(r).toMatchObject({ status: 'ready', skippedRows: 3, noticeCount: 3 });
    expect((await listCrosswalk(getDb(), { source: 'stripe' })).map((e) => e.accountId)).toEqual([
      'hubspot-1001',
      'hubspot-1001',
      'hubspot-1002',
      'hubspot-1003',
    ]);
    expect(await getDb().series.get(['hubspot-1002', 'billing_delinquent'])).toMatchObject({
      values: Float64Array.from([1]),
    });

    // Subscriptions: renewals and churn counted in the check, ARR and renewal date patched into
    // the CRM accounts when applied, and put back by undo.
    const beforeSubs = await getDb().accounts.get('hubspot-1001');
    const subs = await crosswalkResolve({ source: source('stripe-subscriptions.csv') });
    const skipRest = subs.resolution!.unmatched.map(
      (u) => [u.key.key, { kind: 'skip' }] as [string, CrosswalkDecision],
    );
    const subsImport = await crosswalkImport({
      source: source('stripe-subscriptions.csv'),
      decisions: skipRest,
      today,
      apply: true,
    });
    expect(subsImport).toMatchObject({
      outcomeCounts: { renewed: 2, churned: 1, expanded: 0, contracted: 0 },
      accountPatches: 2,
      withdrawnRenewals: 0,
      outcomeNotes: [expect.stringMatching(/^Renewals inferred: 2/), expect.any(String)],
    });
    expect(subsImport.record!.summary).toMatchObject({
      accountsUpdated: 2,
      outcomeKinds: { renewed: 2, churned: 1 },
    });
    expect(await getDb().accounts.get('hubspot-1001')).toMatchObject({
      owner: 'Dana Scully',
      arr: 7320,
      renewalDate: isoToDay('2026-01-15'),
    });
    await importUndo({ importId: subsImport.record!.id });
    expect(await getDb().accounts.get('hubspot-1001')).toEqual(beforeSubs);
    expect(await getDb().outcomes.count()).toBe(0);
  });

  it('reports a half-matched file and lets the user point at the missing column', async () => {
    const text =
      'id,Customer ID,Status,Quantity,Price,Interval,Start (UTC)\nsub_1,cus_1,active,1,10.00,month,2025-01-01\n';
    const src = { file: new Blob([text]), fileName: 'subs.csv' };
    const half = await crosswalkResolve({ source: src });
    expect(half.chosen).toMatchObject({ presetId: 'stripe-subscriptions', complete: false });
    expect(half.chosen!.missing.map((m) => m.key)).toEqual(['amount']);
    expect(half.resolution).toBeNull();
    const fixed = await crosswalkResolve({
      source: src,
      presetId: 'stripe-subscriptions',
      columns: { amount: 4 },
    });
    expect(fixed.chosen!.complete).toBe(true);
    expect(fixed.resolution!.unmatched.map((u) => u.key.sourceId)).toEqual(['cus_1']);
  });
});
