// The demo book read by the default model: the stories it was built to tell must show up.
import { describe, expect, it } from 'vitest';
import { ymdToDay } from '../dates';
import { DEFAULT_MODEL, prepareBook, scoreAccount, scoreBook } from '../index';
import { generateDemoBook, planDemoBook } from './index';

const END = ymdToDay(2026, 11, 23);
const book = generateDemoBook({ endDay: END });
const plans = planDemoBook({ endDay: END });
const prepared = prepareBook(book);

describe('the demo book under the default model', () => {
  it('has reds, ambers and greens among the accounts active today', () => {
    const churned = new Set(
      book.outcomes.filter((o) => o.outcome === 'churned').map((o) => o.accountId),
    );
    const active = scoreBook(prepared, DEFAULT_MODEL, END).filter((s) => !churned.has(s.accountId));
    const share = (band: string) => active.filter((s) => s.band === band).length / active.length;
    expect(share('red')).toBeGreaterThanOrEqual(0.12);
    expect(share('red')).toBeLessThanOrEqual(0.28);
    expect(share('amber')).toBeGreaterThanOrEqual(0.25);
    expect(share('amber')).toBeLessThanOrEqual(0.42);
    expect(share('green')).toBeGreaterThanOrEqual(0.35);
  });

  it('scores every silent-champion account green by plain average but amber by its pattern', () => {
    const group = plans.filter((p) => p.fate.story === 'silentChampion');
    expect(group.filter((p) => p.fate.churned).length).toBeGreaterThanOrEqual(5);
    for (const p of group) {
      const day = p.churnDay === null ? END : p.churnDay - 60;
      const s = scoreAccount(prepared, DEFAULT_MODEL, p.id, day);
      expect(s.scoreBeforePatterns, p.id).toBeGreaterThan(DEFAULT_MODEL.bands.amberMax);
      expect(s.band, p.id).toBe('amber');
      expect(s.patterns.length, p.id).toBeGreaterThan(0);
    }
  });

  it('ranks churners below renewers 60 days ahead, well but not perfectly', () => {
    const points = book.outcomes.map((o) => ({ o, day: o.day - 60 }));
    const scored = points
      .map(({ o, day }) => ({
        churned: o.outcome === 'churned',
        s: scoreAccount(prepared, DEFAULT_MODEL, o.accountId, day).score,
      }))
      .filter((x) => x.s !== null) as { churned: boolean; s: number }[];
    const churners = scored.filter((x) => x.churned);
    const renewers = scored.filter((x) => !x.churned);
    let wins = 0;
    for (const c of churners)
      for (const r of renewers) wins += c.s < r.s ? 1 : c.s === r.s ? 0.5 : 0;
    const auc = wins / (churners.length * renewers.length);
    expect(churners.length).toBeGreaterThanOrEqual(30);
    expect(auc).toBeGreaterThan(0.75);
    expect(auc).toBeLessThan(0.92);
  });
});
