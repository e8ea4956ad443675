// Stripe customers (`unified_customers.csv`): delinquency and account balance per account,
// recorded on the snapshot day (the export says how things are now, not since when).
import { col, type VendorPreset } from './preset';
import { compact, derivedTable, isoDay } from './derive';
import {
  STRIPE_METADATA_COLUMNS,
  stripeCustomerId,
  stripeExplicitIds,
  usableName,
} from './stripe-common';
import { detectAmountUnit, readAmount } from './units';

/** Stripe customers export. */
export const stripeCustomers: VendorPreset = {
  id: 'stripe-customers',
  name: 'Stripe customers',
  source: 'stripe',
  columns: [
    col('id', ['id', 'Customer ID'], true),
    col('email', ['Email']),
    col('name', ['Name']),
    col('description', ['Description']),
    col('created', ['Created (UTC)', 'Created']),
    col('delinquent', ['Delinquent']),
    col('balance', ['Account Balance', 'Balance']),
    col('currency', ['Currency']),
    col('totalSpend', ['Total Spend']),
    col('paymentCount', ['Payment Count']),
    col('cardId', ['Card ID']),
    ...STRIPE_METADATA_COLUMNS,
  ],
  signature: [
    'id',
    'email',
    'description',
    'created',
    'delinquent',
    'balance',
    'totalSpend',
    'cardId',
  ],
  rowKey(cells) {
    const email = cells.get('email');
    return {
      sourceId: stripeCustomerId(cells.get('id'), email),
      name: usableName(cells.get('name'), cells.get('description')),
      domains: email === '' ? [] : [email],
      explicitIds: stripeExplicitIds(cells),
    };
  },
  build(input) {
    const notes: string[] = [];
    const unit = detectAmountUnit(input.columnValues('balance'), input.amountUnit);
    const day = isoDay(input.snapshotDay);
    const table = derivedTable(['Date', 'Delinquent', 'Account Balance'], {
      kind: 'events',
      columns: {
        Date: { role: 'date', format: 'ymd' },
        // One account can have several Stripe customers: delinquent if any is, balances add up.
        Delinquent: { role: 'metric', metric: 'billing_delinquent', aggregate: 'max' },
        'Account Balance': { role: 'metric', metric: 'billing_balance', aggregate: 'sum' },
      },
    });
    let balances = 0;
    input.forEachRow((cells, accountId, row) => {
      const raw = cells.get('balance');
      const amount = readAmount(raw, unit.unit);
      if (amount !== null) balances++;
      const balance = amount === undefined ? raw : amount === null ? '' : String(amount);
      table.push([accountId, day, cells.get('delinquent'), balance], row);
    });
    if (balances > 0)
      notes.push(
        `Account balances read in ${unit.unit === 'cents' ? 'cents' : 'major units'}: ${unit.reason}.`,
      );
    notes.push(`Delinquency and balances are recorded on ${day}, the day the export describes.`);
    return { imports: compact([table.done()]), accountUpdates: [], notes, issues: [] };
  },
};
