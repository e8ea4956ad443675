import { describe, expect, it } from 'vitest';
import { addMonths, weekday, ymdToDay } from '../dates';
import type { Book, SignalSeries } from '../types';
import { DEMO_WEEKS, WEEKLY_METRICS, generateDemoBook, planDemoBook } from './index';

const END = ymdToDay(2026, 11, 23); // a Monday
const WINDOW_START = END - (DEMO_WEEKS - 1) * 7;
const book = generateDemoBook({ endDay: END });

function seriesOf(b: Book, accountId: string, metric: string): SignalSeries | undefined {
  return b.series.find((s) => s.accountId === accountId && s.metric === metric);
}

function churnDays(b: Book): Map<string, number> {
  return new Map(
    b.outcomes.filter((o) => o.outcome === 'churned').map((o) => [o.accountId, o.day]),
  );
}

/** Sum of a series' values on days in [from, to]. */
function sumBetween(s: SignalSeries | undefined, from: number, to: number): number {
  let total = 0;
  if (!s) return total;
  for (let i = 0; i < s.days.length; i++)
    if (s.days[i] >= from && s.days[i] <= to) total += s.values[i];
  return total;
}

function meanBetween(s: SignalSeries | undefined, from: number, to: number): number {
  let total = 0;
  let n = 0;
  if (!s) return NaN;
  for (let i = 0; i < s.days.length; i++) {
    if (s.days[i] >= from && s.days[i] <= to) {
      total += s.values[i];
      n++;
    }
  }
  return total / n;
}

describe('generateDemoBook determinism', () => {
  it('gives an identical book for the same options', () => {
    expect(generateDemoBook({ endDay: END })).toEqual(book);
    expect(generateDemoBook({ endDay: END, seed: 7, accounts: 40 })).toEqual(
      generateDemoBook({ endDay: END, seed: 7, accounts: 40 }),
    );
  });

  it('gives a different book for a different seed', () => {
    const other = generateDemoBook({ endDay: END, seed: 2 });
    expect(other.accounts.map((a) => a.name)).not.toEqual(book.accounts.map((a) => a.name));
    expect(other.series[0].values).not.toEqual(book.series[0].values);
  });

  it('snaps endDay back to its Monday', () => {
    expect(weekday(END)).toBe(0);
    expect(generateDemoBook({ endDay: END + 3, accounts: 20 })).toEqual(
      generateDemoBook({ endDay: END, accounts: 20 }),
    );
  });

  it('rejects a non-whole or non-positive account count', () => {
    expect(() => generateDemoBook({ endDay: END, accounts: 0 })).toThrow(/accounts/);
    expect(() => generateDemoBook({ endDay: END, accounts: 2.5 })).toThrow(/accounts/);
  });
});

