import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../index';
import { makeAccount } from '../score/book-factory';
import type { Account } from '../types';
import {
  CENSOR_LOOKBACK,
  CENSOR_NO_DATA,
  CENSOR_NONE,
  CENSOR_ONBOARDING,
  lastRedStretch,
  leadTimeWords,
  SAMPLE_GREEN,
  SAMPLE_RED,
  SAMPLE_ONBOARDING,
  SAMPLE_UNSCORED,
  summarizeLeadTimes,
} from './lead-time';
import type { OutcomeRows } from './outcomes';
import { leadTimes, onboardingTest, type PointScorer } from './run';

const R = SAMPLE_RED;
const G = SAMPLE_GREEN;
const O = SAMPLE_ONBOARDING;
const U = SAMPLE_UNSCORED;

describe('lastRedStretch (samples oldest first, one every 7 days, the last 7 days before churn)', () => {
  it('counts from the start of the stretch that reaches the last sample', () => {
    // Red long ago, then green, then red for the last three samples (21, 14, 7 days before).
    expect(lastRedStretch([R, R, R, G, G, G, R, R, R], 7)).toEqual({
      days: 21,
      censored: CENSOR_NONE,
    });
  });

  it('is not flagged when the last sample is not red, however red it was before', () => {
    expect(lastRedStretch([R, R, R, R, G], 7).days).toBeNaN();
    expect(lastRedStretch([G, G, G], 7).days).toBeNaN();
  });

  it('a stretch back to the first sample is a lower bound (censored by the lookback)', () => {
    expect(lastRedStretch([R, R, R, R], 7)).toEqual({ days: 28, censored: CENSOR_LOOKBACK });
  });

  it('skips onboarding samples: a stretch back to the end of onboarding is censored there', () => {
    // Red in onboarding, red after: the red in onboarding does not count.
    expect(lastRedStretch([O, O, R, R, R], 7)).toEqual({ days: 21, censored: CENSOR_ONBOARDING });
    // Red in onboarding, then green, then red: the last stretch only.
    expect(lastRedStretch([O, O, G, R, R], 7)).toEqual({ days: 14, censored: CENSOR_NONE });
    // Churned during onboarding: nothing to measure.
    expect(lastRedStretch([O, O, O], 7).days).toBeNaN();
  });

  it('a stretch back to a sample without a score is a lower bound; trailing unscored samples are skipped', () => {
    expect(lastRedStretch([G, U, R, R], 7)).toEqual({ days: 14, censored: CENSOR_NO_DATA });
    expect(lastRedStretch([G, R, R, U], 7)).toEqual({ days: 21, censored: CENSOR_NONE });
    expect(lastRedStretch([U, U], 7).days).toBeNaN();
  });
});

