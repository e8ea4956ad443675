import { describe, expect, it } from 'vitest';
import { ymdToDay } from '../dates';
import { createRandom } from '../random';
import {
  arrAtRisk,
  bucketByMonth,
  calibrationFor,
  callGap,
  churnProbability,
  churnedBy,
  expectedChurn,
  modelCallOf,
  monthlyDays,
  monthsFrom,
  orderByDisagreement,
  renewalsView,
  type AtRiskAccount,
  type CallRow,
  type HorizonCalibration,
  type RenewalInput,
} from './index';

const TODAY = ymdToDay(2026, 12, 3);

describe('month bucketing', () => {
  it('gives twelve calendar months from today’s month, across the year end', () => {
    const months = monthsFrom(TODAY, 12);
    expect(months.map((m) => m.key)).toEqual([
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
      '2027-07',
      '2027-08',
      '2027-09',
      '2027-10',
      '2027-11',
    ]);
    expect(months[0].start).toBe(ymdToDay(2026, 12, 1));
    expect(months[0].end).toBe(ymdToDay(2027, 1, 1));
    expect(months[11].end).toBe(ymdToDay(2027, 12, 1));
  });

  it('puts past days in overdue, days after the window in later, the rest in their month', () => {
    const days = [
      ymdToDay(2026, 12, 2),
      TODAY,
      ymdToDay(2026, 12, 31),
      ymdToDay(2027, 1, 1),
      ymdToDay(2027, 11, 30),
      ymdToDay(2027, 12, 1),
    ];
    const b = bucketByMonth(days, (d) => d, TODAY);
    expect(b.overdue).toEqual([days[0]]);
    expect(b.later).toEqual([days[5]]);
    expect(b.months[0].items).toEqual([TODAY, days[2]]);
    expect(b.months[1].items).toEqual([days[3]]);
    expect(b.months[11].items).toEqual([days[4]]);
    expect(b.months.reduce((s, m) => s + m.items.length, 0)).toBe(4);
  });
});

/** Exact distribution by enumerating every subset (small n only). */
function bruteForce(risks: { p: number; arr: number }[]) {
  const outcomes: { arr: number; prob: number }[] = [];
  for (let mask = 0; mask < 1 << risks.length; mask++) {
    let arr = 0;
    let prob = 1;
    risks.forEach((r, i) => {
      const churn = (mask >> i) & 1;
      prob *= churn ? r.p : 1 - r.p;
      if (churn) arr += r.arr;
    });
    outcomes.push({ arr, prob });
  }
  return outcomes.sort((a, b) => a.arr - b.arr);
}

function quantile(outcomes: { arr: number; prob: number }[], q: number): number {
  let cdf = 0;
  for (const o of outcomes) {
    cdf += o.prob;
    if (cdf >= q - 1e-12) return o.arr;
  }
  return outcomes[outcomes.length - 1].arr;
}

