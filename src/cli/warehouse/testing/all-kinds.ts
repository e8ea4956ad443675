// Test bed for the SQL parity tests: a model using every measure source, aggregate, scoring
// function, missing-data policy, kind of context override and pattern condition, and a seeded
// book that exercises them (decimal values summed in order, gaps, missing series, accounts
// before their contract, pulses and overrides on the same day, text/boolean/number attributes,
// and the engine's freshness: stale and not-scored accounts, empty event windows with and
// without other data).
import { parseModelOrThrow } from '../../../lib/engine/model/parse';
import type { ModelDocument, ModelDocumentInput } from '../../../lib/engine/model/schema';
import { createRandom } from '../../../lib/engine/random';
import type {
  Account,
  Book,
  Outcome,
  Pulse,
  SignalSeries,
  BandOverride,
} from '../../../lib/engine/types';

type M = ModelDocumentInput['groups'][number]['measures'][number];
const measure = (
  id: string,
  weight: number,
  source: M['source'],
  scoring: M['scoring'],
  extra: Partial<M> = {},
): M => ({
  id,
  name: id.replace(/_/g, ' '),
  weight,
  source,
  scoring,
  horizon: 'leading',
  nature: 'activity',
  ...extra,
});
const lin = (red: number, green: number) => ({ type: 'linear' as const, red, green });

