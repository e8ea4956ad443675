import { describe, expect, it } from 'vitest';
import { MeasureSchema, type Measure } from '../model/schema';
import { measurePhrase } from './explain';
import { formatChange, formatNumber, formatValue, formatWindow, joinAnd } from './format';
import type { MeasureContribution } from './result';

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

describe('measure phrases', () => {
  const measure = (phrase: string): Measure =>
    MeasureSchema.parse({
      id: 'tenure_level',
      name: 'Tenure (months)',
      weight: 1,
      source: { kind: 'aggregate', metric: 'tenure_months', agg: 'latest', windowDays: 365 },
      scoring: { type: 'percentile', higherIsBetter: true },
      horizon: 'leading',
      nature: 'value',
      phrase,
    });
  const at = (value: number): MeasureContribution => ({
    measureId: 'tenure_level',
    groupId: 'g',
    name: 'Tenure (months)',
    horizon: 'leading',
    nature: 'value',
    value,
    text: null,
    valueText: String(value),
    measureScore: 50,
    missing: false,
    missingPolicy: 'skip',
    share: 1,
    maxPoints: 100,
    points: 50,
    lost: 50,
    bestValue: null,
  });

  it('puts a unit after the value in the singular after exactly 1', () => {
    const m = measure('tenure is {value} months');
    const read = (v: number) => measurePhrase(m, at(v), 'weakness');
    expect([1, 21, 1.5, 11, 0].map(read)).toEqual([
      'tenure is 1 month',
      'tenure is 21 months',
      'tenure is 1.5 months',
      'tenure is 11 months',
      'tenure is 0 months',
    ]);
    expect(measurePhrase(measure('{value} hours to resolve'), at(1), 'weakness')).toBe(
      '1 hour to resolve',
    );
  });
});
