import { beforeEach, describe, expect, it } from 'vitest';
import { isoToDay } from '../../engine/dates';
import { MemoryBook, confirmAndSkip, seriesOf } from '../../../../tests/fixtures/vendors/book';
import { parseCsv } from '../csv-table';
import { planCrosswalk } from './decisions';
import { prepareVendorFile, readVendorFile, resolveVendorFile } from './prepare-vendor';
import { VENDOR_PRESETS } from './presets';
import { recognizeVendorFile } from './recognize';
import { cancellationOutcomes, monthlyAmount, mrrHistory } from './stripe-mrr';
import { detectAmountUnit } from './units';

let book: MemoryBook;
beforeEach(async () => {
  book = new MemoryBook();
  await book.import('hubspot-companies.csv');
});

describe('Stripe customers', () => {
  it('joins billing ids to CRM accounts by metadata and domain, and records delinquency', async () => {
    const r = await book.import('stripe-unified-customers.csv', confirmAndSkip);
    const { resolution } = book.last!;
    const method = Object.fromEntries(resolution.matched.map((m) => [m.key.sourceId, m.method]));
    expect(method).toEqual({ cus_A1: 'explicit-id', cus_A2: 'domain', cus_G1: 'explicit-id' });
    // Several billing ids, one account.
    expect(resolution.matched.filter((m) => m.accountId === 'hubspot-1001')).toHaveLength(2);
    // The free-mail customer is only a name suggestion (its Name is a phone number).
    expect(resolution.suggestions.map((s) => [s.key.sourceId, s.key.name, s.candidates])).toEqual([
      ['cus_I1', 'Initech', [{ accountId: 'hubspot-1003', name: 'Initech, LLC' }]],
    ]);
    expect(resolution.unmatched.map((u) => u.key.sourceId)).toEqual([
      'cus_X1',
      'email:guest@gmail.com',
    ]);
    expect(resolution.keylessRows).toEqual([8]);
    expect(r.prepared.status).toBe('ready');
    expect(r.prepared.skippedRows).toBe(3);
    expect(r.prepared.notices.map((n) => n.row)).toEqual([6, 7, 8]);
    expect(seriesOf(r, 'hubspot-1002', 'billing_delinquent')).toEqual({ '2025-06-30': 1 });
    expect(seriesOf(r, 'hubspot-1001', 'billing_balance')).toEqual({ '2025-06-30': -397 });
    expect(seriesOf(r, 'hubspot-1003', 'billing_delinquent')).toEqual({ '2025-06-30': 0 });
    expect(r.prepared.accounts).toEqual([]);
    expect(r.crosswalk).toContainEqual({
      source: 'stripe',
      sourceId: 'cus_I1',
      accountId: 'hubspot-1003',
    });
  });

  it('creates accounts only when asked, named from the export', async () => {
    const r = await book.import('stripe-unified-customers.csv');
    const created = r.prepared.accounts.find((a) => a.id === 'stripe-cus_X1');
    expect(created).toMatchObject({
      name: 'Vandelay Industries',
      attributes: { domain: 'vandelay.com' },
    });
    expect(seriesOf(r, 'stripe-cus_X1', 'billing_delinquent')).toEqual({ '2025-06-30': 1 });
    // A guest without a customer id is named by its address, not by the key's `email:` form.
    expect(r.prepared.accounts.find((a) => a.id === 'stripe-email:guest@gmail.com')?.name).toBe(
      'guest@gmail.com',
    );
  });
});

