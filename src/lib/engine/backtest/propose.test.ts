// The proposal's readability: measures named in words, placed in the five dimensions where
// names allow, directions guessed from names — on the Telco and RavenStack columns and the
// demo book — and snapshots, event counts and sparse levels each read the right way.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { RAVENSTACK_DIR, TELCO_CSV } from '../../../../tests/datasets';
import { isoToDay, ymdToDay } from '../dates';
import { DEMO_METRICS, generateDemoBook } from '../demo';
import type { Account, Book } from '../types';
import { calendarTenure, proposeMeasures } from './propose';
import { prepareBook, scoreBook } from '../index';
import { inlineName } from '../score/explain';
import {
  columnLabel,
  dimensionOf,
  directionFromName,
  directionSentence,
  measurePhraseTemplate,
  type Dimension,
} from './propose-names';

const header = (path: string) => readFileSync(path, 'utf8').split(/\r?\n/, 1)[0].split(',');

const account = (id: string, attributes: Account['attributes'] = {}): Account => ({
  id,
  name: id,
  segment: null,
  arr: null,
  seats: null,
  contractStart: null,
  renewalDate: null,
  owner: null,
  attributes,
});

const empty = (): Book => ({ accounts: [], series: [], outcomes: [], pulses: [], overrides: [] });

describe('names in words', () => {
  it('reads every Telco column as a CS lead would', () => {
    const columns = header(TELCO_CSV);
    expect(columns).toContain('MonthlyCharges');
    const labels = Object.fromEntries(columns.map((c) => [c, columnLabel(c)]));
    expect(labels).toMatchObject({
      MonthlyCharges: 'Monthly charges',
      TotalCharges: 'Total charges',
      SeniorCitizen: 'Senior citizen',
      TechSupport: 'Tech support',
      StreamingTV: 'Streaming TV',
      PaymentMethod: 'Payment method',
      tenure: 'Tenure',
    });
    // The names the app's Telco preset gives the same columns.
    expect(columnLabel('tenure_months')).toBe('Tenure (months)');
    expect(columnLabel('monthly_charges')).toBe('Monthly charges');
    expect(columnLabel('tenureDays')).toBe('Tenure (days)');
    expect(columnLabel('arr')).toBe('ARR');
  });

  it('places the Telco columns in dimensions only where the name allows', () => {
    const dims = Object.fromEntries(header(TELCO_CSV).map((c) => [c, dimensionOf(c)]));
    expect(dims).toMatchObject({
      MonthlyCharges: 'financial',
      TotalCharges: 'financial',
      PaymentMethod: 'financial',
      PaperlessBilling: 'financial',
      tenure: 'relationship',
      TechSupport: 'support',
      // A partner or dependants are household facts, not the customer relationship.
      Partner: 'other',
      Dependents: 'other',
      gender: 'other',
      InternetService: 'other',
    });
  });

  it('reads the RavenStack tables: support times lower is better, usage and satisfaction higher', () => {
    const tickets = header(`${RAVENSTACK_DIR}ravenstack_support_tickets.csv`);
    const usage = header(`${RAVENSTACK_DIR}ravenstack_feature_usage.csv`);
    const subs = header(`${RAVENSTACK_DIR}ravenstack_subscriptions.csv`);
    expect(tickets).toEqual(
      expect.arrayContaining(['resolution_time_hours', 'first_response_time_minutes']),
    );
    const read = (c: string) => [
      columnLabel(c),
      dimensionOf(c),
      directionFromName(c).higherIsBetter,
    ];
    expect(read('resolution_time_hours')).toEqual(['Resolution time (hours)', 'support', false]);
    expect(read('first_response_time_minutes')).toEqual([
      'First response time (minutes)',
      'support',
      false,
    ]);
    expect(read('satisfaction_score')).toEqual(['Satisfaction score', 'support', true]);
    expect(read('escalation_flag')).toEqual(['Escalation flag', 'support', false]);
    expect(usage).toEqual(expect.arrayContaining(['usage_count', 'error_count']));
    expect(read('usage_count')).toEqual(['Usage count', 'usage', true]);
    expect(read('error_count')).toEqual(['Error count', 'usage', false]);
    expect(read('usage_duration_secs')).toEqual(['Usage duration (seconds)', 'usage', true]);
    expect(subs).toEqual(expect.arrayContaining(['arr_amount', 'seats']));
    expect(read('arr_amount')).toEqual(['ARR amount', 'financial', true]);
    expect(read('seats')).toEqual(['Seats', 'usage', true]);
    expect(read('plan_tier')).toEqual(['Plan tier', 'financial', true]);
    expect(read('days_past_due')).toEqual(['Days past due', 'financial', false]);
    // A response *rate* is better high; only response and resolution *times* are better low.
    expect(directionFromName('email_response_rate').higherIsBetter).toBe(true);
  });
});

