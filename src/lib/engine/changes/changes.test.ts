// What changed and why: period bounds, the threshold, cause attribution (measure, pattern,
// pulse, override, model change) and the point-in-time rule, on small books built in code.
import { describe, expect, it } from 'vitest';
import { ymdToDay } from '../dates';
import { DEFAULT_MODEL } from '../model/presets';
import type { ModelDocument } from '../model/schema';
import { demoWeeklySeries, makeAccount, makeBook } from '../score/book-factory';
import { prepareBook } from '../score/prepare';
import type { Book } from '../types';
import {
  buildDigest,
  compareBook,
  DEFAULT_MIN_POINTS,
  digestHtml,
  digestMarkdown,
  DIGEST_EMPTY,
  listChanges,
  modelAtStart,
  PeriodError,
  resolvePeriod,
  type DatedModel,
} from './index';

const END = ymdToDay(2026, 11, 30); // a Monday
const WEEKS = 40;
const fill = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
/** Healthy until four weeks before the end, then active users fall from 16 to 4 of 20 seats. */
const falling = fill(WEEKS, (i) => (i < WEEKS - 4 ? 16 : 4));

function book(extra: Partial<Book> = {}): Book {
  return makeBook({
    accounts: [
      makeAccount({ id: 'A', name: 'Acme', arr: 50_000, renewalDate: END + 200 }),
      makeAccount({ id: 'B', name: 'Birch', arr: 20_000, renewalDate: END + 200 }),
    ],
    series: [
      ...demoWeeklySeries('A', END, WEEKS, { active_users: falling }),
      ...demoWeeklySeries('B', END, WEEKS),
    ],
    ...extra,
  });
}

const ACTIVE: DatedModel = {
  key: 'canary-default@1',
  name: 'Default',
  version: 1,
  savedDay: END - 400,
  document: DEFAULT_MODEL,
};

function compare(b: Book, days = 28, versions: DatedModel[] = [ACTIVE], active = ACTIVE) {
  const period = resolvePeriod({ kind: 'last', days }, END);
  return { period, ...compareBook(prepareBook(b), b.pulses, period, active, versions) };
}

describe('periods', () => {
  it('ends "last N days" on the scoring day and checks custom dates', () => {
    expect(resolvePeriod({ kind: 'last', days: 7 }, END)).toMatchObject({
      start: END - 7,
      end: END,
      days: 7,
    });
    expect(resolvePeriod({ kind: 'last', days: 7 }, END).label).toBe(
      'last 7 days (2026-11-23 to 2026-11-30)',
    );
    expect(resolvePeriod({ kind: 'custom', from: END - 30, to: END - 10 }, END)).toMatchObject({
      start: END - 30,
      end: END - 10,
      days: 20,
    });
    expect(() => resolvePeriod({ kind: 'custom', from: END, to: END }, END)).toThrow(PeriodError);
    expect(() => resolvePeriod({ kind: 'custom', from: END - 5, to: END + 1 }, END)).toThrow(
      /cannot end after/,
    );
    expect(() => resolvePeriod({ kind: 'last', days: 0 }, END)).toThrow(PeriodError);
  });
});