describe('Stripe subscriptions', () => {
  it('builds MRR history, ARR and cancellation outcomes (major units, Amount/Interval)', async () => {
    await book.import('stripe-unified-customers.csv');
    const r = await book.import('stripe-subscriptions.csv');
    expect(book.last!.resolution.matched.every((m) => m.method === 'crosswalk')).toBe(true);
    expect(seriesOf(r, 'hubspot-1001', 'mrr')).toEqual({
      '2024-01-15': 500,
      '2024-06-01': 600,
      '2025-06-20': 610,
      '2025-06-30': 610,
    });
    expect(book.accounts.get('hubspot-1001')).toMatchObject({
      arr: 7320,
      owner: 'Dana Scully',
      // The contract year starts with sub_1; sub_2 and sub_6 are co-termed with it.
      renewalDate: isoToDay('2026-01-15'),
    });
    // Nothing in force on the snapshot day: ARR 0 and no renewal date.
    expect(book.accounts.get('hubspot-1002')).toMatchObject({ arr: 0, renewalDate: null });
    // sub_5 ended on 2025-04-01 while sub_4 ran on, but MRR fell: a contraction, not a renewal.
    expect(book.accounts.get('stripe-cus_X1')).toMatchObject({
      arr: 360,
      renewalDate: isoToDay('2026-01-01'),
    });
    expect(r.prepared.outcomeNotes[0]).toMatch(
      /^Renewals inferred: 3 \(2 at a contract anniversary/,
    );
    expect(r.prepared.outcomeNotes[2]).toBe(
      '1 of those renewal(s) yield to another outcome recorded on the same day, or to an earlier churn.',
    );
    expect(r.prepared.outcomes).toEqual([
      {
        accountId: 'hubspot-1002',
        day: 20157,
        outcome: 'churned',
        reason: 'cancellation_requested',
        avoidable: null,
      },
      {
        accountId: 'stripe-cus_X1',
        day: 20179,
        outcome: 'contracted',
        reason: 'payment_failed',
        avoidable: null,
      },
      // sub_1 (from 2024-01-15) ran through its first anniversary.
      {
        accountId: 'hubspot-1001',
        day: isoToDay('2025-01-15'),
        outcome: 'renewed',
        reason: expect.stringMatching(/^Inferred from subscriptions: .*anniversary/),
        avoidable: null,
      },
      // Globex renewed on 2025-02-01 before cancelling on 2025-03-10.
      {
        accountId: 'hubspot-1002',
        day: isoToDay('2025-02-01'),
        outcome: 'renewed',
        reason: expect.stringMatching(/anniversary/),
        avoidable: null,
      },
    ]);
    expect(seriesOf(r, 'stripe-cus_X1', 'subscriptions_past_due')).toEqual({ '2025-06-30': 1 });
    expect(seriesOf(r, 'hubspot-1001', 'subscriptions_past_due')).toEqual({ '2025-06-30': 0 });
  });

  it('reads Plan Amount in cents with Plan Interval Count, columns reordered', async () => {
    await book.import('stripe-unified-customers.csv');
    const r = await book.import('stripe-subscriptions-plan-cents.csv');
    expect(book.last!.match.preset.id).toBe('stripe-subscriptions');
    expect(r.prepared.fileNotes.join(' ')).toMatch(/cents/);
    expect(seriesOf(r, 'stripe-cus_X1', 'mrr')).toEqual({
      '2025-01-01': 99.67,
      '2025-06-30': 99.67,
    });
    expect(book.accounts.get('hubspot-1001')?.arr).toBe(7200);
    expect(r.prepared.outcomes.map((o) => [o.accountId, o.outcome])).toEqual([
      ['hubspot-1001', 'renewed'],
    ]);
  });
});

describe('Stripe invoices', () => {
  it('records billed amounts, overdue invoices on their due day and open invoices now', async () => {
    await book.import('stripe-unified-customers.csv');
    const r = await book.import('stripe-invoices.csv');
    expect(seriesOf(r, 'hubspot-1001', 'invoice_amount_due')).toEqual({ '2025-05-15': 500 });
    expect(seriesOf(r, 'stripe-cus_X1', 'invoices')).toEqual({ '2025-05-01': 1, '2025-06-01': 1 });
    expect(seriesOf(r, 'stripe-cus_X1', 'invoices_overdue')).toEqual({ '2025-05-15': 1 });
    expect(seriesOf(r, 'stripe-cus_X1', 'invoice_amount_overdue')).toEqual({ '2025-05-15': 30 });
    expect(seriesOf(r, 'stripe-cus_X1', 'invoices_open')).toEqual({ '2025-06-30': 2 });
    expect(seriesOf(r, 'hubspot-1001', 'invoices_open')).toEqual({ '2025-06-30': 0 });
  });
});

describe('MRR arithmetic', () => {
  it('normalises intervals and counts', () => {
    expect(monthlyAmount(1200, 1, 'year', 1)).toBe(100);
    expect(monthlyAmount(50, 10, 'month', 1)).toBe(500);
    expect(monthlyAmount(300, 1, 'month', 3)).toBe(100);
    expect(monthlyAmount(12, 1, 'week', 1)).toBeCloseTo(52, 10);
    expect(monthlyAmount(10, 1, 'fortnight', 1)).toBeUndefined();
  });

  it('treats a same-day plan swap as neither churn nor contraction', () => {
    const spans = [
      { mrr: 100, start: 10, end: 50, reason: 'swap', row: 2 },
      { mrr: 150, start: 50, end: null, reason: null, row: 3 },
    ];
    expect(mrrHistory(spans)).toEqual([
      { day: 10, mrr: 100, row: 2 },
      { day: 50, mrr: 150, row: 3 },
    ]);
    expect(cancellationOutcomes(spans)).toEqual([]);
  });

  it('detects cents from whole numbers and major units from decimals', () => {
    expect(detectAmountUnit(['5000', '120000', ''], 'auto').unit).toBe('cents');
    expect(detectAmountUnit(['598.00', '-397.00'], 'auto').unit).toBe('major');
    expect(detectAmountUnit(['5000'], 'major').unit).toBe('major');
  });
});

describe('Stripe rows the preset cannot read', () => {
  it('reports an unknown interval on the user row, rejecting or skipping by policy', async () => {
    const table = await parseCsv(
      'id,Customer ID,Status,Quantity,Amount,Interval,Start (UTC)\n' +
        'sub_1,cus_1,active,1,10.00,month,2025-01-01\n' +
        'sub_2,cus_1,active,1,10.00,fortnight,2025-01-01\n',
    );
    const [match] = recognizeVendorFile(table.headers, VENDOR_PRESETS);
    const file = readVendorFile(table, match);
    const resolution = resolveVendorFile(file, [], []);
    const plan = planCrosswalk(
      resolution,
      new Map([[resolution.unmatched[0].key.key, { kind: 'create' }]]),
      new Set(),
    );
    const context = { fileName: 's.csv', today: 20269, accounts: [] };
    const rejected = prepareVendorFile(file, plan, context).prepared;
    expect(rejected.status).toBe('rejected');
    expect(rejected.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'Interval', value: 'fortnight' }),
    ]);
    const skipped = prepareVendorFile(file, plan, {
      ...context,
      errorPolicy: 'skip' as const,
    }).prepared;
    expect(skipped.status).toBe('ready');
    expect(skipped.skippedRows).toBe(1);
    expect(skipped.accounts.map((a) => a.id)).toEqual(['stripe-cus_1']);
    expect(skipped.accountPatches).toEqual([{ id: 'stripe-cus_1', arr: 120, renewalDate: 20454 }]);
  });
});