describe('leadTimes over a book (the last unbroken red stretch, onboarding skipped)', () => {
  const churnDay = 20_000;
  const rowsOf = (accounts: Account[]): OutcomeRows =>
    ({
      accountIds: accounts.map((a) => a.id),
      outcomeDays: Int32Array.from(accounts, () => churnDay),
      predictionDays: Int32Array.from(accounts, () => churnDay - 60),
      y: Uint8Array.from(accounts, () => 1),
    }) as unknown as OutcomeRows;
  /** Red (score 10) or green (score 90) per account and day. */
  const scorerOf =
    (red: Record<string, (daysBefore: number) => boolean>): PointScorer =>
    (points) => {
      const scores = Float64Array.from(points, (p) =>
        red[p.accountId](churnDay - p.day) ? 10 : 90,
      );
      return { scores, bandCodes: Uint8Array.from(scores, (s) => (s < 40 ? 0 : 2)) };
    };

  // Started 400 days before churn: the first 90 days (400 → 311 days before) are onboarding.
  const young = makeAccount({ id: 'young', contractStart: churnDay - 400 });
  // Customer for years: no onboarding within the lookback.
  const old = makeAccount({ id: 'old', contractStart: churnDay - 3000 });
  const accounts = [young, old];
  const onboarding = onboardingTest(accounts, DEFAULT_MODEL);

  it('an account red in onboarding, then green, then red 42 days before churn: 42 days, not 364', () => {
    const scorer = scorerOf({
      young: (before) => before > 300 || before <= 42,
      old: () => false,
    });
    const lead = leadTimes(rowsOf(accounts), scorer, 364, 7, { onboarding });
    expect(lead.days[0]).toBe(42);
    expect(lead.censored[0]).toBe(CENSOR_NONE);
    expect(lead.days[1]).toBeNaN();
    // The earliest red sample of the lookback (the old rule's start) is 364 days before churn.
    expect(scorer([{ accountId: 'young', day: churnDay - 364 }]).bandCodes[0]).toBe(0);
  });

  it('an account red all year is censored: at least 364 days', () => {
    const scorer = scorerOf({ young: () => false, old: () => true });
    const lead = leadTimes(rowsOf(accounts), scorer, 364, 7, { onboarding });
    expect(lead.days[1]).toBe(364);
    expect(lead.censored[1]).toBe(CENSOR_LOOKBACK);
    expect(leadTimeWords(lead.days[1], lead.censored[1], 364)).toBe(
      'red for the whole year: ≥ 364 days',
    );
  });

  it('onboarding samples are skipped: red since onboarding ended is a lower bound', () => {
    const scorer = scorerOf({ young: () => true, old: () => false });
    const lead = leadTimes(rowsOf(accounts), scorer, 364, 7, { onboarding });
    // Tenure reaches 90 days 310 days before churn; the first sample after is 308 days before.
    expect(lead.days[0]).toBe(308);
    expect(lead.censored[0]).toBe(CENSOR_ONBOARDING);
    expect(leadTimeWords(lead.days[0], lead.censored[0], 364)).toBe(
      'red since onboarding ended: ≥ 308 days',
    );
  });

  it('cached lead times (shared across horizons) keep their censoring', () => {
    const scorer = scorerOf({ young: () => true, old: () => true });
    const cache = new Map();
    const first = leadTimes(rowsOf(accounts), scorer, 364, 7, { onboarding, cache });
    const again = leadTimes(
      rowsOf(accounts),
      () => {
        throw new Error('should come from the cache');
      },
      364,
      7,
      { onboarding, cache },
    );
    expect(Array.from(again.days)).toEqual(Array.from(first.days));
    expect(Array.from(again.censored)).toEqual([CENSOR_ONBOARDING, CENSOR_LOOKBACK]);
  });
});

describe('summarizeLeadTimes with censoring', () => {
  it('counts censored churns and says which quartiles are lower bounds', () => {
    // Five flagged: 14, 30, 60 exact; 364 and 364 censored; one never red.
    const days = [14, 30, 60, 364, 364, NaN];
    const censored = [0, 0, 0, CENSOR_LOOKBACK, CENSOR_LOOKBACK, 0];
    const s = summarizeLeadTimes(days, 30, censored, 364);
    expect(s.nFlagged).toBe(5);
    expect(s.nCensored).toBe(2);
    expect(s.censoredBy).toEqual({ lookback: 2, onboarding: 0, noData: 0 });
    expect(s.median).toBe(60);
    expect(s.p25).toBe(30);
    expect(s.p75).toBe(364);
    // The median and p25 read exact values only; p75 sits on a censored one.
    expect(s.lowerBound).toEqual({ median: false, p25: false, p75: true });
    expect(s.lookbackDays).toBe(364);
    // Censored churns count in the histogram at their lower bound, and apart.
    expect(s.histogram.at(-1)).toMatchObject({ count: 2, censored: 2 });
    expect(s.shareAtLeast60).toBeCloseTo(3 / 6, 12);
  });

  it('without censoring the quartiles are exact', () => {
    const s = summarizeLeadTimes([7, 14, 21]);
    expect(s.nCensored).toBe(0);
    expect(s.lowerBound).toEqual({ median: false, p25: false, p75: false });
  });

  it('words for each case', () => {
    expect(leadTimeWords(42, CENSOR_NONE, 364)).toBe('42 days');
    expect(leadTimeWords(NaN, CENSOR_NONE, 364)).toBe('not red before churning');
    expect(leadTimeWords(35, CENSOR_NO_DATA, 364)).toBe(
      'red since its score could first be read: ≥ 35 days',
    );
    expect(leadTimeWords(182, CENSOR_LOOKBACK, 182)).toBe(
      'red for the whole 182-day lookback: ≥ 182 days',
    );
  });
});