describe('expectedChurn', () => {
  it('is Σ p·ARR, with the exact 5th–95th percentile of churned ARR', () => {
    const risks = [
      { p: 0.1, arr: 20_000 },
      { p: 0.5, arr: 50_000 },
      { p: 0.3, arr: 10_000 },
      { p: 0.05, arr: 120_000 },
      { p: 0.8, arr: 5_000 },
    ];
    const e = expectedChurn(risks);
    expect(e.expected).toBeCloseTo(
      0.1 * 20_000 + 0.5 * 50_000 + 0.3 * 10_000 + 0.05 * 120_000 + 0.8 * 5_000,
      6,
    );
    expect(e.expectedCount).toBeCloseTo(1.75, 12);
    expect(e.n).toBe(5);
    expect(e.arr).toBe(205_000);
    const all = bruteForce(risks);
    // The grid is 1/20,000 of the total: within one cell of the enumeration.
    const cell = 205_000 / 20_000;
    expect(Math.abs(e.low - quantile(all, 0.05))).toBeLessThanOrEqual(cell * risks.length);
    expect(Math.abs(e.high - quantile(all, 0.95))).toBeLessThanOrEqual(cell * risks.length);
    expect(e.low).toBeLessThanOrEqual(e.expected);
    expect(e.high).toBeGreaterThanOrEqual(e.expected);
  });

  it('matches enumeration on random small sets', () => {
    const rng = createRandom(7);
    const rand = () => rng.next();
    for (let t = 0; t < 30; t++) {
      const risks = Array.from({ length: 1 + Math.floor(rand() * 9) }, () => ({
        p: rand(),
        arr: Math.round(1000 + rand() * 99_000),
      }));
      const e = expectedChurn(risks);
      const all = bruteForce(risks);
      const tol = (e.arr / 20_000) * risks.length;
      expect(Math.abs(e.low - quantile(all, 0.05))).toBeLessThanOrEqual(tol);
      expect(Math.abs(e.high - quantile(all, 0.95))).toBeLessThanOrEqual(tol);
    }
  });

  it('agrees with the normal approximation when there are many renewals', () => {
    const rng = createRandom(3);
    const rand = () => rng.next();
    const risks = Array.from({ length: 400 }, () => ({
      p: 0.05 + 0.3 * rand(),
      arr: 10_000 + 40_000 * rand(),
    }));
    const e = expectedChurn(risks);
    const sd = Math.sqrt(risks.reduce((s, r) => s + r.p * (1 - r.p) * r.arr * r.arr, 0));
    // The exact sum is slightly right-skewed: within a twentieth of a standard deviation.
    expect(Math.abs(e.low - (e.expected - 1.645 * sd))).toBeLessThan(0.05 * sd);
    expect(Math.abs(e.high - (e.expected + 1.645 * sd))).toBeLessThan(0.05 * sd);
  });

  it('is certain at p 0 and 1, and empty without renewals or ARR', () => {
    const e = expectedChurn([
      { p: 1, arr: 30_000 },
      { p: 0, arr: 70_000 },
    ]);
    expect(e).toMatchObject({ expected: 30_000, low: 30_000, high: 30_000 });
    expect(expectedChurn([])).toMatchObject({ n: 0, expected: 0, low: 0, high: 0 });
    expect(
      expectedChurn([
        { p: 0.5, arr: 0 },
        { p: NaN, arr: 10 },
      ]).n,
    ).toBe(0);
  });
});

describe('calls', () => {
  it('reads the model’s call from its band and measures the gap', () => {
    expect(modelCallOf('green')).toBe('commit');
    expect(modelCallOf('amber')).toBe('at-risk');
    expect(modelCallOf('red')).toBe('will-churn');
    expect(modelCallOf(null)).toBeNull();
    expect(callGap('commit', 'will-churn')).toBe(2);
    expect(callGap('at-risk', 'will-churn')).toBe(1);
    expect(callGap('commit', 'commit')).toBe(0);
    expect(callGap(null, 'commit')).toBeNull();
  });

  it('lists disagreements first, the widest gap and largest ARR first, then the rest by day', () => {
    const row = (
      id: string,
      day: number,
      arr: number,
      csm: CallRow['csmCall'],
      model: CallRow['modelCall'],
    ): CallRow => ({
      accountId: id,
      name: id,
      renewalDay: day,
      arr,
      csmCall: csm,
      modelCall: model,
    });
    const rows = [
      row('a', 1, 10, null, 'commit'),
      row('b', 2, 10, 'commit', 'at-risk'),
      row('c', 3, 50, 'commit', 'at-risk'),
      row('d', 4, 5, 'commit', 'will-churn'),
      row('e', 0, 99, 'commit', 'commit'),
      row('f', 5, 1, 'will-churn', null),
    ];
    expect(orderByDisagreement(rows).map((r) => r.accountId)).toEqual([
      'd',
      'c',
      'b',
      'e',
      'a',
      'f',
    ]);
  });
});

