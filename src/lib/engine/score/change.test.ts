// The cause of a score change in words: override, pattern, model, else the measure whose points
// moved most; and the order changes are reported in.
import { describe, expect, it } from 'vitest';
import { changeCause, orderChanges, type ScoreChange } from './change';
import type { AccountScore, MeasureContribution } from './result';

function measure(id: string, name: string, points: number, valueText: string): MeasureContribution {
  return {
    measureId: id,
    groupId: 'g',
    name,
    horizon: 'leading',
    nature: 'activity',
    value: null,
    text: null,
    valueText,
    measureScore: null,
    missing: false,
    missingPolicy: 'skip',
    share: 0.5,
    maxPoints: 50,
    points,
    lost: 50 - points,
    bestValue: null,
  };
}

function score(over: Partial<AccountScore>): AccountScore {
  return {
    accountId: 'acme',
    accountName: 'Acme',
    day: 100,
    modelId: 'default',
    modelVersion: 2,
    score: 60,
    status: 'scored',
    lastDataDay: 100,
    scoreBeforePatterns: 60,
    band: 'amber',
    scoredBand: 'amber',
    coverage: 1,
    stage: null,
    contexts: [],
    daysToRenewal: null,
    groups: [],
    measures: [measure('seats', 'Active seats', 30, '40'), measure('nps', 'NPS', 30, '30')],
    patterns: [],
    override: null,
    trend: {
      direction: 'flat',
      change: 0,
      previousScore: 60,
      windowDays: 30,
      deadZone: 5,
      reason: null,
    },
    explanation: '',
    ...over,
  };
}

describe('changeCause', () => {
  it('names the measure whose points moved most, with its values before and after', () => {
    const before = score({});
    const after = score({
      measures: [measure('seats', 'Active seats', 21, '22'), measure('nps', 'NPS', 32, '35')],
    });
    expect(changeCause(before, after, false)).toEqual({
      kind: 'measure',
      measureId: 'seats',
      text: 'Active seats went from 40 to 22 (−9 points).',
    });
  });

  it('an override set or ended comes before any measure', () => {
    const override = {
      accountId: 'acme',
      day: 90,
      band: 'red' as const,
      reason: 'x',
      expiresDay: 200,
    };
    const moved = { measures: [measure('seats', 'Active seats', 10, '5')] };
    expect(changeCause(score({}), score({ ...moved, override }), false).text).toBe(
      'A band override set it to Red.',
    );
    expect(changeCause(score({ override }), score(moved), false).text).toBe(
      'The Red band override ended: the scored band applies again.',
    );
  });

  it('a pattern that fired or stopped, and a model change', () => {
    const pattern = {
      id: 'silent',
      name: 'Silent champion',
      description: '',
      capBand: 'red' as const,
      subtractPoints: null,
    };
    expect(changeCause(score({}), score({ patterns: [pattern] }), false).text).toBe(
      'Pattern "Silent champion" fired.',
    );
    expect(changeCause(score({ patterns: [pattern] }), score({}), false).text).toBe(
      'Pattern "Silent champion" no longer applies.',
    );
    expect(changeCause(null, score({}), true)).toMatchObject({ kind: 'model' });
    expect(changeCause(score({}), score({}), false)).toMatchObject({ kind: 'unknown' });
  });
});

describe('orderChanges', () => {
  const change = (id: string, before: number, after: number, bb: string, ba: string) =>
    ({
      accountId: id,
      name: id,
      scoreBefore: before,
      scoreAfter: after,
      bandBefore: bb,
      bandAfter: ba,
      cause: { kind: 'unknown', measureId: null, text: '' },
    }) as ScoreChange;

  it('puts moves into red first, then other band changes, then the biggest moves', () => {
    const ordered = orderChanges([
      change('small', 60, 58, 'amber', 'amber'),
      change('big', 60, 45, 'amber', 'amber'),
      change('up', 60, 75, 'amber', 'green'),
      change('red', 35, 28, 'amber', 'red'),
    ]);
    expect(ordered.map((c) => c.accountId)).toEqual(['red', 'up', 'big', 'small']);
  });
});