describe('calendar artefacts', () => {
  it('leave tenure out when renewals fall on contract anniversaries, and say why', () => {
    // The demo renews on anniversaries: tenure at an outcome only says which one it is.
    const book = generateDemoBook({ endDay: isoToDay('2026-11-23')! });
    const found = calendarTenure(book)!;
    expect(found.onAnniversary / found.outcomes).toBeGreaterThanOrEqual(0.8);
    const proposal = proposeMeasures(book);
    expect(proposal.measures.some((m) => m.column === 'tenureDays')).toBe(false);
    const why = proposal.skipped.find((s) => s.column === 'tenureDays')!;
    expect(why.reason).toBe(
      `${found.onAnniversary} of ${found.outcomes} renewal outcomes fall within a month of a contract anniversary, so at a renewal tenure only says which anniversary it is — it reads the calendar, not health`,
    );
  });

  it('keep tenure when outcomes fall across the contract year', () => {
    const book = generateDemoBook({ endDay: isoToDay('2026-11-23')! });
    // Move every outcome by a different part of the year: no longer on anniversaries.
    const shifted: Book = {
      ...book,
      outcomes: book.outcomes.map((o, i) => ({ ...o, day: o.day + ((i * 53) % 300) + 40 })),
    };
    expect(calendarTenure(shifted)).toBeNull();
    expect(proposeMeasures(shifted).measures.some((m) => m.column === 'tenureDays')).toBe(true);
  });
});

