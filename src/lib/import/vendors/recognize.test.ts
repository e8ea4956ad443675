import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../../tests/fixtures/vendors/book';
import { VENDOR_PRESETS, vendorPresetById } from './presets';
import { assignColumn, recognizeVendorFile } from './recognize';
import { readVendorFile } from './prepare-vendor';

const FIXTURES: [string, string][] = [
  ['stripe-unified-customers.csv', 'stripe-customers'],
  ['stripe-subscriptions.csv', 'stripe-subscriptions'],
  ['stripe-subscriptions-plan-cents.csv', 'stripe-subscriptions'],
  ['stripe-invoices.csv', 'stripe-invoices'],
  ['hubspot-companies.csv', 'hubspot-companies'],
  ['hubspot-companies-es.csv', 'hubspot-companies'],
  ['hubspot-deals.csv', 'hubspot-deals'],
  ['hubspot-deals-internal-values.csv', 'hubspot-deals'],
  ['hubspot-deals-es.csv', 'hubspot-deals'],
  ['salesforce-accounts-dataloader.csv', 'salesforce-accounts'],
  ['salesforce-accounts-dataloader-caps.csv', 'salesforce-accounts'],
  ['salesforce-accounts-report.csv', 'salesforce-accounts'],
  ['salesforce-opportunities-dataloader.csv', 'salesforce-opportunities'],
  ['salesforce-opportunities-report-cp1252.csv', 'salesforce-opportunities'],
  ['zendesk-tickets.csv', 'zendesk-tickets'],
  ['freshdesk-tickets.csv', 'freshdesk-tickets'],
  ['freshdesk-tickets-created-time.csv', 'freshdesk-tickets'],
];

describe('recognizeVendorFile', () => {
  it.each(FIXTURES)('recognises %s as %s, complete', async (file, id) => {
    const { table } = await loadFixture(file);
    const [best] = recognizeVendorFile(table.headers, VENDOR_PRESETS);
    expect(best.preset.id).toBe(id);
    expect(best.complete).toBe(true);
  });

  it('offers a half match with the columns it could not find, and lets the user map them', () => {
    // A Stripe subscriptions export whose amount column was renamed by a spreadsheet.
    const headers = [
      'id',
      'Customer ID',
      'Status',
      'Quantity',
      'Price (USD)',
      'Interval',
      'Start (UTC)',
    ];
    const [match] = recognizeVendorFile(headers, VENDOR_PRESETS);
    expect(match.preset.id).toBe('stripe-subscriptions');
    expect(match.complete).toBe(false);
    expect(match.missing).toEqual([{ key: 'amount', labels: ['Amount', 'Plan Amount'] }]);
    expect(() =>
      readVendorFile(
        { headers, rows: [], rowNumbers: new Int32Array(0), summary: undefined! },
        match,
      ),
    ).toThrow(/map these columns first: Amount/);
    const fixed = assignColumn(match, 'amount', 4);
    expect(fixed.complete).toBe(true);
    expect(fixed.columns.amount).toBe(4);
  });

  it('does not offer presets for unrelated files', () => {
    expect(recognizeVendorFile(['account_id', 'date', 'logins'], VENDOR_PRESETS)).toEqual([]);
  });

  it('finds presets by id', () => {
    expect(vendorPresetById('zendesk-tickets')?.source).toBe('zendesk');
    expect(vendorPresetById('nope')).toBeUndefined();
  });
});