/** The all-kinds model. */
export const ALL_KINDS_MODEL: ModelDocument = parseModelOrThrow({
  format: 'canary-model/1',
  id: 'all-kinds',
  name: 'Every kind of measure',
  version: 3,
  bands: { redMax: 35.5, amberMax: 69 },
  trend: { windowDays: 21, deadZone: 3.5 },
  pulse: { halfLifeDays: 20 },
  lifecycle: {
    onboardingDays: 60,
    renewalWindowDays: 45.5,
    stages: [
      { id: 'mature', name: 'Mature', minTenureDays: 365, maxTenureDays: 730 },
      { id: 'veteran', name: 'Veteran', minTenureDays: 730, maxTenureDays: null },
    ],
  },
  groups: [
    {
      id: 'levels',
      name: 'Levels',
      weight: 40,
      measures: [
        measure(
          'agg_latest',
          3,
          { kind: 'aggregate', metric: 'u', agg: 'latest', windowDays: 14 },
          lin(10, 50),
          {
            missing: 'neutral',
            format: 'number',
            phrase: { bad: 'only {value} users', good: '{value} users', zero: 'no users' },
          },
        ),
        measure(
          'agg_mean',
          2,
          { kind: 'aggregate', metric: 'd', agg: 'mean', windowDays: 28 },
          { type: 'target', low: 2, high: 4, falloff: 1.5 },
          { format: 'percent' },
        ),
        measure(
          'agg_sum',
          2,
          { kind: 'aggregate', metric: 'e', agg: 'sum', windowDays: 30 },
          {
            type: 'tiers',
            base: 10,
            steps: [
              { atLeast: 1, points: 40 },
              { atLeast: 3, points: 70 },
              { atLeast: 5, points: 95 },
            ],
          },
        ),
        measure(
          'agg_min',
          1,
          { kind: 'aggregate', metric: 'd', agg: 'min', windowDays: 21 },
          lin(0, 5),
          { format: 'ratioPercent' },
        ),
        measure(
          'agg_max',
          1,
          { kind: 'aggregate', metric: 'd', agg: 'max', windowDays: 21 },
          { type: 'percentile', higherIsBetter: false },
        ),
        measure(
          'agg_count',
          1.5,
          { kind: 'aggregate', metric: 'e', agg: 'count', windowDays: 60 },
          {
            type: 'tiers',
            base: 0,
            steps: [
              { atLeast: 2, points: 50 },
              { atLeast: 6, points: 100 },
            ],
          },
          { missing: 'worst', format: 'days' },
        ),
        measure(
          'unweighted',
          0,
          { kind: 'aggregate', metric: 'u', agg: 'sum', windowDays: 7 },
          lin(0, 100),
        ),
      ],
    },
    {
      id: 'trends',
      name: 'Trends',
      weight: 25,
      measures: [
        measure(
          'chg_mean',
          2,
          { kind: 'change', metric: 'u', agg: 'mean', windowDays: 28 },
          lin(-30, 0),
          { format: 'percent', phrase: 'users {change} over {window}' },
        ),
        measure(
          'chg_sum',
          1,
          { kind: 'change', metric: 'e', agg: 'sum', windowDays: 28 },
          lin(-50, 50),
          { missing: 'worst' },
        ),
        measure(
          'chg_latest',
          1,
          { kind: 'change', metric: 'd', agg: 'latest', windowDays: 14 },
          { type: 'target', low: -10, high: 10, falloff: 40 },
        ),
        measure(
          'chg_count',
          1,
          { kind: 'change', metric: 'e', agg: 'count', windowDays: 14 },
          lin(-100, 100),
        ),
        measure(
          'chg_min',
          1,
          { kind: 'change', metric: 'd', agg: 'min', windowDays: 14 },
          lin(-60, 20),
          { missing: 'neutral' },
        ),
        measure(
          'chg_max',
          1,
          { kind: 'change', metric: 'u', agg: 'max', windowDays: 14 },
          { type: 'percentile', higherIsBetter: true },
        ),
        measure('slope_abs', 2, { kind: 'slope', metric: 'u', windowDays: 56 }, lin(-2, 2)),
        measure(
          'slope_rel',
          1,
          { kind: 'slope', metric: 'd', windowDays: 42, relative: true },
          { type: 'percentile', higherIsBetter: true },
        ),
      ],
    },
    {
      id: 'engagement',
      name: 'Engagement',
      weight: 15,
      measures: [
        measure('ds_any', 2, { kind: 'daysSince', metric: 'm', event: 'any' }, lin(90, 7), {
          missing: 'worst',
          format: 'days',
          phrase: { bad: 'no meeting for {value}', good: 'met {value} ago' },
        }),
        measure(
          'ds_nz',
          1,
          { kind: 'daysSince', metric: 'e', event: 'nonZero' },
          {
            type: 'tiers',
            base: 100,
            steps: [
              { atLeast: 14, points: 60 },
              { atLeast: 30, points: 20 },
            ],
          },
        ),
        measure(
          'ratio',
          2,
          {
            kind: 'ratio',
            windowDays: 28,
            numerator: { metric: 'u', agg: 'mean' },
            denominator: { metric: 's', agg: 'latest' },
          },
          lin(0.2, 0.8),
          { format: 'ratioPercent' },
        ),
        measure(
          'ratio_events',
          1,
          {
            kind: 'ratio',
            windowDays: 56,
            numerator: { metric: 'e', agg: 'sum' },
            denominator: { metric: 'e', agg: 'count' },
          },
          lin(0, 1.5),
        ),
      ],
    },
    {
      id: 'account',
      name: 'Account',
      weight: 10,
      measures: [
        measure(
          'attr_plan',
          2,
          { kind: 'attribute', attribute: 'plan' },
          { type: 'categorical', points: { Basic: 30, pro: 70, ENTERPRISE: 90 }, otherwise: 50 },
        ),
        measure(
          'attr_flag',
          1,
          { kind: 'attribute', attribute: 'is_partner' },
          { type: 'boolean', whenTrue: 80, whenFalse: 40 },
        ),
        measure('attr_num', 1, { kind: 'attribute', attribute: 'employees' }, lin(10, 1000), {
          format: 'currency',
        }),
        measure(
          'attr_cat_num',
          1,
          { kind: 'attribute', attribute: 'tier_no' },
          { type: 'categorical', points: { '1': 20, '2': 60, '3': 90, '2.0': 5 }, otherwise: 50 },
        ),
        measure(
          'attr_seg',
          1,
          { kind: 'attribute', attribute: 'segment' },
          { type: 'categorical', points: { smb: 40, enterprise: 80 }, otherwise: 60 },
        ),
        measure('attr_arr', 1, { kind: 'attribute', attribute: 'arr' }, lin(1000, 100000), {
          format: 'currency',
        }),
        measure(
          'attr_tenure',
          1,
          { kind: 'attribute', attribute: 'tenureDays' },
          {
            type: 'tiers',
            base: 20,
            steps: [
              { atLeast: 90, points: 50 },
              { atLeast: 400, points: 85 },
            ],
          },
        ),
        measure('attr_dtr', 1, { kind: 'attribute', attribute: 'daysToRenewal' }, lin(0, 180), {
          format: 'days',
        }),
        measure(
          'attr_none',
          1,
          { kind: 'attribute', attribute: 'name' },
          { type: 'boolean', whenTrue: 100, whenFalse: 0 },
          { missing: 'neutral' },
        ),
        measure(
          'attr_words',
          1,
          { kind: 'attribute', attribute: 'partner_text' },
          { type: 'boolean', whenTrue: 90, whenFalse: 10 },
        ),
      ],
    },
    {
      id: 'relationship',
      name: 'Relationship',
      weight: 10,
      measures: [measure('pulse', 1, { kind: 'pulse' }, lin(1, 5), { missing: 'neutral' })],
    },
  ],
  contexts: [
    {
      id: 'c_seg',
      name: 'Small',
      when: { segments: ['smb'] },
      groupWeights: { levels: 60 },
      measureWeights: { attr_num: 0 },
      scoring: { agg_latest: lin(5, 40) },
    },
    {
      id: 'c_onb',
      name: 'Onboarding',
      when: { stages: ['onboarding'] },
      measureWeights: { chg_mean: 0, slope_abs: 0 },
      scoring: { ds_any: { type: 'percentile', higherIsBetter: false } },
    },
    {
      id: 'c_both',
      name: 'Big at renewal',
      when: { segments: ['Enterprise'], stages: ['renewal', 'mature'] },
      groupWeights: { relationship: 30 },
      scoring: { pulse: lin(2, 4) },
    },
    {
      id: 'c_flat',
      name: 'Veterans',
      when: { stages: ['veteran'] },
      scoring: { agg_min: lin(2.5, 2.5) },
    },
  ],
  patterns: [
    {
      id: 'p_low_renewal',
      name: 'Few users at renewal',
      conditions: [{ measure: 'agg_latest', op: '<', value: 20 }, { stage: ['renewal'] }],
      capBand: 'red',
    },
    {
      id: 'p_ratio',
      name: 'Low seat use',
      conditions: [{ measureScore: 'ratio', op: '<=', value: 30 }],
      subtractPoints: 12,
    },
    {
      id: 'p_basic',
      name: 'Basic non-partner',
      conditions: [
        { attribute: 'plan', op: '=', value: 'basic' },
        { attribute: 'is_partner', op: '!=', value: true },
      ],
      capBand: 'amber',
      subtractPoints: 5,
    },
    {
      id: 'p_big_old',
      name: 'Big and old',
      conditions: [
        { attribute: 'employees', op: '>=', value: 500 },
        { attribute: 'tenureDays', op: '>', value: 400 },
      ],
      subtractPoints: 3,
    },
    {
      id: 'p_soon',
      name: 'Renewal soon',
      conditions: [{ attribute: 'daysToRenewal', op: '<', value: 30 }],
      capBand: 'amber',
    },
    {
      id: 'p_silent',
      name: 'Silent',
      conditions: [{ measure: 'ds_any', op: '>', value: 60 }],
      subtractPoints: 8,
    },
    {
      id: 'p_not_small',
      name: 'Not small, big ARR',
      conditions: [
        { attribute: 'segment', op: '!=', value: 'smb' },
        { attribute: 'arr', op: '>', value: 50000 },
      ],
      subtractPoints: 2,
    },
    {
      id: 'p_never',
      name: 'Text compared with >',
      conditions: [{ attribute: 'plan', op: '>', value: 'a' }],
      subtractPoints: 50,
    },
    {
      id: 'p_no_partner',
      name: 'Not a partner',
      conditions: [
        { attribute: 'is_partner', op: '=', value: false },
        { measureScore: 'pulse', op: '!=', value: 50 },
      ],
      subtractPoints: 1.5,
    },
    {
      id: 'p_tier',
      name: 'Tier two',
      conditions: [
        { attribute: 'tier_no', op: '=', value: 2 },
        { attribute: 'seats', op: '>=', value: 100 },
      ],
      capBand: 'red',
    },
  ],
});

