// What a rescore moved and why: the changes page's causes (measure, pattern, pulse, override,
// model change) from the previous stored breakdown to the new score, and the order moves are
// reported in.
import { describe, expect, it } from 'vitest';
import { dayToIso } from '../dates';
import { DEFAULT_MODEL } from '../model/presets';
import type { AccountScore, MeasureContribution } from '../score/result';
import { describeMoves, moveCause, orderChanges, type ScoreChange } from './moves';

const PULSE_ID = DEFAULT_MODEL.groups
  .flatMap((g) => g.measures)
  .find((m) => m.source.kind === 'pulse')!.id;

function measure(
  id: string,
  name: string,
  points: number,
  valueText: string,
  value: number | null = null,
): MeasureContribution {
  return {
    measureId: id,
    groupId: 'g',
    name,
    horizon: 'leading',
    nature: 'activity',
    value,
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

const cause = (before: AccountScore | null, after: AccountScore, modelChanged = false) =>
  moveCause(before, after, modelChanged, DEFAULT_MODEL, []);

describe('moveCause', () => {
  it("names the measure whose points moved most in the move's direction, with its values", () => {
    const before = score({
      measures: [measure('seats', 'Active seats', 30, '40', 40), measure('nps', 'NPS', 30, '30')],
    });
    const after = score({
      score: 53,
      scoreBeforePatterns: 53,
      measures: [measure('seats', 'Active seats', 21, '22', 22), measure('nps', 'NPS', 32, '35')],
    });
    expect(cause(before, after)).toEqual({
      kind: 'measure',
      measureId: 'seats',
      text: 'Active seats fell from 40 to 22 (−9 points).',
    });
  });

  it('an override that alone moved the band comes before any measure; one that ended says so', () => {
    const override = {
      accountId: 'acme',
      day: 100,
      band: 'red' as const,
      reason: 'Champion left',
      expiresDay: 130,
    };
    const moved = {
      score: 58,
      scoreBeforePatterns: 58,
      measures: [measure('seats', 'Active seats', 28, '38', 38), measure('nps', 'NPS', 30, '30')],
    };
    expect(cause(score({}), score({ ...moved, override, band: 'red' }))).toEqual({
      kind: 'override',
      measureId: null,
      text: `Override set on ${dayToIso(100)}: shown red until ${dayToIso(130)} (“Champion left”).`,
    });
    expect(cause(score({ override, band: 'red' }), score({ day: 140 })).text).toBe(
      `The override showing it red ended on ${dayToIso(130)}.`,
    );
    expect(cause(score({ override, band: 'red' }), score({})).text).toBe(
      'The override showing it red was removed.',
    );
  });

  it('a pattern that fired or stopped matching', () => {
    const pattern = {
      id: 'silent',
      name: 'Silent champion',
      description: '',
      capBand: 'red' as const,
      subtractPoints: null,
    };
    const capped = { patterns: [pattern], score: 29, band: 'red' as const };
    expect(cause(score({}), score(capped))).toEqual({
      kind: 'pattern',
      measureId: null,
      text: 'Pattern ‘Silent champion’ fired (−31 points).',
    });
    expect(cause(score(capped), score({})).text).toBe(
      '‘Silent champion’ no longer matches (+31 points).',
    );
  });

  it('a pulse logged since the previous scoring day, with the points it moved', () => {
    const before = score({ measures: [measure(PULSE_ID, 'CSM pulse', 30, '4 of 5', 4)] });
    const after = score({
      day: 107,
      score: 54,
      scoreBeforePatterns: 54,
      measures: [measure(PULSE_ID, 'CSM pulse', 24, '1 of 5', 1)],
    });
    const pulses = [{ accountId: 'acme', day: 105, value: 1, reason: 'Champion left' }];
    expect(moveCause(before, after, false, DEFAULT_MODEL, pulses)).toEqual({
      kind: 'pulse',
      measureId: PULSE_ID,
      text: `CSM pulse 1 of 5 logged on ${dayToIso(105)} (“Champion left”) (−6 points).`,
    });
  });

  it('a model change, a first score, and a move no cause explains', () => {
    expect(cause(null, score({}), true)).toEqual({
      kind: 'model',
      measureId: null,
      text: 'The model changed (now default version 2).',
    });
    expect(cause(null, score({}))).toMatchObject({ kind: 'unknown' });
    expect(cause(score({}), score({}))).toEqual({
      kind: 'unknown',
      measureId: null,
      text: 'No change.',
    });
  });
});

describe('describeMoves', () => {
  it('gives each saved move its cause and reports band changes first', () => {
    const before = score({});
    const fell = score({
      accountId: 'b',
      accountName: 'Birch',
      score: 45,
      scoreBeforePatterns: 45,
      band: 'red',
      scoredBand: 'red',
      measures: [measure('seats', 'Active seats', 15, '20'), measure('nps', 'NPS', 30, '30')],
    });
    const rose = score({ accountId: 'c', accountName: 'Cedar', modelVersion: 3 });
    const changes = describeMoves(
      [
        {
          accountId: 'c',
          before: { score: 55, band: 'amber', modelKey: 'default@2' },
          after: { score: 60, band: 'amber' },
          beforeBreakdown: null,
        },
        {
          accountId: 'b',
          before: { score: 60, band: 'amber', modelKey: 'default@3' },
          after: { score: 45, band: 'red' },
          beforeBreakdown: { ...before, accountId: 'b' },
        },
        {
          accountId: 'gone',
          before: { score: 60, band: 'amber', modelKey: 'default@3' },
          after: { score: 50, band: 'amber' },
          beforeBreakdown: null,
        },
      ],
      [rose, fell],
      { key: 'default@3', model: DEFAULT_MODEL },
      [],
    );
    expect(changes.map((c) => [c.accountId, c.name, c.cause.kind])).toEqual([
      ['b', 'Birch', 'measure'],
      ['c', 'Cedar', 'model'],
    ]);
    expect(changes[0]).toMatchObject({ scoreBefore: 60, scoreAfter: 45, bandAfter: 'red' });
    expect(changes[0].cause.text).toBe('Active seats went from 40 to 20 (−15 points).');
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