describe('churn probability', () => {
  const cal = (h: number, a: number): HorizonCalibration => ({
    horizonDays: h,
    mapping: { a, b: 4 },
    n: 100,
    churned: 20,
  });
  const cals = [cal(30, 1), cal(60, 2), cal(90, 3)];

  it('uses the nearest backtested horizon, the longer on a tie', () => {
    expect(calibrationFor(cals, 0)!.horizonDays).toBe(30);
    expect(calibrationFor(cals, 44)!.horizonDays).toBe(30);
    expect(calibrationFor(cals, 45)!.horizonDays).toBe(60);
    expect(calibrationFor(cals, 300)!.horizonDays).toBe(90);
    expect(calibrationFor([], 10)).toBeNull();
  });

  it('maps a score through the Platt mapping; none without a score or calibration', () => {
    const r = churnProbability(cals, 50, 60)!;
    expect(r.horizonDays).toBe(60);
    expect(r.p).toBeCloseTo(1 / (1 + Math.exp(-(2 - 4 * 0.5))), 12);
    expect(churnProbability(cals, null, 60)).toBeNull();
    expect(churnProbability([], 50, 60)).toBeNull();
  });
});

describe('renewalsView', () => {
  const input = (
    id: string,
    day: number,
    arr: number | null,
    score: number | null,
    band: RenewalInput['band'],
    status: RenewalInput['status'] = 'scored',
  ): RenewalInput => ({
    accountId: id,
    name: id.toUpperCase(),
    owner: null,
    renewalDay: day,
    arr,
    score,
    band,
    status,
  });
  const inputs = [
    input('a', TODAY + 10, 10_000, 80, 'green'),
    input('b', TODAY + 40, 20_000, 20, 'red'),
    input('c', TODAY + 40, null, 50, 'amber'),
    input('d', TODAY + 50, 5_000, null, null, 'unscored'),
    input('e', TODAY - 3, 7_000, 60, 'amber'),
    input('f', TODAY + 400, 1_000, 60, 'amber'),
  ];
  const cals: HorizonCalibration[] = [
    { horizonDays: 60, mapping: { a: 1, b: 4 }, n: 200, churned: 40 },
  ];

  it('buckets, totals and sums expected churn over renewals with a probability and ARR', () => {
    const v = renewalsView(inputs, cals, TODAY);
    expect(v.months).toHaveLength(12);
    expect(v.months[0].rows.map((r) => r.accountId)).toEqual(['a']);
    expect(v.months[1].rows.map((r) => r.accountId)).toEqual(['b', 'c', 'd']);
    expect(v.total).toEqual({ accounts: 4, arr: 35_000 });
    expect(v.overdue).toEqual({ accounts: 1, arr: 7_000 });
    const pa = 1 / (1 + Math.exp(-(1 - 0.8 * 4)));
    const pb = 1 / (1 + Math.exp(-(1 - 0.2 * 4)));
    expect(v.months[0].rows[0].p).toBeCloseTo(pa, 12);
    expect(v.expected!.expected).toBeCloseTo(pa * 10_000 + pb * 20_000, 6);
    // c has no ARR, d no score: both left out of the figure, and said so.
    expect(v.months[1].leftOut).toEqual({ accounts: 2, arr: 5_000 });
    expect(v.months[1].rows.find((r) => r.accountId === 'd')!.modelCall).toBeNull();
    expect(v.months[1].rows.find((r) => r.accountId === 'b')!.modelCall).toBe('will-churn');
  });

  it('has no probabilities and no expected figure without a backtest', () => {
    const v = renewalsView(inputs, [], TODAY);
    expect(v.expected).toBeNull();
    expect(v.months.every((m) => m.expected === null)).toBe(true);
    expect(v.months[0].rows[0].p).toBeNull();
    expect(v.months[0].rows[0].modelCall).toBe('commit');
  });

  it('has twelve empty months for a book with no renewals', () => {
    const v = renewalsView([], cals, TODAY);
    expect(v.months.every((m) => m.rows.length === 0)).toBe(true);
    expect(v.total).toEqual({ accounts: 0, arr: 0 });
    expect(v.expected!.n).toBe(0);
  });
});