/** The all-kinds book's last day (2026-11-23). */
export const ALL_KINDS_END = 20780;

/** A seeded book of `n` accounts over two years for the all-kinds model. */
export function allKindsBook(n = 60, seed = 17): Book {
  const rnd = createRandom(seed);
  const end = ALL_KINDS_END;
  const start = end - 730;
  const accounts: Account[] = [];
  const series: SignalSeries[] = [];
  const pulses: Pulse[] = [];
  const overrides: BandOverride[] = [];
  const outcomes: Outcome[] = [];
  const plans = ['Basic', 'PRO', 'enterprise', 'Trial', ''];
  const add = (accountId: string, metric: string, days: number[], values: number[]) => {
    if (days.length > 0)
      series.push({
        accountId,
        metric,
        days: Int32Array.from(days),
        values: Float64Array.from(values),
      });
  };
  for (let a = 0; a < n; a++) {
    const id = `K-${String(a + 1).padStart(3, '0')}`;
    const contractStart = rnd.chance(0.1) ? null : start + rnd.int(-400, 700);
    const renewalDate = rnd.chance(0.1) ? null : end + rnd.int(-60, 300);
    const plan = rnd.pick(plans);
    accounts.push({
      id,
      name: `Account ${a + 1}`,
      segment: rnd.chance(0.1) ? null : rnd.pick(['SMB', 'Enterprise', 'Mid-Market', 'smb']),
      arr: rnd.chance(0.1) ? null : rnd.int(500, 120000),
      seats: rnd.int(5, 300),
      contractStart,
      renewalDate,
      owner: rnd.pick(['Ana', 'Bo', null]),
      attributes: {
        plan: plan === '' ? null : plan,
        is_partner: rnd.chance(0.2) ? null : rnd.chance(0.5),
        employees: rnd.chance(0.15) ? null : rnd.int(1, 2000),
        tier_no: rnd.chance(0.2) ? null : rnd.int(1, 3),
        partner_text: rnd.pick(['yes', 'No', ' Y ', 'maybe', null]),
      },
    });
    const first = start + rnd.int(0, 500);
    const level = rnd.int(5, 80);
    const drift = (rnd.next() - 0.5) / 10;
    if (!rnd.chance(0.08)) {
      const days: number[] = [];
      const values: number[] = [];
      for (let t = first; t <= end; t++) {
        if (rnd.chance(0.15)) continue;
        days.push(t);
        values.push(Math.max(0, Math.round(level + drift * (t - first) + rnd.normal(0, 4))));
      }
      add(id, 'u', days, values);
    }
    {
      const days: number[] = [];
      const values: number[] = [];
      for (let t = first + rnd.int(0, 2); t <= end; t += 3) {
        days.push(t);
        values.push(Math.round(rnd.next() * 5 * 1000) / 1000 + 0.1);
      }
      add(id, 'd', days, values);
    }
    {
      const days: number[] = [];
      const values: number[] = [];
      for (let t = first; t <= end; t++) {
        if (!rnd.chance(0.12)) continue;
        days.push(t);
        values.push(rnd.pick([0, 0, 1, 1, 2, 0.5]));
      }
      add(id, 'e', days, values);
    }
    if (rnd.chance(0.7)) {
      const days: number[] = [];
      for (let t = first + rnd.int(0, 60); t <= end - rnd.int(0, 120); t += rnd.int(10, 70))
        days.push(t);
      add(
        id,
        'm',
        days,
        days.map(() => 1),
      );
    }
    {
      const days: number[] = [];
      for (let t = first; t <= end; t += 7) days.push(t);
      const seats = rnd.int(0, 1) === 0 ? 0 : rnd.int(10, 120);
      add(
        id,
        's',
        days,
        days.map((_, i) => (i > 50 && seats > 0 ? seats + 5 : seats)),
      );
    }
    if (rnd.chance(0.3)) add(id, 'x_unused', [first - rnd.int(30, 200)], [1]);
    const np = rnd.int(0, 5);
    for (let k = 0; k < np; k++) {
      const day = end - rnd.int(0, 400);
      pulses.push({ accountId: id, day, value: rnd.pick([1, 2, 2.5, 3, 4, 5]), reason: null });
      if (rnd.chance(0.3))
        pulses.push({ accountId: id, day, value: rnd.pick([1, 5]), reason: 'same day' });
    }
    if (rnd.chance(0.3)) {
      const day = end - rnd.int(0, 60);
      overrides.push({
        accountId: id,
        day,
        band: rnd.pick(['red', 'amber', 'green']),
        reason: 'first',
        expiresDay: day + rnd.int(1, 90),
      });
      if (rnd.chance(0.4))
        overrides.push({
          accountId: id,
          day,
          band: rnd.pick(['red', 'green']),
          reason: 'same day',
          expiresDay: day + rnd.int(20, 90),
        });
    }
    for (let k = 0; k < rnd.int(1, 3); k++) {
      outcomes.push({
        accountId: id,
        day: start + rnd.int(100, 730),
        outcome: rnd.chance(0.35) ? 'churned' : rnd.pick(['renewed', 'expanded', 'contracted']),
        reason: null,
        avoidable: rnd.chance(0.5) ? null : rnd.chance(0.5),
      });
    }
  }
  freshnessAccounts(rnd, { accounts, series, outcomes, pulses, overrides });
  return { accounts, series, outcomes, pulses, overrides };
}