describe('proposeMeasures', () => {
  it('on the demo book: each metric in the dimension the demo assigns it, named in words', () => {
    const book = generateDemoBook({ endDay: isoToDay('2026-11-23')! });
    const proposal = proposeMeasures(book);
    for (const [dimension, metrics] of Object.entries(DEMO_METRICS)) {
      for (const metric of metrics) {
        const level = proposal.measures.find((m) => m.column === metric && m.kind !== 'change');
        expect(level?.dimension, metric).toBe(dimension as Dimension);
      }
    }
    const names = proposal.measures.map((m) => m.name);
    expect(names).toContain('Tickets (90-day mean)');
    expect(names).toContain('Change in tickets (30 days)');
    expect(names).toContain('Days past due (90-day mean)');
    const tickets = proposal.measures.find((m) => m.name === 'Tickets (90-day mean)')!;
    expect(tickets).toMatchObject({
      direction: 'lower',
      directionFrom: 'name',
      matched: 'tickets',
    });
    const users = proposal.measures.find((m) => m.name === 'Active users (90-day mean)')!;
    expect(users).toMatchObject({ direction: 'higher', directionFrom: 'assumed' });
    // Groups are the dimensions, in the seeds' order, "other" last.
    expect(proposal.model.groups.map((g) => g.id)).toEqual([
      'usage',
      'support',
      'engagement',
      'relationship',
      'financial',
      'other',
    ]);
    // Scoring follows the stated direction.
    const scoring = proposal.model.groups
      .flatMap((g) => g.measures)
      .find((m) => m.id === tickets.id)!.scoring;
    expect(scoring).toEqual({ type: 'percentile', higherIsBetter: false });
  });

  it('reads a snapshot (Telco rows) as each value, not a 90-day mean', () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(TELCO_CSV, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data.slice(0, 300);
    const day = ymdToDay(2026, 10, 1);
    const book = empty();
    for (const r of rows) {
      book.accounts.push(account(r.customerID, { Contract: r.Contract, Churn: r.Churn }));
      for (const metric of ['tenure', 'MonthlyCharges']) {
        book.series.push({
          accountId: r.customerID,
          metric,
          days: Int32Array.of(day),
          values: Float64Array.of(Number(r[metric])),
        });
      }
    }
    const p = proposeMeasures(book);
    const charges = p.measures.find((m) => m.column === 'MonthlyCharges')!;
    expect(charges).toMatchObject({
      name: 'Monthly charges',
      kind: 'latest',
      dimension: 'financial',
    });
    expect(p.measures.filter((m) => m.kind === 'change')).toEqual([]);
    const source = p.model.groups
      .flatMap((g) => g.measures)
      .find((m) => m.id === charges.id)!.source;
    expect(source).toMatchObject({ kind: 'aggregate', agg: 'latest' });
    // The churn column restates the outcome: left out, and said why.
    expect(p.skipped).toEqual([{ column: 'Churn', reason: 'it looks like the outcome itself' }]);
    // Without outcomes a category cannot be ranked: it is proposed with weight 0.
    const contract = p.model.groups.flatMap((g) => g.measures).find((m) => m.name === 'Contract')!;
    expect(contract.weight).toBe(0);
    expect(p.measures.find((m) => m.column === 'Contract')!.direction).toBe('category');
  });

  it('totals event counts, takes the latest of sparse levels, skips constants', () => {
    const book = empty();
    const start = ymdToDay(2026, 1, 1);
    for (let a = 0; a < 25; a++) {
      const id = `A${a}`;
      book.accounts.push(account(id, { plan: a % 2 ? 'Pro' : 'Basic', code: `c${a}` }));
      // Tickets on irregular days, one row per day with tickets: a count of events.
      const ticketDays = [3, 11, 12, 40, 95, 97, 160].map((d) => start + d + a);
      book.series.push({
        accountId: id,
        metric: 'tickets',
        days: Int32Array.from(ticketDays),
        values: Float64Array.from(ticketDays, (_, i) => 1 + ((i + a) % 3)),
      });
      // A satisfaction score surveyed twice a year: a level, observed rarely.
      book.series.push({
        accountId: id,
        metric: 'satisfaction_score',
        days: Int32Array.of(start + a, start + 180 + a),
        values: Float64Array.of(3 + (a % 3), 4),
      });
      book.series.push({
        accountId: id,
        metric: 'region_code',
        days: Int32Array.of(start),
        values: Float64Array.of(7),
      });
    }
    const p = proposeMeasures(book);
    const byColumn = (c: string) => p.measures.filter((m) => m.column === c).map((m) => m.name);
    expect(byColumn('tickets')).toEqual(['Tickets (90-day total)', 'Change in tickets (30 days)']);
    expect(byColumn('satisfaction_score')).toEqual(['Satisfaction score (latest)']);
    expect(p.skipped).toEqual(
      expect.arrayContaining([
        { column: 'region_code', reason: 'the same value everywhere' },
        { column: 'code', reason: 'more than 20 different values' },
      ]),
    );
    expect(p.measures.find((m) => m.column === 'plan')).toMatchObject({
      dimension: 'financial',
      kind: 'category',
    });
  });

  it('reads ARR and seats from their dated series, not from today’s account fields', () => {
    const book = empty();
    const start = ymdToDay(2025, 1, 1);
    for (let a = 0; a < 10; a++) {
      // Today's ARR is 0 for a churned customer: as an undated attribute it would leak the end.
      book.accounts.push({ ...account(`A${a}`), arr: a % 2 ? 0 : 12_000, seats: 10 + a });
      book.series.push({
        accountId: `A${a}`,
        metric: 'mrr',
        days: Int32Array.of(start, start + 30, start + 60),
        values: Float64Array.of(1000, 1000, a % 2 ? 0 : 1000),
      });
    }
    const p = proposeMeasures(book);
    expect(p.measures.some((m) => m.column === 'arr')).toBe(false);
    expect(p.skipped).toContainEqual({
      column: 'arr',
      reason:
        "today's value would leak later changes into the past; the dated mrr series is read instead",
    });
    expect(p.measures.some((m) => m.column === 'mrr')).toBe(true);
    // Seats have no dated series here: the account field is still proposed.
    expect(p.measures.some((m) => m.column === 'seats')).toBe(true);
  });
});

