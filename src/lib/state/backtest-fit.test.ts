import { describe, expect, it } from 'vitest';
import { generateDemoBook } from '../engine/demo';
import { isoToDay } from '../engine/dates';
import { DEFAULT_MODEL, prepareBook } from '../engine';
import { fitModel } from '../engine/backtest';
import { readableMeasures, readablePatterns } from './backtest-fit';

const fit = fitModel(prepareBook(generateDemoBook({ endDay: isoToDay('2026-11-23')! })), {
  baseModel: DEFAULT_MODEL,
  horizonDays: 60,
});

describe('readableMeasures', () => {
  const rows = readableMeasures(fit.model, DEFAULT_MODEL);

  it('lists weighted measures largest share first, shares summing to 1', () => {
    expect(rows.length).toBeGreaterThan(3);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i - 1].share).toBeGreaterThanOrEqual(rows[i].share);
    expect(rows.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 9);
    for (const r of rows) expect(r.previousShare).not.toBeNull();
  });

  it('writes step tiers as value ranges with points', () => {
    const tiered = rows.find((r) => r.tiers.length > 2)!;
    expect(tiered.tiers[0]).toMatch(/^below .+ → \d+ points$/);
    expect(tiered.tiers.at(-1)).toMatch(/ or more → \d+ points$/);
    expect(tiered.missing).toMatch(/^no data:/);
  });
});

describe('readablePatterns', () => {
  it('describes pattern rules in words', () => {
    for (const line of readablePatterns(fit.model))
      expect(line).toMatch(/: (subtracts|caps|shown)/);
  });
});
