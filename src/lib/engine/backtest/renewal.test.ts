import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, prepareBook } from '../index';
import { bandChurnRates } from './bands';
import { compareModels } from './compare';
import { renewalAbove, renewalByScore, smallSampleWarnings } from './renewal';
import { wilsonInterval } from './stats';
import { syntheticBacktestBook } from './synthetic';
import { capacityRedMax, orderedThresholds, suggestThresholds } from './thresholds';

describe('score → renewal probability', () => {
  const scores = Array.from({ length: 200 }, (_, i) => i / 2); // 0 … 99.5
  const y = scores.map((s) => (s < 30 ? 1 : s < 40 && s % 2 === 0 ? 1 : 0));

  it('bins by score with Wilson intervals, refusing thin bins', () => {
    const bins = renewalByScore(scores, y, [0, 30, 80, 100], 30);
    expect(bins.map((b) => b.n)).toEqual([60, 100, 40]);
    expect(bins[0].renewalRate).toBe(0);
    const ci = wilsonInterval(95, 100);
    expect(bins[1].renewalRate).toBe(0.95);
    expect(bins[1].ciLow).toBeCloseTo(ci.ciLow, 12);
    const thin = renewalByScore(scores, y, [0, 30, 80, 100], 50);
    expect(thin[2]).toMatchObject({ n: 40, enough: false });
    expect(thin[2].renewalRate).toBeNaN();
  });

  it('"above 80 renews X%" is measured with its n, or refused', () => {
    expect(renewalAbove(scores, y, 80)).toMatchObject({
      n: 40,
      renewed: 40,
      renewalRate: 1,
      enough: true,
    });
    expect(renewalAbove(scores, y, 99, 30).renewalRate).toBeNaN();
  });
});

describe('small-sample warnings', () => {
  it('warns under 20 churns and when neighbouring band intervals overlap', () => {
    const bands = bandChurnRates([0, 0, 0, 1, 1, 1, 2, 2, 2], [1, 0, 0, 1, 0, 0, 0, 0, 0]);
    const w = smallSampleWarnings(2, bands);
    expect(w[0]).toMatch(/Only 2 churned accounts/);
    expect(w.some((x) => /red and amber .* overlap/.test(x))).toBe(true);
  });

  it('stays quiet for clearly separated bands with enough churn', () => {
    const codes = [...Array(200).fill(0), ...Array(200).fill(2)];
    const y = [
      ...Array(100).fill(1),
      ...Array(100).fill(0),
      ...Array(5).fill(1),
      ...Array(195).fill(0),
    ];
    expect(smallSampleWarnings(105, bandChurnRates(codes, y))).toEqual([]);
  });
});

describe('suggested thresholds', () => {
  it('red catches the chosen share of churn, amber more', () => {
    const scores = [5, 10, 20, 30, 40, 50, 60, 70, 80, 90];
    const y = [1, 1, 1, 1, 0, 1, 0, 0, 1, 0];
    expect(suggestThresholds(scores, y, { redCatchShare: 0.5, amberCatchShare: 0.8 })).toEqual({
      redMax: 20,
      amberMax: 50,
    });
  });

  it('capacity: the red cut-off flags at most N accounts today', () => {
    expect(capacityRedMax([10, 20, 20, 30, 40], 2)).toBe(19);
    expect(capacityRedMax([10, 20, 20, 30, 40], 3)).toBe(20);
    expect(orderedThresholds(50, 40)).toEqual({ redMax: 50, amberMax: 51 });
  });
});

describe('compareModels', () => {
  it('compares two versions on the same outcomes and lists band changes', () => {
    const prepared = prepareBook(syntheticBacktestBook(200, 4));
    const stricter = {
      ...DEFAULT_MODEL,
      version: DEFAULT_MODEL.version + 1,
      bands: { redMax: 50, amberMax: 80 },
    };
    const cmp = compareModels(prepared, DEFAULT_MODEL, stricter, {
      horizons: [60],
      leadLookbackDays: 0,
    });
    expect(cmp.commonOutcomes[0]).toBe(cmp.before.reports[0].n_outcomes);
    expect(cmp.before.reports[0].auc).toBeCloseTo(cmp.after.reports[0].auc!, 12);
    expect(cmp.bandChanges.length).toBeGreaterThan(0);
    for (const c of cmp.bandChanges) expect(c.before.band).not.toBe(c.after.band);
    expect(cmp.after.reports[0].bands[0].n).toBeGreaterThanOrEqual(
      cmp.before.reports[0].bands[0].n,
    );
  });
});
