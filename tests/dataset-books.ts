// The real data sets of tests/datasets as Books, read as the tests and the measurements read
// them: IBM Telco (one row per customer: numeric columns as one-observation series at a
// snapshot, categories as attributes, Churn an outcome `horizon` days later) and RavenStack (its
// five tables, outcomes imported as the app imports them).
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { isoToDay, ymdToDay } from '../src/lib/engine/dates';
import type { Account, Book, SignalSeries } from '../src/lib/engine/types';
import {
  BUILTIN_PRESETS,
  outcomeFactsOf,
  prepareImport,
  type ImportMapping,
} from '../src/lib/import';
import { RAVENSTACK_DIR, TELCO_CSV } from './datasets';
import { FIXED_TODAY_ISO } from './setup';

/** Telco's numeric columns (the others are categories). */
export const TELCO_NUMERIC = new Set(['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges']);
const NUMERIC = TELCO_NUMERIC;

/** Telco rows → raw measure matrix: numbers as they are (blank = missing), categories as codes. */
export function telcoRows(): { fields: string[]; rows: Record<string, string>[] } {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(TELCO_CSV, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  return { fields: parsed.meta.fields!, rows: parsed.data };
}

export const TELCO_SNAPSHOT = ymdToDay(2024, 6, 30);
const SNAPSHOT = TELCO_SNAPSHOT;

/** Telco as a Book: numeric columns are one-observation series at the snapshot, categories are attributes, Churn an outcome `horizon` days later. */
export function loadTelcoBook(horizon: number): Book {
  const { fields, rows } = telcoRows();
  const book: Book = { accounts: [], series: [], outcomes: [], pulses: [], overrides: [] };
  for (const r of rows) {
    const attributes: Record<string, string> = {};
    for (const f of fields) {
      if (f === 'customerID' || f === 'Churn') continue;
      if (NUMERIC.has(f)) {
        if (r[f].trim() === '') continue;
        book.series.push({
          accountId: r.customerID,
          metric: f,
          days: Int32Array.of(SNAPSHOT),
          values: Float64Array.of(Number(r[f])),
        });
      } else attributes[f] = r[f];
    }
    book.accounts.push({
      id: r.customerID,
      name: r.customerID,
      segment: null,
      arr: null,
      seats: null,
      contractStart: null,
      renewalDate: null,
      owner: null,
      attributes,
    });
    book.outcomes.push({
      accountId: r.customerID,
      day: SNAPSHOT + horizon,
      outcome: r.Churn === 'Yes' ? 'churned' : 'renewed',
      reason: null,
      avoidable: null,
    });
  }
  return book;
}

function table(name: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(`${RAVENSTACK_DIR}${name}`, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

const day = (iso: string): number => {
  const d = isoToDay(iso.slice(0, 10));
  if (d === null) throw new Error(`bad date ${iso}`);
  return d;
};

/** Sums values per account and day, then lays each account's days out as a columnar series. */
class DailySeries {
  private readonly byAccount = new Map<string, Map<number, number>>();
  constructor(readonly metric: string) {}
  add(accountId: string, d: number, value: number): void {
    let days = this.byAccount.get(accountId);
    if (!days) this.byAccount.set(accountId, (days = new Map()));
    days.set(d, (days.get(d) ?? 0) + value);
  }
  series(): SignalSeries[] {
    return [...this.byAccount].map(([accountId, days]) => {
      const sorted = [...days.keys()].sort((a, b) => a - b);
      return {
        accountId,
        metric: this.metric,
        days: Int32Array.from(sorted),
        values: Float64Array.from(sorted, (d) => days.get(d)!),
      };
    });
  }
}

const presetMapping = (id: string): ImportMapping =>
  BUILTIN_PRESETS.find((p) => p.id === id)!.mapping;

/**
 * Outcomes as the app imports them, subscriptions first: the churn events then withdraw the
 * renewals on or after each account's first churn. Returns them with the account fields.
 */
async function importedOutcomes(accountIds: ReadonlySet<string>) {
  const context = {
    today: isoToDay(FIXED_TODAY_ISO)!,
    knownAccountIds: accountIds,
  };
  const read = (name: string) => readFileSync(`${RAVENSTACK_DIR}ravenstack_${name}.csv`, 'utf8');
  const subs = await prepareImport(
    read('subscriptions'),
    presetMapping('ravenstack-subscriptions'),
    {
      ...context,
      fileName: 'subscriptions',
      outcomeFacts: outcomeFactsOf([]),
    },
  );
  const churn = await prepareImport(
    read('churn_events'),
    presetMapping('ravenstack-churn-events'),
    {
      ...context,
      fileName: 'churn_events',
      outcomeFacts: outcomeFactsOf(subs.outcomes),
    },
  );
  const key = (o: { accountId: string; day: number }) => `${o.accountId}|${o.day}`;
  const gone = new Set([...churn.withdrawnOutcomes, ...churn.outcomes].map(key));
  return {
    outcomes: [...subs.outcomes.filter((o) => !gone.has(key(o))), ...churn.outcomes],
    patches: new Map(subs.accountPatches.map((p) => [p.id, p])),
  };
}

/** The five tables as a Book. churn_flag is deliberately not kept (it is the outcome). */
export async function loadRavenStackBook(): Promise<Book> {
  const rows = table('ravenstack_accounts.csv');
  const { outcomes, patches } = await importedOutcomes(new Set(rows.map((r) => r.account_id)));
  const accounts: Account[] = rows.map((r) => ({
    id: r.account_id,
    name: r.account_name,
    segment: r.industry,
    arr: patches.get(r.account_id)?.arr ?? null,
    seats: Number(r.seats),
    contractStart: day(r.signup_date),
    renewalDate: patches.get(r.account_id)?.renewalDate ?? null,
    owner: null,
    attributes: { plan_tier: r.plan_tier, country: r.country, referral_source: r.referral_source },
  }));
  const subAccount = new Map<string, string>();
  const arr = new DailySeries('arr');
  const subSeats = new DailySeries('licensed_seats');
  for (const s of table('ravenstack_subscriptions.csv')) {
    subAccount.set(s.subscription_id, s.account_id);
    arr.add(s.account_id, day(s.start_date), Number(s.arr_amount));
    subSeats.add(s.account_id, day(s.start_date), Number(s.seats));
  }
  const tickets = new DailySeries('tickets');
  const escalations = new DailySeries('escalations');
  const csat = new DailySeries('csat');
  const resolution = new DailySeries('resolution_hours');
  for (const t of table('ravenstack_support_tickets.csv')) {
    const d = day(t.submitted_at);
    tickets.add(t.account_id, d, 1);
    escalations.add(t.account_id, d, t.escalation_flag === 'True' ? 1 : 0);
    if (t.resolution_time_hours !== '')
      resolution.add(t.account_id, d, Number(t.resolution_time_hours));
    if (t.satisfaction_score !== '') csat.add(t.account_id, d, Number(t.satisfaction_score));
  }
  const usage = new DailySeries('core_actions');
  const errors = new DailySeries('usage_errors');
  for (const u of table('ravenstack_feature_usage.csv')) {
    const a = subAccount.get(u.subscription_id);
    if (!a) continue;
    usage.add(a, day(u.usage_date), Number(u.usage_count));
    errors.add(a, day(u.usage_date), Number(u.error_count));
  }
  const series = [arr, subSeats, tickets, escalations, csat, resolution, usage, errors].flatMap(
    (s) => s.series(),
  );
  return { accounts, series, outcomes, pulses: [], overrides: [] };
}