describe('ARR at risk', () => {
  const d0 = ymdToDay(2026, 1, 1);
  const account = (over: Partial<AtRiskAccount>): AtRiskAccount => ({
    accountId: 'x',
    historyDays: [],
    historyBands: [],
    arrDays: null,
    arrValues: null,
    arrToday: 1000,
    outcomes: [],
    ...over,
  });

  it('counts each account at its band on the day, at today’s ARR or, without one, the ARR recorded by then', () => {
    const a = account({
      accountId: 'a',
      historyDays: [d0, d0 + 7, d0 + 14, d0 + 60],
      historyBands: [2, 1, 0, 0],
      arrDays: [d0 - 100, d0 + 10],
      arrValues: [12_000, 24_000],
      arrToday: 0,
    });
    // c has ARR today: its booked-ARR series is not read.
    const c = account({
      accountId: 'c',
      historyDays: [d0 + 14],
      historyBands: [0],
      arrDays: [d0],
      arrValues: [10],
      arrToday: 7000,
    });
    const b = account({
      accountId: 'b',
      historyDays: [d0, d0 + 14],
      historyBands: [1, 2],
      arrToday: 5000,
    });
    const [p0, p7, p14, p40] = arrAtRisk([a, b, c], [d0, d0 + 7, d0 + 14, d0 + 40]);
    expect(p0).toMatchObject({
      red: { accounts: 0, arr: 0 },
      amber: { accounts: 1, arr: 5000 },
      scored: { accounts: 2, arr: 17_000 },
      arrFromSeries: 1,
    });
    expect(p7).toMatchObject({ amber: { accounts: 2, arr: 17_000 } });
    // On day 14 a is red at the ARR recorded on day 10, not at today's 0.
    expect(p14).toMatchObject({
      red: { accounts: 2, arr: 24_000 + 7000 },
      amber: { accounts: 0, arr: 0 },
      arrFromSeries: 1,
    });
    // Day 40: a's last snapshot is 26 days old and b's 26 days: no score that day.
    expect(p40.scored.accounts).toBe(0);
  });

  it('leaves out accounts that had churned by the day, and counts them before', () => {
    const a = account({
      historyDays: [d0, d0 + 7],
      historyBands: [0, 0],
      outcomes: [{ day: d0 + 3, outcome: 'churned' }],
    });
    const [before, after] = arrAtRisk([a], [d0, d0 + 7]);
    expect(before.red.accounts).toBe(1);
    expect(after.red.accounts).toBe(0);
    expect(
      churnedBy(
        [
          { day: 5, outcome: 'churned' },
          { day: 9, outcome: 'renewed' },
        ],
        10,
      ),
    ).toBe(false);
    expect(
      churnedBy(
        [
          { day: 9, outcome: 'renewed' },
          { day: 9, outcome: 'churned' },
        ],
        10,
      ),
    ).toBe(true);
  });

  it('never changes a past point when later history or ARR is added (point in time)', () => {
    const base = account({
      historyDays: [d0, d0 + 7],
      historyBands: [0, 1],
      arrDays: [d0],
      arrValues: [9000],
      arrToday: 0,
    });
    const later = account({
      arrToday: 0,
      historyDays: [d0, d0 + 7, d0 + 14],
      historyBands: [0, 1, 2],
      arrDays: [d0, d0 + 12],
      arrValues: [9000, 1],
      outcomes: [{ day: d0 + 13, outcome: 'churned' }],
    });
    expect(arrAtRisk([later], [d0, d0 + 7])).toEqual(arrAtRisk([base], [d0, d0 + 7]));
    expect(arrAtRisk([later], [d0])[0].red.arr).toBe(9000);
  });

  it('steps back month by month from the end day', () => {
    const days = monthlyDays(ymdToDay(2026, 3, 31), 3);
    expect(days).toEqual([
      ymdToDay(2025, 12, 31),
      ymdToDay(2026, 1, 31),
      ymdToDay(2026, 2, 28),
      ymdToDay(2026, 3, 31),
    ]);
  });
});
