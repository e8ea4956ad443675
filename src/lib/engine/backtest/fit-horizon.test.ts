// Choosing the horizon to fit at: the first of 60/30/90 days with enough outcomes that had
// data by their prediction day; horizon 0 only when asked for (snapshots).
import { describe, expect, it } from 'vitest';
import { isoToDay, ymdToDay } from '../dates';
import { generateDemoBook } from '../demo';
import type { Book } from '../types';
import { chooseFitHorizon, MIN_FIT_CHURNED, outcomesWithData } from './fit-horizon';

/** A snapshot of `n` accounts on `day`, every third churned, outcomes `lag` days later. */
function snapshot(n: number, day: number, lag: number): Book {
  const book: Book = { accounts: [], series: [], outcomes: [], pulses: [], overrides: [] };
  for (let i = 0; i < n; i++) {
    const id = `C${i}`;
    book.accounts.push({
      id,
      name: id,
      segment: null,
      arr: null,
      seats: null,
      contractStart: null,
      renewalDate: null,
      owner: null,
      attributes: {},
    });
    book.series.push({
      accountId: id,
      metric: 'monthly_charges',
      days: Int32Array.of(day),
      values: Float64Array.of(20 + i),
    });
    book.outcomes.push({
      accountId: id,
      day: day + lag,
      outcome: i % 3 === 0 ? 'churned' : 'renewed',
      reason: null,
      avoidable: i % 6 === 0 ? false : null,
    });
  }
  return book;
}

const DAY = ymdToDay(2026, 10, 1);

describe('chooseFitHorizon', () => {
  it('the demo book fits at 60 days', () => {
    const choice = chooseFitHorizon(generateDemoBook({ endDay: isoToDay('2026-11-23')! }));
    expect(choice.horizonDays).toBe(60);
    expect(choice.tried[0].churned).toBeGreaterThanOrEqual(MIN_FIT_CHURNED);
  });

  it('a snapshot whose outcomes are dated on its own day has no point-in-time horizon', () => {
    const book = snapshot(120, DAY, 0);
    const choice = chooseFitHorizon(book);
    expect(choice.horizonDays).toBeNull();
    expect(choice.tried.map((t) => [t.horizonDays, t.churned, t.retained])).toEqual([
      [60, 0, 0],
      [30, 0, 0],
      [90, 0, 0],
    ]);
    expect(chooseFitHorizon(book, { sameDay: true }).horizonDays).toBe(0);
  });

  it('outcomes dated 30 days after the snapshot fit at 30 days', () => {
    const choice = chooseFitHorizon(snapshot(120, DAY, 30));
    expect(choice.horizonDays).toBe(30);
    expect(choice.tried[1]).toEqual({ horizonDays: 30, churned: 40, retained: 80, enough: true });
  });

  it('needs both churned and retained outcomes, and honours excludeUnavoidable', () => {
    const book = snapshot(120, DAY, 30);
    const onlyChurn = { ...book, outcomes: book.outcomes.filter((o) => o.outcome === 'churned') };
    expect(chooseFitHorizon(onlyChurn).horizonDays).toBeNull();
    expect(outcomesWithData(book, 30, { excludeUnavoidable: true }).churned).toBe(20);
    const few = snapshot(50, DAY, 30);
    expect(outcomesWithData(few, 30)).toMatchObject({ churned: 17, enough: false });
  });
});
