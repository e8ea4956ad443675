import { describe, expect, it } from 'vitest';
import { compareText } from './collate';

const collator = new Intl.Collator('en-US');
const sign = (n: number) => Math.sign(n);

describe('compareText', () => {
  it('orders every pair of printable ASCII characters as Intl.Collator does', () => {
    const chars = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    const wrong: string[] = [];
    for (const a of chars)
      for (const b of chars)
        if (sign(compareText(a, b)) !== sign(collator.compare(a, b))) wrong.push(`${a}${b}`);
    expect(wrong).toEqual([]);
  });

  it('orders random names, ids and near-duplicates as Intl.Collator does', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const alphabet = "aAbBzZ09 -_.&()'";
    const word = () =>
      Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        alphabet.charAt(Math.floor(random() * alphabet.length)),
      ).join('');
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = word();
      // Every other pair differs only in case or in one character, the hard cases.
      const b = i % 2 === 0 ? word() : random() < 0.5 ? a.toUpperCase() : a + word().charAt(0);
      if (sign(compareText(a, b)) !== sign(collator.compare(a, b))) wrong.push(`${a} | ${b}`);
    }
    expect(wrong).toEqual([]);
  });

  it('sorts a list like localeCompare, accents and all', () => {
    const names = [
      'Zeta Labs',
      'acme',
      'Acme',
      'Émile & Co',
      'Eagle',
      'acme-2',
      'ACME 2',
      'Ølberg',
      '3M',
    ];
    expect([...names].sort(compareText)).toEqual(
      [...names].sort((a, b) => a.localeCompare(b, 'en-US')),
    );
  });
});
