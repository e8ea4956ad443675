import { describe, expect, it } from 'vitest';
import { averagePrecision, rocAuc, rocCurve } from './ranking';
import { brierScore, logLoss, reliabilityBins } from './calibration';
import { percentileSorted, wilsonInterval } from './stats';
import { summarizeLeadTimes } from './lead-time';
import { bandChurnRates, churnShareInBand, liftCurve } from './bands';
import { loadSklearnFixtures } from '../../../../tests/fixtures/sklearn/load';

const { fixtures, expected } = loadSklearnFixtures();
const EXACT = 1e-9;

describe('metrics match scikit-learn on fixed fixtures', () => {
  for (const c of fixtures.binary) {
    const want = expected.binary.find((e) => e.name === c.name)!;
    const w = c.w ?? undefined;
    it(`${c.name}: ROC AUC, curve, average precision, Brier, log loss`, () => {
      expect(rocAuc(c.y, c.p, w)).toBeCloseTo(want.roc_auc, 9);
      expect(Math.abs(rocAuc(c.y, c.p, w) - want.roc_auc)).toBeLessThan(EXACT);
      const curve = rocCurve(c.y, c.p, w);
      expect(curve.length).toBe(want.roc_fpr.length);
      curve.forEach((pt, k) => {
        expect(Math.abs(pt.fpr - want.roc_fpr[k])).toBeLessThan(EXACT);
        expect(Math.abs(pt.tpr - want.roc_tpr[k])).toBeLessThan(EXACT);
      });
      expect(Math.abs(averagePrecision(c.y, c.p, w) - want.average_precision)).toBeLessThan(EXACT);
      expect(Math.abs(brierScore(c.y, c.p, w) - want.brier)).toBeLessThan(EXACT);
      expect(Math.abs(logLoss(c.y, c.p, w) - want.log_loss)).toBeLessThan(EXACT);
    });
    if (want.calibration_true) {
      it(`${c.name}: reliability bins equal calibration_curve(strategy='quantile')`, () => {
        const bins = reliabilityBins(c.y, c.p, 10);
        expect(bins.map((b) => b.observedRate)).toHaveLength(want.calibration_true!.length);
        bins.forEach((b, k) => {
          expect(Math.abs(b.observedRate - want.calibration_true![k])).toBeLessThan(EXACT);
          expect(Math.abs(b.meanPredicted - want.calibration_pred![k])).toBeLessThan(EXACT);
        });
        expect(bins.reduce((s, b) => s + b.n, 0)).toBe(c.y.length);
      });
    }
  }

  it('all-tied risks give AUC exactly 0.5 and AP the base rate', () => {
    const c = fixtures.binary.find((b) => b.name === 'all_tied')!;
    expect(rocAuc(c.y, c.p)).toBe(0.5);
    expect(averagePrecision(c.y, c.p)).toBeCloseTo(3 / 8, 12);
  });

  it('percentiles match numpy linear interpolation', () => {
    const sorted = Float64Array.from(fixtures.lead_times).sort();
    for (const q of [25, 50, 75]) {
      expect(Math.abs(percentileSorted(sorted, q) - expected.percentiles[String(q)])).toBeLessThan(
        EXACT,
      );
    }
  });

  it('Wilson intervals match the textbook formula with scipy z', () => {
    for (const w of expected.wilson) {
      const ci = wilsonInterval(w.k, w.n);
      expect(Math.abs(ci.ciLow - w.low)).toBeLessThan(EXACT);
      expect(Math.abs(ci.ciHigh - w.high)).toBeLessThan(EXACT);
    }
  });
});

describe('edge cases', () => {
  it('AUC and AP are NaN without both classes; empty inputs give NaN', () => {
    expect(rocAuc([0, 0, 0], [0.1, 0.2, 0.3])).toBeNaN();
    expect(averagePrecision([0, 0], [0.1, 0.2])).toBeNaN();
    expect(brierScore([], [])).toBeNaN();
    expect(wilsonInterval(0, 0).rate).toBeNaN();
  });

  it('rejects arrays of different lengths', () => {
    expect(() => rocAuc([0, 1], [0.5])).toThrow(/differ in length/);
  });
});

describe('band metrics, lift and lead time', () => {
  // codes: 0 red, 1 amber, 2 green
  const bands = [0, 0, 0, 1, 1, 2, 2, 2, 2, 2];
  const y = [1, 1, 0, 1, 0, 1, 0, 0, 0, 0];
  const arr = [100, 300, 50, 200, 10, 400, 1, 1, 1, 1];

  it('churn rate per band with Wilson intervals and ARR', () => {
    const rates = bandChurnRates(bands, y, arr);
    expect(rates.map((r) => [r.band, r.n, r.churned])).toEqual([
      ['red', 3, 2],
      ['amber', 2, 1],
      ['green', 5, 1],
    ]);
    expect(rates[0].churnRate).toBeCloseTo(2 / 3, 12);
    expect(rates[0].ciLow).toBeCloseTo(wilsonInterval(2, 3).ciLow, 12);
    expect(rates[2].churnedArr).toBe(400);
  });

  it('churned-while-green and red capture, by count and ARR', () => {
    expect(churnShareInBand(bands, y, 2, arr)).toEqual({ accounts: 1 / 4, arr: 400 / 1000 });
    expect(churnShareInBand(bands, y, 0, arr)).toEqual({ accounts: 2 / 4, arr: 400 / 1000 });
  });

  it('lift and capture in the riskiest k%', () => {
    const risk = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0];
    const [top20, all] = liftCurve(y, risk, [0.2, 1], arr);
    expect(top20).toMatchObject({ n: 2, churnRate: 1, capture: 0.5, arrCapture: 0.4 });
    expect(top20.lift).toBeCloseTo(1 / 0.4, 12);
    expect(all).toMatchObject({ n: 10, capture: 1, arrCapture: 1, lift: 1 });
  });

  it('lead time quartiles over flagged accounts, shares over all churned', () => {
    const s = summarizeLeadTimes([10, 60, 90, 120, NaN], 30);
    expect(s).toMatchObject({ nChurned: 5, nFlagged: 4, median: 75, p25: 47.5, p75: 97.5 });
    expect(s.shareAtLeast60).toBeCloseTo(3 / 5, 12);
    expect(s.shareAtLeast90).toBeCloseTo(2 / 5, 12);
    expect(s.histogram.map((h) => h.count)).toEqual([1, 0, 1, 1, 1]);
  });
});