/** The accounts freshnessAccounts adds, by what each exercises. */
export const FRESHNESS_ACCOUNTS = {
  /** Data ends 100 days before the end: stale there (lookback 60), with an override in force. */
  stale: 'K-S01',
  /**
   * Silent for the last 40 days: not stale, but its event windows hold no data (missing, not 0);
   * 29.8% of the weight has data at the end, just under the 30% a score needs.
   */
  silent: 'K-S02',
  /** Silent as K-S02 but with a pulse 35 days before the end: scored, its event sums missing. */
  silentScored: 'K-S06',
  /** Events stop 90 days before the end while its usage goes on: empty event windows are 0 events. */
  eventsStop: 'K-S03',
  /** No data at all in (end − 80, end − 25], events only before it: a change's earlier window is empty. */
  gap: 'K-S04',
  /** Only meetings and pulses (under 30% of the weight with data): not scored, with an override. */
  thin: 'K-S05',
  /**
   * First observed 30 days before the end: before that only its attributes would speak, so it
   * is not scored there (observed later), and scored at the end.
   */
  late: 'K-S07',
} as const;

/**
 * Accounts whose data says when it stopped — the engine's freshness (stale, not scored) and
 * its empty event windows (0 events only while the account has other data in the window).
 */
function freshnessAccounts(rnd: ReturnType<typeof createRandom>, book: Book): void {
  const end = ALL_KINDS_END;
  const start = end - 730;
  const daily = (from: number, to: number, skip: (t: number) => boolean = () => false) => {
    const days: number[] = [];
    for (let t = from; t <= to; t++) if (!skip(t)) days.push(t);
    return days;
  };
  const add = (accountId: string, metric: string, days: number[], value: (t: number) => number) => {
    if (days.length > 0)
      book.series.push({
        accountId,
        metric,
        days: Int32Array.from(days),
        values: Float64Array.from(days, value),
      });
  };
  const account = (id: string, a: Partial<Account>): Account => ({
    id,
    name: `Freshness ${id}`,
    segment: 'Mid-Market',
    arr: 40000,
    seats: 50,
    contractStart: start - 100,
    renewalDate: end + 100,
    owner: 'Ana',
    attributes: { plan: 'PRO', is_partner: true, employees: 300, tier_no: 2, partner_text: 'yes' },
    ...a,
  });
  const usage = (id: string, days: number[]) => {
    add(id, 'u', days, (t) => 20 + ((t * 7) % 11) + rnd.int(0, 3));
    add(
      id,
      'd',
      days.filter((t) => t % 3 === 0),
      (t) => 1 + ((t % 5) + rnd.int(0, 9) / 10),
    );
    add(
      id,
      's',
      days.filter((t) => t % 7 === 0),
      () => 40,
    );
  };
  const events = (id: string, days: number[]) =>
    add(
      id,
      'e',
      days.filter((t) => t % 5 === 0),
      (t) => [0, 1, 2, 0.5][(t / 5) % 4],
    );
  const { stale, silent, silentScored, eventsStop, gap, thin, late } = FRESHNESS_ACCOUNTS;

  book.accounts.push(account(stale, {}));
  usage(stale, daily(start, end - 100));
  events(stale, daily(start, end - 100));
  book.overrides.push({
    accountId: stale,
    day: end - 10,
    band: 'amber',
    reason: 'still shown while stale',
    expiresDay: end + 30,
  });
  book.outcomes.push({
    accountId: stale,
    day: end - 50,
    outcome: 'churned',
    reason: null,
    avoidable: null,
  });

  book.accounts.push(account(silent, { segment: 'Enterprise' }));
  usage(silent, daily(start, end - 40));
  events(silent, daily(start, end - 40));
  add(silent, 'm', [end - 70, end - 45], () => 1);
  book.outcomes.push({
    accountId: silent,
    day: end - 5,
    outcome: 'churned',
    reason: null,
    avoidable: null,
  });

  book.accounts.push(account(silentScored, { segment: 'Enterprise' }));
  usage(silentScored, daily(start, end - 40));
  events(silentScored, daily(start, end - 40));
  book.pulses.push({ accountId: silentScored, day: end - 35, value: 4, reason: null });

  book.accounts.push(account(eventsStop, { segment: 'SMB' }));
  usage(eventsStop, daily(start, end));
  events(eventsStop, daily(start, end - 90));

  book.accounts.push(account(gap, { attributes: { plan: 'Basic', is_partner: false } }));
  usage(
    gap,
    daily(start, end, (t) => t > end - 80 && t <= end - 25),
  );
  events(gap, daily(start, end - 80));
  book.outcomes.push({
    accountId: gap,
    day: end - 3,
    outcome: 'renewed',
    reason: null,
    avoidable: null,
  });

  book.accounts.push(
    account(thin, {
      segment: null,
      arr: null,
      seats: null,
      contractStart: null,
      renewalDate: null,
      owner: null,
      attributes: {},
    }),
  );
  add(
    thin,
    'm',
    daily(end - 300, end).filter((t) => t % 20 === 0),
    () => 1,
  );
  book.pulses.push({ accountId: thin, day: end - 30, value: 2, reason: null });
  book.overrides.push({
    accountId: thin,
    day: end - 5,
    band: 'red',
    reason: 'shown although not scored',
    expiresDay: end + 10,
  });

  book.accounts.push(account(late, { contractStart: start - 400 }));
  usage(late, daily(end - 30, end));
  events(late, daily(end - 30, end));
}