describe('explanations and directions in words', () => {
  it('a snapshot series is "is", never a "90-day mean"; names, not ids, in the explanation', () => {
    // Telco as the app imports it: tenure as a one-point `tenure_months` series per customer.
    const day = ymdToDay(2026, 10, 1);
    const book = empty();
    for (let a = 0; a < 40; a++) {
      book.accounts.push({ ...account(`C${a}`), contractStart: day - 30 * (a + 1) });
      book.series.push({
        accountId: `C${a}`,
        metric: 'tenure_months',
        days: Int32Array.of(day),
        values: Float64Array.of(a + 1),
      });
    }
    const p = proposeMeasures(book);
    const measures = p.model.groups.flatMap((g) => g.measures);
    const tenure = measures.find((m) => m.source.kind === 'aggregate')!;
    expect(tenure.name).toBe('Tenure (months)');
    // The unit follows the value, as a CSM would say it: "tenure is 14 months", "1 month".
    expect(tenure.phrase).toBe('tenure is {value} months');
    expect(measures.find((m) => m.source.kind === 'attribute')!.phrase).toBe('tenure is {value}');
    const explanations = scoreBook(prepareBook(book), p.model, day).map((s) => s.explanation);
    expect(explanations.join(' ')).toMatch(/tenure is \d+ months/);
    expect(explanations.join(' ')).toMatch(/tenure is \d+ days/);
    expect(explanations.join(' ')).toMatch(/tenure is 1 month[,;. ]/);
    for (const e of explanations) {
      expect(e).not.toMatch(/90-day mean|tenure_months|attr_|_level|\(months\)|\b1 months/);
    }
  });

  it('a weekly series averages per week over its window; a change falls or rises over its window', () => {
    const book = empty();
    const start = ymdToDay(2026, 1, 1);
    for (let a = 0; a < 10; a++) {
      book.accounts.push(account(`A${a}`));
      book.series.push({
        accountId: `A${a}`,
        metric: 'active_users',
        days: Int32Array.from({ length: 30 }, (_, w) => start + 7 * w),
        values: Float64Array.from({ length: 30 }, (_, w) => 10 + a + (w % 4)),
      });
    }
    const phrases = proposeMeasures(book).model.groups.flatMap((g) =>
      g.measures.map((m) => m.phrase),
    );
    expect(phrases).toEqual([
      {
        good: 'active users averaged {value} a week over {window}',
        bad: 'active users averaged {value} a week over {window}',
        zero: 'no active users in {window}',
      },
      'active users {change} over {window}',
    ]);
  });

  it('puts a unit after the value, not in brackets after the name', () => {
    expect(measurePhraseTemplate('first_response_minutes', 'latest', 'number')).toBe(
      'first response is {value} minutes',
    );
    expect(
      measurePhraseTemplate('first_response_minutes', 'latest', 'number', { sparseLevel: true }),
    ).toBe('latest first response is {value} minutes');
    expect(measurePhraseTemplate('usage_duration_secs', 'mean', 'number', { gapDays: 1 })).toBe(
      'usage duration averaged {value} seconds a day over {window}',
    );
    expect(measurePhraseTemplate('resolution_time_hours', 'total', 'number')).toBe(
      'resolution time totalled {value} hours over {window}',
    );
    expect(measurePhraseTemplate('discount_pct', 'latest', 'number')).toBe('discount is {value}%');
    // A state read at each moment is no amount per period: "days past due averaged 22 a week"
    // would read as a rate.
    expect(measurePhraseTemplate('days_past_due', 'mean', 'number', { gapDays: 7 })).toBe(
      'days past due averaged {value} over {window}',
    );
    expect(measurePhraseTemplate('days_since_last_login', 'mean', 'number', { gapDays: 1 })).toBe(
      'days since last login averaged {value} over {window}',
    );
    // A format that says its own unit ("17 days") is not given it twice.
    expect(measurePhraseTemplate('tenure_days', 'latest', 'days')).toBe('tenure is {value}');
    expect(measurePhraseTemplate('usage_duration_secs', 'change', 'percent')).toBe(
      'usage duration {change} over {window}',
    );
  });

  it('an event count of none reads "no … in" its window; a level of 0 keeps its value', () => {
    expect(measurePhraseTemplate('qbr', 'mean', 'number', { gapDays: 7 })).toEqual({
      good: 'QBR averaged {value} a week over {window}',
      bad: 'QBR averaged {value} a week over {window}',
      zero: 'no QBR in {window}',
    });
    expect(measurePhraseTemplate('tickets', 'total', 'number')).toEqual({
      good: 'tickets totalled {value} over {window}',
      bad: 'tickets totalled {value} over {window}',
      zero: 'no tickets in {window}',
    });
    // "Feature usage count" counts feature usage: none of it is "no feature usage".
    expect(measurePhraseTemplate('feature_usage_count', 'mean', 'number')).toMatchObject({
      zero: 'no feature usage in {window}',
    });
    // A score, an amount, a duration or a number of seats at 0 is a value, not an absence.
    for (const c of ['csat', 'usage_duration_secs', 'seats', 'arr'])
      expect(typeof measurePhraseTemplate(c, 'mean', 'number'), c).toBe('string');
  });

  it('a yes/no column reads "yes" or "no", never 1 or 0', () => {
    expect(
      measurePhraseTemplate('paperless_billing', 'latest', 'number', { binary: true }),
    ).toEqual({
      good: 'paperless billing: yes',
      bad: 'paperless billing: yes',
      zero: 'paperless billing: no',
    });
    expect(directionSentence('senior_citizen', 'latest', 'lower', { binary: true })).toBe(
      'senior citizen: yes → lower score',
    );
    expect(directionSentence('partner', 'latest', 'higher', { binary: true })).toBe(
      'partner: no → lower score',
    );
  });

  it('says which way each measure moves the score', () => {
    expect(directionSentence('active_users', 'mean', 'higher')).toBe(
      'fewer active users → lower score',
    );
    expect(directionSentence('tickets', 'total', 'lower')).toBe('more tickets → lower score');
    expect(directionSentence('tenure_months', 'latest', 'higher')).toBe(
      'shorter tenure → lower score',
    );
    expect(directionSentence('nps', 'latest', 'higher')).toBe('lower NPS → lower score');
    expect(directionSentence('MonthlyCharges', 'latest', 'lower')).toBe(
      'higher monthly charges → lower score',
    );
    expect(directionSentence('core_actions', 'change', 'higher')).toBe(
      'a fall in core actions → lower score',
    );
    expect(directionSentence('Contract', 'category', 'category')).toBe('points per contract');
    // Days counted are more or fewer; an event under an acronym is counted in the plural.
    expect(directionSentence('days_past_due', 'mean', 'lower')).toBe(
      'more days past due → lower score',
    );
    expect(directionSentence('days_since_last_login', 'latest', 'lower')).toBe(
      'more days since last login → lower score',
    );
    expect(directionSentence('qbr', 'mean', 'higher')).toBe('fewer QBRs → lower score');
    expect(directionSentence('qbr', 'change', 'higher')).toBe('a fall in QBR → lower score');
    // A column counted in a time unit is a span: longer or shorter, not higher or lower.
    expect(directionSentence('first_response_minutes', 'latest', 'lower')).toBe(
      'longer first response → lower score',
    );
    // Seats are counted ("more seats"); seat utilisation is a level ("lower seat utilisation").
    expect(directionSentence('seats', 'mean', 'lower')).toBe('more seats → lower score');
    expect(directionSentence('seat_utilisation', 'latest', 'higher')).toBe(
      'lower seat utilisation → lower score',
    );
    expect(inlineName('NPS (latest)')).toBe('NPS (latest)');
    expect(inlineName('Active Users (90-day mean)')).toBe('active users (90-day mean)');
  });
});

