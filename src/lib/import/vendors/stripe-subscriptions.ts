// Stripe subscriptions: each account's MRR history, churned/contracted outcomes from
// cancellations (with Stripe's cancellation reason), renewals inferred from the subscription
// terms with the account's ARR and renewal date (the core's 'subscriptions' kind), and
// past-due subscriptions.
import { parseNumber } from '../numbers';
import type { RowIssue } from '../prepared-import';
import { compact, derivedTable, isoCellDay, isoDay } from './derive';
import { col, type VendorPreset } from './preset';
import {
  STRIPE_METADATA_COLUMNS,
  stripeCustomerId,
  stripeExplicitIds,
  usableName,
} from './stripe-common';
import {
  cancellationOutcomes,
  monthlyAmount,
  mrrHistory,
  type SubscriptionSpan,
} from './stripe-mrr';
import { detectAmountUnit, readAmount } from './units';

const PAST_DUE = new Set(['past_due', 'unpaid', 'past due']);
const ENDED = new Set(['canceled', 'cancelled', 'incomplete_expired', 'ended']);

/** Stripe subscriptions export (`Amount, Interval` or `Plan Amount, Plan Interval, Plan Interval Count`). */
export const stripeSubscriptions: VendorPreset = {
  id: 'stripe-subscriptions',
  name: 'Stripe subscriptions',
  source: 'stripe',
  columns: [
    col('id', ['id', 'Subscription ID'], true),
    col('customerId', ['Customer ID', 'Customer'], true),
    col('customerName', ['Customer Name']),
    col('customerEmail', ['Customer Email']),
    col('status', ['Status'], true),
    col('reason', ['Cancellation Reason']),
    col('created', ['Created (UTC)', 'Created']),
    col('start', ['Start (UTC)', 'Start Date (UTC)', 'Start', 'Start Date']),
    col('periodStart', ['Current Period Start (UTC)']),
    col('periodEnd', ['Current Period End (UTC)']),
    col('canceledAt', ['Canceled At (UTC)', 'Canceled At', 'Cancelled At (UTC)']),
    col('endedAt', ['Ended At (UTC)', 'Ended At']),
    col('quantity', ['Quantity']),
    col('amount', ['Amount', 'Plan Amount'], true),
    col('interval', ['Interval', 'Plan Interval'], true),
    col('intervalCount', ['Plan Interval Count', 'Interval Count']),
    ...STRIPE_METADATA_COLUMNS,
  ],
  signature: [
    'id',
    'customerId',
    'status',
    'quantity',
    'amount',
    'interval',
    'start',
    'periodEnd',
    'canceledAt',
    'endedAt',
  ],
  rowKey(cells) {
    const email = cells.get('customerEmail');
    return {
      sourceId: stripeCustomerId(cells.get('customerId'), email),
      name: usableName(cells.get('customerName')),
      domains: email === '' ? [] : [email],
      explicitIds: stripeExplicitIds(cells),
    };
  },
  build(input) {
    const unit = detectAmountUnit(input.columnValues('amount'), input.amountUnit);
    const issues: RowIssue[] = [];
    const spans = new Map<string, SubscriptionSpan[]>();
    const pastDue = derivedTable(['Date', 'Status'], {
      kind: 'events',
      columns: {
        Date: { role: 'date', format: 'ymd' },
        Status: { role: 'metric', metric: 'subscriptions_past_due', aggregate: 'sum' },
      },
    });
    const snapshot = isoDay(input.snapshotDay);
    let future = 0;
    input.forEachRow((cells, accountId, row) => {
      const issue = (key: string, reason: string) =>
        issues.push({
          row,
          column: cells.header(key),
          value: cells.get(key),
          reason,
          code: 'not-a-number',
        });
      const amount = readAmount(cells.get('amount'), unit.unit);
      const quantity = cells.get('quantity') === '' ? 1 : parseNumber(cells.get('quantity'));
      const count = cells.get('intervalCount') === '' ? 1 : parseNumber(cells.get('intervalCount'));
      if (amount === undefined || amount === null) return issue('amount', 'not an amount');
      if (quantity === undefined || quantity === null) return issue('quantity', 'not a quantity');
      if (count === undefined || count === null) return issue('intervalCount', 'not a number');
      const mrr = monthlyAmount(amount, quantity, cells.get('interval'), count);
      if (mrr === undefined)
        return issue('interval', 'unknown billing interval (expected day, week, month or year)');
      const start = isoCellDay(cells.get('start')) ?? isoCellDay(cells.get('created'));
      if (start === null) {
        issues.push({
          row,
          column: cells.header('start'),
          value: cells.get('start'),
          reason: 'no start or created date',
          code: 'not-a-date',
        });
        return;
      }
      if (start > input.today) {
        future++;
        return;
      }
      const status = cells.get('status').toLowerCase();
      const endedAt = isoCellDay(cells.get('endedAt'));
      // Canceled At without Ended At is a cancellation still running to the period end.
      const canceledAt = ENDED.has(status) ? isoCellDay(cells.get('canceledAt')) : null;
      let end = endedAt ?? canceledAt;
      if (end !== null && end > input.today) end = null;
      const reason = cells.get('reason') === '' ? null : cells.get('reason');
      const list = spans.get(accountId) ?? [];
      list.push({ mrr, start, end, reason, row });
      spans.set(accountId, list);
      if (end === null) pastDue.push([accountId, snapshot, PAST_DUE.has(status) ? '1' : '0'], row);
    });
    const mrrTable = derivedTable(['Date', 'MRR'], {
      kind: 'signals-wide',
      columns: { Date: { role: 'date', format: 'ymd' }, MRR: { role: 'metric', metric: 'mrr' } },
    });
    const outcomes = derivedTable(['Date', 'Outcome', 'Cancellation Reason'], {
      kind: 'outcomes',
      columns: {
        Date: { role: 'date', format: 'ymd' },
        Outcome: { role: 'outcome', values: { churned: 'churned', contracted: 'contracted' } },
        'Cancellation Reason': { role: 'reason' },
      },
    });
    // Each subscription's term for the core's 'subscriptions' kind: inferred renewals, and the
    // account's ARR and renewal date from what is in force on the snapshot day.
    const terms = derivedTable(['Start', 'End', 'Annual amount'], {
      kind: 'subscriptions',
      snapshotDate: snapshot,
      columns: {
        Start: { role: 'date', format: 'ymd' },
        End: { role: 'end-date', format: 'ymd' },
        'Annual amount': { role: 'amount', per: 'year' },
      },
    });
    for (const [accountId, list] of spans) {
      const history = mrrHistory(list);
      for (const p of history) mrrTable.push([accountId, isoDay(p.day), String(p.mrr)], p.row);
      const last = history[history.length - 1];
      if (last.day < input.snapshotDay)
        mrrTable.push([accountId, snapshot, String(last.mrr)], last.row);
      for (const o of cancellationOutcomes(list))
        outcomes.push([accountId, isoDay(o.day), o.outcome, o.reason ?? ''], o.row);
      for (const t of list) {
        const end = t.end === null ? '' : isoDay(t.end);
        terms.push([accountId, isoDay(t.start), end, String(t.mrr * 12)], t.row);
      }
    }
    const notes = [
      `Amounts read in ${unit.unit === 'cents' ? 'cents' : 'major units'}: ${unit.reason}.`,
      'MRR = amount × quantity ÷ interval (years ÷ 12, weeks × 52 ÷ 12); ARR = 12 × the MRR in force on the snapshot day.',
    ];
    if (future > 0) notes.push(`${future} subscription(s) starting after today were left out.`);
    return {
      imports: compact([mrrTable.done(), outcomes.done(), pastDue.done(), terms.done()]),
      accountUpdates: [],
      notes,
      issues,
    };
  },
};