describe('cause attribution', () => {
  it('names the measure that moved most, with its values before and after', () => {
    const { comparisons } = compare(book());
    const a = comparisons.find((c) => c.accountId === 'A')!;
    expect(a.delta).toBeLessThan(-DEFAULT_MIN_POINTS);
    expect(a.direction).toBe('down');
    expect(a.causes[0].kind).toBe('measure');
    // Utilisation (16/20 → 4/20) and the 28-day change in active users both fell; whichever
    // lost more points comes first and says so in words.
    expect(a.cause).toMatch(/fell from .* to .* \(−\d+ points\)\.$/);
    const util = a.causes.find((c) => c.measureId === 'seat_utilisation')!;
    expect(util.text).toBe(
      `active share of licensed seats fell from 80% to 20% (${util.text.match(/\(([^)]*)\)/)![1]})`,
    );
    const sum = a.causes.reduce((s, c) => s + (c.points ?? 0), 0);
    expect(Math.abs(sum - a.delta!)).toBeLessThanOrEqual(1); // rounding of the two scores
    const b = comparisons.find((c) => c.accountId === 'B')!;
    expect(b.delta).toBe(0);
  });

  it('lists band changes and moves at or above the threshold, worst first', () => {
    const { comparisons } = compare(book());
    const a = comparisons.find((c) => c.accountId === 'A')!;
    expect(listChanges(comparisons, 10).changes.map((c) => c.accountId)).toEqual(['A']);
    expect(listChanges(comparisons, Math.abs(a.delta!)).changes).toHaveLength(1);
    const above = listChanges(comparisons, Math.abs(a.delta!) + 1);
    // Above its move A stays listed only if its band changed.
    expect(above.changes.length).toBe(a.bandChanged ? 1 : 0);
    expect(() => listChanges(comparisons, -1)).toThrow(RangeError);
  });

  it('names a pulse logged in the period', () => {
    const b = book({
      pulses: [{ accountId: 'B', day: END - 3, value: 1, reason: 'budget cut announced' }],
    });
    const { comparisons } = compare(b, 7);
    const c = comparisons.find((x) => x.accountId === 'B')!;
    expect(c.delta).toBeLessThan(0);
    expect(c.causes[0].kind).toBe('pulse');
    expect(c.cause).toMatch(/^CSM pulse 1 of 5 logged on 2026-11-27 \(“budget cut announced”\)/);
  });

  it('names an override that alone moved the band shown', () => {
    const b = book({
      overrides: [
        {
          accountId: 'B',
          day: END - 2,
          band: 'red',
          reason: 'exec sponsor left',
          expiresDay: END + 30,
        },
      ],
    });
    const { comparisons } = compare(b, 7);
    const c = comparisons.find((x) => x.accountId === 'B')!;
    expect(c.bandChanged).toBe(true);
    expect(c.bandAfter).toBe('red');
    expect(c.delta).toBe(0);
    expect(c.direction).toBe('down');
    expect(c.cause).toBe(
      'Override set on 2026-11-28: shown red until 2026-12-30 (“exec sponsor left”).',
    );
    expect(listChanges(comparisons, 50).changes.map((x) => x.accountId)).toContain('B');
  });

  it('names a pattern rule that fired', () => {
    // Champion silent from 10 weeks back, no QBR in the window: "busy but unanchored" fires.
    const silent = fill(WEEKS, (i) => (i < WEEKS - 10 ? 2 : 0));
    const noQbr = fill(WEEKS, () => 0);
    const b = makeBook({
      accounts: [makeAccount({ id: 'C', name: 'Cedar' })],
      series: demoWeeklySeries('C', END, WEEKS, { champion_replies: silent, qbr: noQbr }),
    });
    const { comparisons } = compare(b, 90);
    const c = comparisons[0];
    const pattern = c.causes.find((x) => x.kind === 'pattern');
    expect(pattern?.text).toMatch(/^pattern ‘Busy product, silent champion, missed QBR’ fired/);
  });

  it('names a model change in the period and its effect on the same data', () => {
    // v2 asks 90–100% of seats to be active: Birch's 80% now scores nothing on it.
    const v2doc: ModelDocument = {
      ...DEFAULT_MODEL,
      version: 2,
      groups: DEFAULT_MODEL.groups.map((g) => ({
        ...g,
        measures: g.measures.map((m) =>
          m.id === 'seat_utilisation'
            ? { ...m, scoring: { type: 'linear' as const, red: 0.9, green: 1 } }
            : m,
        ),
      })),
    };
    const v2: DatedModel = {
      ...ACTIVE,
      key: 'canary-default@2',
      version: 2,
      savedDay: END - 2,
      document: v2doc,
    };
    const { comparisons, modelSwitch, period } = compare(book(), 7, [ACTIVE, v2], v2);
    expect(modelSwitch).toMatchObject({ from: { version: 1 }, to: { version: 2 }, day: END - 2 });
    expect(modelAtStart([ACTIVE, v2], v2, period).key).toBe(ACTIVE.key);
    const b = comparisons.find((c) => c.accountId === 'B')!;
    expect(b.delta).toBeLessThan(-DEFAULT_MIN_POINTS);
    expect(b.causes[0].kind).toBe('model');
    expect(b.cause).toMatch(
      /^The model changed on 2026-11-28 from Default v1 to Default v2 \(−\d+ points on the same data\)\.$/,
    );
    // A model saved before the period is not a change in it.
    expect(
      compare(book(), 1, [ACTIVE, { ...v2, savedDay: END - 5 }], { ...v2, savedDay: END - 5 })
        .modelSwitch,
    ).toBeNull();
  });
});

describe('point in time', () => {
  it('a past period does not change when later data arrives', () => {
    const period = resolvePeriod({ kind: 'custom', from: END - 56, to: END - 14 }, END);
    const first = compareBook(prepareBook(book()), [], period, ACTIVE, [ACTIVE]).comparisons;
    const later = book();
    later.series = later.series.map((s) => ({
      ...s,
      days: Int32Array.from([...s.days, END + 7]),
      values: Float64Array.from([...s.values, 0]),
    }));
    later.pulses = [{ accountId: 'A', day: END - 10, value: 5, reason: null }];
    const second = compareBook(prepareBook(later), later.pulses, period, ACTIVE, [
      ACTIVE,
    ]).comparisons;
    expect(second).toEqual(first);
  });
});

describe('digest', () => {
  it('builds its sections and says so plainly when one is empty', () => {
    const { comparisons, period } = compare(book());
    const d = buildDigest({
      today: END,
      period,
      modelName: 'Default v1',
      comparisons,
      accounts: [
        {
          accountId: 'A',
          name: 'Acme',
          owner: 'Jo',
          arr: 50_000,
          renewalDay: END + 30,
          band: 'amber',
          score: 60,
        },
        {
          accountId: 'B',
          name: 'Birch',
          owner: null,
          arr: 20_000,
          renewalDay: END + 120,
          band: 'green',
          score: 88,
        },
      ],
      tasks: [
        {
          id: 1,
          accountId: 'A',
          title: 'Call <Acme>',
          dueDay: END + 2,
          priority: 'high',
          owner: 'Jo',
        },
        { id: 2, accountId: 'A', title: 'Later', dueDay: END + 9, priority: 'normal', owner: 'Jo' },
      ],
    });
    expect(d.topDown.map((c) => c.accountId)).toEqual(['A']);
    expect(d.renewals.map((r) => [r.accountId, r.daysAway])).toEqual([['A', 30]]);
    expect(d.expansion).toEqual([]); // B is green but flat
    expect(d.tasks.map((t) => t.id)).toEqual([1]);
    const md = digestMarkdown(d);
    expect(md).toContain('## Top movers down');
    expect(md).toContain(DIGEST_EMPTY.expansion);
    expect(md).toContain('| Acme | 2026-12-30 (in 30 days) | Amber | 60 | $50,000 | Jo |');
    const html = digestHtml(d);
    expect(html).toContain('Call &lt;Acme&gt;');
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('@media print');
  });
});
