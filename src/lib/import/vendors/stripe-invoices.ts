// Stripe invoices: amounts billed on the invoice day, invoices that went overdue on their due
// day (known only because they are still unpaid), and open invoices on the snapshot day. Payment
// status is as of the export, so it is never written back onto the invoice day.
import { parseBoolean } from '../booleans';
import { compact, derivedTable, isoCellDay, isoDay } from './derive';
import { col, type VendorPreset } from './preset';
import {
  STRIPE_METADATA_COLUMNS,
  stripeCustomerId,
  stripeExplicitIds,
  usableName,
} from './stripe-common';
import { detectAmountUnit, readAmount } from './units';

const OPEN = new Set(['open', 'uncollectible', 'past_due']);
const NOT_BILLED = new Set(['draft', 'void', 'deleted']);

/** Stripe invoices export (`invoices.csv`; `Customer` holds the `cus_…` id). */
export const stripeInvoices: VendorPreset = {
  id: 'stripe-invoices',
  name: 'Stripe invoices',
  source: 'stripe',
  columns: [
    col('id', ['id', 'Invoice ID'], true),
    col('customer', ['Customer', 'Customer ID'], true),
    col('customerEmail', ['Customer Email']),
    col('customerName', ['Customer Name']),
    col('amountDue', ['Amount Due'], true),
    col('amountPaid', ['Amount Paid']),
    col('paid', ['Paid']),
    col('status', ['Status']),
    col('date', ['Date (UTC)', 'Created (UTC)', 'Date'], true),
    col('dueDate', ['Due Date (UTC)', 'Due Date']),
    col('number', ['Number']),
    col('subtotal', ['Subtotal']),
    col('total', ['Total']),
    col('closed', ['Closed']),
    ...STRIPE_METADATA_COLUMNS,
  ],
  signature: [
    'id',
    'customer',
    'amountDue',
    'amountPaid',
    'paid',
    'date',
    'dueDate',
    'number',
    'subtotal',
    'closed',
  ],
  rowKey(cells) {
    const email = cells.get('customerEmail');
    return {
      sourceId: stripeCustomerId(cells.get('customer'), email),
      name: usableName(cells.get('customerName')),
      domains: email === '' ? [] : [email],
      explicitIds: stripeExplicitIds(cells),
    };
  },
  build(input) {
    const unit = detectAmountUnit(
      [...input.columnValues('amountDue'), ...input.columnValues('amountPaid')],
      input.amountUnit,
    );
    const money = (raw: string) => {
      const v = readAmount(raw, unit.unit);
      return v === undefined ? raw : v === null ? '' : String(v);
    };
    const billed = derivedTable(['Date (UTC)', 'Amount Due'], {
      kind: 'events',
      eventCountMetric: 'invoices',
      columns: {
        'Date (UTC)': { role: 'date', format: 'ymd' },
        'Amount Due': { role: 'metric', metric: 'invoice_amount_due', aggregate: 'sum' },
      },
    });
    const overdue = derivedTable(['Due Date (UTC)', 'Amount Overdue'], {
      kind: 'events',
      eventCountMetric: 'invoices_overdue',
      columns: {
        'Due Date (UTC)': { role: 'date', format: 'ymd' },
        'Amount Overdue': { role: 'metric', metric: 'invoice_amount_overdue', aggregate: 'sum' },
      },
    });
    const open = derivedTable(['Date', 'Open'], {
      kind: 'events',
      columns: {
        Date: { role: 'date', format: 'ymd' },
        Open: { role: 'metric', metric: 'invoices_open', aggregate: 'sum' },
      },
    });
    const snapshot = isoDay(input.snapshotDay);
    input.forEachRow((cells, accountId, row) => {
      const status = cells.get('status').toLowerCase();
      if (NOT_BILLED.has(status)) return;
      billed.push([accountId, cells.get('date'), money(cells.get('amountDue'))], row);
      const paidFlag = parseBoolean(cells.get('paid'));
      const unpaid = status !== '' ? OPEN.has(status) : paidFlag === false;
      open.push([accountId, snapshot, unpaid ? '1' : '0'], row);
      const due = isoCellDay(cells.get('dueDate'));
      if (!unpaid || due === null || due > input.today) return;
      const dueAmount = readAmount(cells.get('amountDue'), unit.unit) ?? 0;
      const paidAmount = readAmount(cells.get('amountPaid'), unit.unit) ?? 0;
      overdue.push([accountId, isoDay(due), String(Math.max(0, dueAmount - paidAmount))], row);
    });
    return {
      imports: compact([billed.done(), overdue.done(), open.done()]),
      accountUpdates: [],
      notes: [
        `Amounts read in ${unit.unit === 'cents' ? 'cents' : 'major units'}: ${unit.reason}.`,
        `Unpaid invoices count as overdue from their due date; open invoices are recorded on ${snapshot}.`,
      ],
      issues: [],
    };
  },
};