describe('demo book shapes', () => {
  const churned = churnDays(book);

  it('has series with ascending unique Monday days inside the window, ending at churn', () => {
    const problems: string[] = [];
    for (const s of book.series) {
      if (s.values.length !== s.days.length) problems.push(`${s.accountId} ${s.metric} lengths`);
      const last = churned.get(s.accountId) ?? END;
      for (let i = 0; i < s.days.length; i++) {
        const d = s.days[i];
        const ok =
          (i === 0 || d > s.days[i - 1]) &&
          weekday(d) === 0 &&
          d >= WINDOW_START &&
          d <= last &&
          Number.isFinite(s.values[i]);
        if (!ok) problems.push(`${s.accountId} ${s.metric} day ${d}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives every account every weekly metric, and keeps values in their ranges', () => {
    for (const a of book.accounts) {
      for (const metric of WEEKLY_METRICS)
        expect(seriesOf(book, a.id, metric), `${a.id} ${metric}`).toBeDefined();
    }
    for (const s of book.series) {
      const min = Math.min(...s.values);
      const max = Math.max(...s.values);
      expect(min).toBeGreaterThanOrEqual(0);
      if (s.metric === 'csat') expect([min >= 1, max <= 5]).toEqual([true, true]);
      if (s.metric === 'nps') expect(max).toBeLessThanOrEqual(10);
      if (s.metric === 'qbr') expect(max).toBeLessThanOrEqual(1);
    }
    const withNps = new Set(book.series.filter((s) => s.metric === 'nps').map((s) => s.accountId));
    expect(withNps.size).toBeGreaterThan(book.accounts.length * 0.8);
  });

  it('never has more active users than licensed seats', () => {
    for (const a of book.accounts) {
      const users = seriesOf(book, a.id, 'active_users')!;
      const seats = seriesOf(book, a.id, 'licensed_seats')!;
      expect(users.days).toEqual(seats.days);
      for (let i = 0; i < users.values.length; i++)
        expect(users.values[i]).toBeLessThanOrEqual(seats.values[i]);
    }
  });

  it('has no signal, pulse or outcome before contract start or after churn', () => {
    const start = new Map(book.accounts.map((a) => [a.id, a.contractStart!]));
    for (const s of book.series) expect(s.days[0]).toBeGreaterThanOrEqual(start.get(s.accountId)!);
    for (const p of book.pulses) {
      expect(p.day).toBeGreaterThanOrEqual(start.get(p.accountId)!);
      expect(p.day).toBeLessThanOrEqual(churned.get(p.accountId) ?? END);
      expect(Number.isInteger(p.value) && p.value >= 1 && p.value <= 5).toBe(true);
      expect(p.reason).toBeTruthy();
    }
    for (const o of book.outcomes) {
      expect(o.day).toBeGreaterThan(start.get(o.accountId)!);
      expect(o.day).toBeGreaterThanOrEqual(WINDOW_START);
      expect(o.day).toBeLessThanOrEqual(END);
    }
  });
});

describe('demo book accounts and outcomes', () => {
  const churned = churnDays(book);
  const active = book.accounts.filter((a) => !churned.has(a.id));

  it('has 150 uniquely named accounts across segments and owners', () => {
    expect(book.accounts).toHaveLength(150);
    expect(new Set(book.accounts.map((a) => a.id)).size).toBe(150);
    expect(new Set(book.accounts.map((a) => a.name)).size).toBe(150);
    expect(new Set(book.accounts.map((a) => a.segment))).toEqual(
      new Set(['SMB', 'Mid-Market', 'Enterprise']),
    );
    const owners = new Set(book.accounts.map((a) => a.owner));
    expect(owners.size).toBeGreaterThanOrEqual(4);
    expect(owners.size).toBeLessThanOrEqual(5);
    const meanArr = (seg: string) => {
      const arr = book.accounts.filter((a) => a.segment === seg).map((a) => a.arr!);
      return arr.reduce((x, y) => x + y, 0) / arr.length;
    };
    expect(meanArr('SMB')).toBeLessThan(meanArr('Mid-Market'));
    expect(meanArr('Mid-Market')).toBeLessThan(meanArr('Enterprise'));
    for (const a of book.accounts)
      expect(Object.keys(a.attributes).sort()).toEqual(['industry', 'plan', 'region']);
  });

  it('gives renewals on contract anniversaries, each with an outcome, churn last', () => {
    for (const a of book.accounts) {
      const own = book.outcomes.filter((o) => o.accountId === a.id);
      const expected: number[] = [];
      const last = churned.get(a.id) ?? END;
      for (let y = 1; addMonths(a.contractStart!, 12 * y) <= last; y++) {
        const day = addMonths(a.contractStart!, 12 * y);
        if (day >= WINDOW_START) expected.push(day);
      }
      expect(own.map((o) => o.day)).toEqual(expected);
      expect(own.filter((o) => o.outcome === 'churned').length).toBe(churned.has(a.id) ? 1 : 0);
      if (churned.has(a.id)) expect(a.renewalDate).toBe(churned.get(a.id));
    }
  });

  it('has at least 30 churns, a few unavoidable, all with reasons', () => {
    const churns = book.outcomes.filter((o) => o.outcome === 'churned');
    expect(churns.length).toBeGreaterThanOrEqual(30);
    const unavoidable = churns.filter((o) => o.avoidable === false);
    expect(unavoidable.length).toBeGreaterThanOrEqual(2);
    expect(unavoidable.length).toBeLessThan(churns.length / 4);
    for (const o of churns) expect(typeof o.avoidable === 'boolean' && !!o.reason).toBe(true);
    const kinds = new Set(book.outcomes.map((o) => o.outcome));
    expect(kinds).toEqual(new Set(['renewed', 'expanded', 'contracted', 'churned']));
  });

  it('spreads current renewals over the next year, with onboarding accounts and many due soon', () => {
    for (const a of active) {
      expect(a.renewalDate!).toBeGreaterThan(END);
      expect(a.renewalDate!).toBeLessThanOrEqual(END + 366);
    }
    expect(active.filter((a) => a.renewalDate! <= END + 90).length).toBeGreaterThanOrEqual(25);
    expect(active.filter((a) => a.contractStart! > END - 90).length).toBeGreaterThanOrEqual(8);
  });

  it('keeps at least 8 currently active accounts in each risk story', () => {
    const plans = planDemoBook({ endDay: END });
    for (const story of ['usage', 'support', 'payment', 'relationship', 'silentChampion']) {
      const current = plans.filter((p) => p.fate.story === story && !p.fate.churned);
      expect(current.length, story).toBeGreaterThanOrEqual(8);
    }
  });
});

describe('the silent-champion churners a plain average misses', () => {
  /** Churners that, 60 days before churning, used the product well but had a silent champion and no recent QBR. */
  function silentChampionChurners(b: Book): string[] {
    return b.outcomes
      .filter((o) => o.outcome === 'churned')
      .filter((o) => {
        const at = o.day - 60;
        const users = meanBetween(seriesOf(b, o.accountId, 'active_users'), at - 27, at);
        const seats = meanBetween(seriesOf(b, o.accountId, 'licensed_seats'), at - 27, at);
        const replies = sumBetween(seriesOf(b, o.accountId, 'champion_replies'), at - 20, at);
        const qbrs = sumBetween(seriesOf(b, o.accountId, 'qbr'), at - 120, at);
        return users / seats >= 0.6 && replies === 0 && qbrs === 0;
      })
      .map((o) => o.accountId);
  }

  it('makes up about 15–20% of churns, with healthy usage', () => {
    const churns = book.outcomes.filter((o) => o.outcome === 'churned').length;
    const group = silentChampionChurners(book);
    expect(group.length).toBeGreaterThanOrEqual(Math.floor(0.15 * churns));
    expect(group.length).toBeLessThanOrEqual(Math.ceil(0.25 * churns));
  });

  it('shows the champion silent for 3 to 8 weeks at the prediction point, after replying before', () => {
    for (const id of silentChampionChurners(book)) {
      const churn = book.outcomes.find((o) => o.accountId === id && o.outcome === 'churned')!.day;
      const replies = seriesOf(book, id, 'champion_replies')!;
      let lastReply = -Infinity;
      for (let i = 0; i < replies.days.length; i++) {
        if (replies.days[i] <= churn - 60 && replies.values[i] > 0) lastReply = replies.days[i];
      }
      const silentDays = churn - 60 - lastReply;
      expect(silentDays).toBeGreaterThanOrEqual(21);
      expect(silentDays).toBeLessThanOrEqual(12 * 7);
    }
  });
});
