import { describe, expect, it } from 'vitest';
import { formatChange, formatNumber, formatValue, formatWindow, joinAnd } from './format';

describe('explanation formatting', () => {
  it('formats numbers the same in every locale', () => {
    expect([0, 30, 1234567.25, -0.04, 4.25, 100].map((v) => formatNumber(v))).toEqual([
      '0',
      '30',
      '1,234,567.3',
      '0',
      '4.3',
      '100',
    ]);
    expect(formatNumber(-12.5, 0)).toBe('-13');
  });

  it('formats values by their declared format', () => {
    expect(formatValue(-37.5, 'percent')).toBe('-38%');
    expect(formatValue(0.625, 'ratioPercent')).toBe('63%');
    expect(formatValue(1, 'days')).toBe('1 day');
    expect(formatValue(21, 'days')).toBe('21 days');
    expect(formatValue(120000, 'currency')).toBe('120,000');
  });

  it('words windows and changes', () => {
    expect([7, 14, 28, 84, 91, 30].map(formatWindow)).toEqual([
      'a week',
      'two weeks',
      'four weeks',
      'twelve weeks',
      '13 weeks',
      '30 days',
    ]);
    expect(formatChange(-37.5, 'percent')).toBe('fell 38%');
    expect(formatChange(12, 'percent')).toBe('rose 12%');
    expect(formatChange(0.2, 'percent')).toBe('held steady');
    expect(formatChange(-3, 'number')).toBe('fell by 3');
    expect(joinAnd(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