describe('yes/no columns and natural ratios', () => {
  it('a 0/1 column reads yes or no, never "is 1"', () => {
    const book: Book = {
      accounts: ['a', 'b', 'c'].map((id, i) => ({
        id,
        name: id,
        segment: null,
        arr: null,
        seats: null,
        contractStart: null,
        renewalDate: null,
        owner: null,
        attributes: { paperless_billing: i % 2, monthly_charges: 20 + i },
      })),
      series: [],
      outcomes: [],
      pulses: [],
      overrides: [],
    };
    const p = proposeMeasures(book);
    const paperless = p.measures.find((m) => m.column === 'paperless_billing')!;
    expect(paperless.binary).toBe(true);
    expect(paperless.directionText).toMatch(/^paperless billing: (yes|no) → lower score$/);
    const measure = p.model.groups.flatMap((g) => g.measures).find((m) => m.id === paperless.id)!;
    expect(measure.phrase).toEqual({
      good: 'paperless billing: yes',
      bad: 'paperless billing: yes',
      zero: 'paperless billing: no',
    });
    expect(p.measures.find((m) => m.column === 'monthly_charges')!.binary).toBeUndefined();
  });

  it('reads usage per licensed seat and per active user', () => {
    const book = generateDemoBook({ endDay: isoToDay('2026-11-23')! });
    const p = proposeMeasures(book);
    const ratios = p.model.groups
      .flatMap((g) => g.measures)
      .filter((m) => m.source.kind === 'ratio')
      .map((m) => m.name);
    expect(ratios).toEqual([
      'Core actions per active user',
      'Active users per licensed seat',
      'Core actions per licensed seat',
    ]);
  });
});
