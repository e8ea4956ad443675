import { describe, expect, it } from 'vitest';
import { isoToDay } from './engine/dates';
import {
  formatBytes,
  formatDay,
  formatDaysFrom,
  formatInteger,
  formatMoney,
  formatMoneyCompact,
  formatMonthDay,
  formatMonthLong,
  formatMonthYear,
  formatNumber,
  formatShare,
  formatSigned,
} from './format';

/** Numbers that exercise rounding, carries into the next unit, grouping and signs. */
function sampleNumbers(): number[] {
  const out = [0, -0, 0.04, 0.05, 0.25, 0.5, 1.5, 2.5, 999.5, 999.94, 999.95, 1000, 1049, 1050];
  out.push(99_999, 999_949, 999_950, 999_999, 1e6, 1.25e6, 1e9, 1e12, 1e15, 1.5e18, 1e21, 1e22);
  out.push(1.005, 1.0049999, 123.456, 5e-7, 1.5e-7, 9.95, 99.95, 0.95, 2 ** 53 + 2, 1.5e300);
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  for (let i = 0; i < 4000; i++) {
    const scale = 10 ** Math.floor(random() * 16 - 3);
    const v = random() * scale;
    // Half the values land near a rounding boundary: x.x5, x.x49…, 999.95 × 10^k.
    const near = i % 2 === 0 ? v : Math.round(v * 10) / 10 + (random() < 0.5 ? 0.05 : 0.0499999);
    out.push(near, -near);
  }
  return out;
}

describe('format without Intl matches Intl en-US', () => {
  const compact = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  });
  const whole = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: 0,
  });
  const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
  const values = sampleNumbers();

  it('compact money, whole money, integers and one-decimal numbers', () => {
    const mismatches: string[] = [];
    for (const v of values) {
      const pairs: [string, string, string][] = [
        ['compact', formatMoneyCompact(v), compact.format(v)],
        ['money', formatMoney(v), whole.format(v)],
        ['integer', formatInteger(v), integer.format(v)],
        ['one decimal', formatNumber(v, 1), oneDecimal.format(v)],
      ];
      for (const [kind, ours, intl] of pairs)
        if (ours !== intl) mismatches.push(`${kind} ${v}: ${ours} ≠ ${intl}`);
    }
    expect(mismatches).toEqual([]);
    expect(values.length).toBeGreaterThan(8000);
  });

  it('dates: "Mar 4, 2026", "Mar 4", "Mar 26" for every day from 1999 to 2041', () => {
    const full = new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
    const monthDay = new Intl.DateTimeFormat('en-US', {
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
    const monthYear = new Intl.DateTimeFormat('en-US', {
      month: 'short',
      year: '2-digit',
      timeZone: 'UTC',
    });
    const monthLong = new Intl.DateTimeFormat('en-US', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const first = isoToDay('1999-01-01')!;
    const last = isoToDay('2041-12-31')!;
    const mismatches: string[] = [];
    for (let day = first; day <= last; day++) {
      const date = new Date(day * 86_400_000);
      if (formatDay(day) !== full.format(date)) mismatches.push(`day ${day}: ${formatDay(day)}`);
      if (formatMonthDay(day) !== monthDay.format(date)) mismatches.push(`md ${day}`);
      if (formatMonthYear(day) !== monthYear.format(date)) mismatches.push(`my ${day}`);
      if (formatMonthLong(day) !== monthLong.format(date)) mismatches.push(`ml ${day}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('format', () => {
  it('formats money compactly and marks unknowns', () => {
    expect(formatMoneyCompact(1_234_567)).toBe('$1.2M');
    expect(formatMoneyCompact(85_000)).toBe('$85K');
    expect(formatMoneyCompact(null)).toBe('—');
  });
  it('formats signed changes with a real minus', () => {
    expect(formatSigned(12.4)).toBe('+12');
    expect(formatSigned(-7)).toBe('−7');
    expect(formatSigned(0.2)).toBe('0');
  });
  it('formats days relative to today', () => {
    const today = isoToDay('2026-11-23')!;
    expect(formatDaysFrom(today + 24, today)).toBe('in 24 days');
    expect(formatDaysFrom(today - 3, today)).toBe('3 days ago');
    expect(formatDaysFrom(today, today)).toBe('today');
    expect(formatDay(today)).toBe('Nov 23, 2026');
  });
  it('formats shares and sizes', () => {
    expect(formatShare(0.834)).toBe('83%');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
