import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDecimalSeparator, parseNumber } from './numbers';

describe('parseNumber', () => {
  it.each([
    ['42', '.', 42],
    ['-3.5', '.', -3.5],
    ['1,234.56', '.', 1234.56],
    ['1 234,56', ',', 1234.56],
    ['1.234.567,8', ',', 1234567.8],
    ["1'234.5", '.', 1234.5],
    ['$1,200.00', '.', 1200],
    ['€ 5,50', ',', 5.5],
    ['5,50 €', ',', 5.5],
    ['USD 7', '.', 7],
    ['(300.50)', '.', -300.5],
    ['($300.50)', '.', -300.5],
    ['-$40', '.', -40],
    ['$-40', '.', -40],
    ['12.5%', '.', 12.5],
    ['1.2E+03', '.', 1200],
    ['6.02e23', '.', 6.02e23],
    ['\u22123', '.', -3],
    ['.5', '.', 0.5],
    ['+7', '.', 7],
  ] as const)('%s with %s → %d', (raw, decimal, value) => {
    expect(parseNumber(raw, decimal)).toBeCloseTo(value, 9);
  });

  it('reads empty cells as null, never 0', () => {
    expect(parseNumber('', '.')).toBeNull();
    expect(parseNumber('   ', ',')).toBeNull();
  });

  it.each([
    ['n/a', '.'],
    ['12abc', '.'],
    ['1,5', '.'],
    ['1,23,4', '.'],
    ['1.5.', '.'],
    ['--5', '.'],
    ['(-5)', '.'],
    ['ABC123', '.'],
    ['Infinity', '.'],
    ['1e999', '.'],
  ] as const)('rejects %s', (raw, decimal) => {
    expect(parseNumber(raw, decimal)).toBeUndefined();
  });

  it('round-trips any number written with thousands separators in either convention', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 99 }),
        (int, cents) => {
          const value = int + Math.sign(int || 1) * (cents / 100);
          const en = value.toLocaleString('en-US', {
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          });
          const de = value.toLocaleString('de-DE', {
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          });
          expect(parseNumber(en, '.')).toBeCloseTo(value, 6);
          expect(parseNumber(de, ',')).toBeCloseTo(value, 6);
        },
      ),
    );
  });
});

describe('detectDecimalSeparator', () => {
  it('decides from unambiguous values anywhere in the column', () => {
    expect(detectDecimalSeparator(['1,234', '5', '2.5'])).toEqual({
      status: 'decided',
      decimal: '.',
    });
    expect(detectDecimalSeparator(['1,234', '', '0,5'])).toEqual({
      status: 'decided',
      decimal: ',',
    });
    expect(detectDecimalSeparator(['1.234.567'])).toEqual({ status: 'decided', decimal: ',' });
    expect(detectDecimalSeparator(['12', '7'])).toEqual({ status: 'decided', decimal: '.' });
  });

  it('asks when every separator could be either', () => {
    expect(detectDecimalSeparator(['1,234', '12'])).toEqual({
      status: 'ambiguous',
      example: '1,234',
    });
    expect(detectDecimalSeparator(['1.500'])).toEqual({ status: 'ambiguous', example: '1.500' });
  });

  it('reports conflicts and non-numbers', () => {
    expect(detectDecimalSeparator(['1,5', '2.5'])).toMatchObject({ status: 'conflict' });
    expect(detectDecimalSeparator(['1', 'lots'])).toEqual({
      status: 'not-numeric',
      invalidCount: 1,
      example: 'lots',
    });
  });
});
