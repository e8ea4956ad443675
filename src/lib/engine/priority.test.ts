import { describe, expect, it } from 'vitest';
import { rankAccounts, type PriorityInput } from './priority';

const base: PriorityInput = {
  accountId: 'a',
  score: 80,
  band: 'green',
  trendChange: 0,
  patternsFired: 0,
  arr: 50_000,
  daysToRenewal: 200,
  coverage: 1,
};

describe('rankAccounts', () => {
  it('puts a red account renewing soon above a green one renewing later', () => {
    const ranked = rankAccounts([
      { ...base, accountId: 'healthy' },
      { ...base, accountId: 'risky', score: 25, band: 'red', trendChange: -18, daysToRenewal: 24 },
    ]);
    expect(ranked.map((r) => r.accountId)).toEqual(['risky', 'healthy']);
    expect(ranked[0].rank).toBe(1);
    expect(ranked[0].reason).toBe('Renews in 24 days · red · down 18');
  });

  it('says one day in the singular, as the renewal column does ("tomorrow")', () => {
    const reason = (daysToRenewal: number) =>
      rankAccounts([{ ...base, daysToRenewal }])[0].reason.split(' · ')[0];
    expect(reason(1)).toBe('Renews tomorrow');
    expect(reason(2)).toBe('Renews in 2 days');
    expect(reason(0)).toBe('Renews today');
    expect(reason(-1)).toBe('Renewal 1 day overdue');
    expect(reason(-3)).toBe('Renewal 3 days overdue');
  });

  it('ranks higher ARR first when risk and urgency are equal', () => {
    const ranked = rankAccounts([
      { ...base, accountId: 'small', score: 40, band: 'amber', arr: 5_000 },
      { ...base, accountId: 'big', score: 40, band: 'amber', arr: 500_000 },
    ]);
    expect(ranked[0].accountId).toBe('big');
    expect(ranked[0].priority).toBeGreaterThan(ranked[1].priority);
  });

  it('counts fired patterns and falling trends as risk, and names them', () => {
    const ranked = rankAccounts([
      { ...base, accountId: 'plain', score: 60, band: 'amber' },
      {
        ...base,
        accountId: 'pattern',
        score: 60,
        band: 'amber',
        patternsFired: 1,
        trendChange: -9,
      },
    ]);
    expect(ranked[0].accountId).toBe('pattern');
    expect(ranked[0].reason).toBe('amber · down 9 · pattern fired');
  });

  it('treats a missing score as a reason to look and says why it is missing', () => {
    const ranked = rankAccounts([
      { ...base, accountId: 'green' },
      { ...base, accountId: 'unknown', score: null, band: null, coverage: 0, trendChange: null },
      {
        ...base,
        accountId: 'stale',
        score: null,
        band: null,
        coverage: 0.2,
        trendChange: null,
        status: 'stale',
        arr: 1,
      },
    ]);
    expect(ranked[0].accountId).toBe('unknown');
    expect(ranked[0].reason).toBe('not scored');
    expect(ranked.find((r) => r.accountId === 'stale')!.reason).toBe('stale data');
    // Thin data is said of a score that is shown on thin data.
    const thin = rankAccounts([{ ...base, accountId: 'thin', coverage: 0.4 }]);
    expect(thin[0].reason).toMatch(/ · thin data$/);
  });

  it('is deterministic for ties', () => {
    const inputs = [
      { ...base, accountId: 'b' },
      { ...base, accountId: 'a' },
    ];
    expect(rankAccounts(inputs).map((r) => r.accountId)).toEqual(['a', 'b']);
  });
});
