import { describe, expect, it } from 'vitest';
import { isoToDay } from './engine/dates';
import {
  formatBytes,
  formatDay,
  formatDaysFrom,
  formatMoneyCompact,
  formatShare,
  formatSigned,
} from './format';

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
