import { describe, expect, it } from 'vitest';
import type { VendorMatchInfo } from '$lib/worker/ops/crosswalk-file';
import { columnChoices, missingColumnKeys } from './vendor-columns';

const half: VendorMatchInfo = {
  presetId: 'stripe-subscriptions',
  name: 'Stripe subscriptions',
  source: 'stripe',
  complete: false,
  score: 0.9,
  columns: { id: 0, customerId: 1, interval: -1 },
  known: [
    { key: 'id', labels: ['id', 'Subscription ID'], required: true },
    { key: 'customerId', labels: ['Customer ID', 'Customer'], required: true },
    { key: 'interval', labels: ['Interval', 'Plan Interval'], required: true },
  ],
  missing: [{ key: 'interval', labels: ['Interval', 'Plan Interval'] }],
};

describe('vendor file column step', () => {
  it('asks for the required columns the preset could not find', () => {
    expect(missingColumnKeys(half)).toEqual(['interval']);
    expect(missingColumnKeys({ ...half, complete: true, missing: [] })).toEqual([]);
  });

  it('shows each asked column with its spellings and the chosen header', () => {
    expect(columnChoices(half, ['interval'], {})).toEqual([
      { key: 'interval', labels: ['Interval', 'Plan Interval'], required: true, index: -1 },
    ]);
    expect(columnChoices(half, ['interval'], { interval: 4 })[0]!.index).toBe(4);
  });

  it('keeps a key the preset does not describe, by its own name', () => {
    expect(columnChoices(half, ['other'], {})).toEqual([
      { key: 'other', labels: ['other'], required: true, index: -1 },
    ]);
  });
});
