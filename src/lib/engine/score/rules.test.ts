import { describe, expect, it } from 'vitest';
import { ymdToDay } from '../dates';
import { parseModelOrThrow } from '../model/parse';
import type { ModelDocument, ModelDocumentInput } from '../model/schema';
import type { BandOverride } from '../types';
import { scoreAccount } from './account';
import { makeAccount, makeBook, weeklySeries } from './book-factory';
import { evaluatePoints } from './evaluate';
import { scoreHistory } from './history';
import { prepareBook } from './prepare';

const MON = ymdToDay(2026, 11, 23);

/** Usage (weight 3): latest active users scored 0→10. Support (weight 1): CSAT scored 3→5. */
function smallModel(
  changes: Partial<ModelDocumentInput> = {},
  csatMissing = 'skip',
): ModelDocument {
  return parseModelOrThrow({
    format: 'canary-model/1',
    id: 'small',
    name: 'Small',
    version: 3,
    lifecycle: {
      onboardingDays: 60,
      renewalWindowDays: 45,
      stages: [{ id: 'mature', name: 'Mature', minTenureDays: 365 }],
    },
    groups: [
      {
        id: 'usage',
        name: 'Usage',
        weight: 3,
        measures: [
          {
            id: 'users',
            name: 'Active users',
            weight: 1,
            source: { kind: 'aggregate', metric: 'active_users', agg: 'latest', windowDays: 14 },
            scoring: { type: 'linear', red: 0, green: 10 },
            horizon: 'leading',
            nature: 'activity',
            phrase: '{value} active users this week',
          },
        ],
      },
      {
        id: 'support',
        name: 'Support',
        weight: 1,
        measures: [
          {
            id: 'csat',
            name: 'CSAT',
            weight: 1,
            source: { kind: 'aggregate', metric: 'csat', agg: 'mean', windowDays: 28 },
            scoring: { type: 'linear', red: 3, green: 5 },
            horizon: 'lagging',
            nature: 'value',
            missing: csatMissing,
          },
        ],
      },
    ],
    ...changes,
  } as ModelDocumentInput);
}

const accounts = [
  makeAccount({ id: 'A', segment: 'SMB', contractStart: MON - 500, renewalDate: MON + 300 }),
  makeAccount({ id: 'N', segment: 'Enterprise', contractStart: MON - 20, renewalDate: MON + 345 }),
  makeAccount({ id: 'R', segment: 'SMB', contractStart: MON - 330, renewalDate: MON + 35 }),
];
const series = [
  weeklySeries('A', 'active_users', MON, [6, 6, 6, 6, 6, 6, 6, 6]),
  weeklySeries('N', 'active_users', MON, [2, 2, 2]),
  weeklySeries('N', 'csat', MON, [4, 4, 4]),
  weeklySeries('R', 'active_users', MON, [9, 9, 9, 9, 9, 9, 9, 8]),
  weeklySeries('R', 'csat', MON, [5, 5, 5, 5, 5, 5, 5, 5]),
];
const prepared = prepareBook(makeBook({ accounts, series }));

describe('missing data policies and coverage', () => {
  it('skip renormalises, neutral scores 50, worst scores 0; coverage counts only real data', () => {
    const at = (policy: string) => scoreAccount(prepared, smallModel({}, policy), 'A', MON);
    expect(at('skip')).toMatchObject({ score: 60, coverage: 0.75 });
    expect(at('neutral')).toMatchObject({ score: 58, coverage: 0.75 }); // 0.75·60 + 0.25·50 = 57.5
    expect(at('worst')).toMatchObject({ score: 45, coverage: 0.75 });
    const csat = at('worst').measures[1];
    expect(csat).toMatchObject({
      missing: true,
      measureScore: null,
      maxPoints: 25,
      points: 0,
      lost: 25,
    });
  });

  it('says when under half of the weight had data', () => {
    const model = smallModel({
      groups: smallModel().groups.map((g) => ({ ...g, weight: g.id === 'usage' ? 2 : 3 })),
    });
    const s = scoreAccount(prepared, model, 'A', MON);
    expect(s.coverage).toBe(0.4);
    expect(s.explanation).toBe(
      "Amber 60, steady over 30 days: 6 active users this week. Only 40% of the model's weight had data.",
    );
  });

  it('gives no score (not scored, no band) below 30% of the weight with data, and says why', () => {
    const model = smallModel({
      groups: smallModel().groups.map((g) => ({ ...g, weight: g.id === 'usage' ? 1 : 3 })),
    });
    const s = scoreAccount(prepared, model, 'A', MON);
    expect(s).toMatchObject({ coverage: 0.25, status: 'unscored', score: null, band: null });
    expect(s.scoredBand).toBeNull();
    expect(s.trend.direction).toBe('unknown');
    expect(s.explanation).toBe(
      "Not scored: only 25% of the model's weight had data as of 2026-11-23 (a score needs at least 30%), from active users.",
    );
    // The history agrees: no snapshot is a score on that little data.
    const [snap] = scoreHistory(prepared, model, [MON], ['A']);
    expect(snap).toMatchObject({ score: null, band: null, coverage: 0.25 });
  });
});

describe('context overrides', () => {
  const contexts = [
    {
      id: 'enterprise',
      name: 'Enterprise',
      when: { segments: ['enterprise'] },
      scoring: { users: { type: 'linear', red: 0, green: 4 } },
    },
    {
      id: 'onboarding',
      name: 'Onboarding',
      when: { stages: ['onboarding'] },
      groupWeights: { usage: 1 },
    },
    { id: 'renewal', name: 'Renewal', when: { stages: ['renewal'] }, measureWeights: { users: 0 } },
    {
      id: 'mature-smb',
      name: 'Mature SMB',
      when: { segments: ['SMB'], stages: ['mature'] },
      groupWeights: { support: 0 },
    },
  ] as ModelDocumentInput['contexts'];
  const model = smallModel({ contexts });

  it('applies segment thresholds and onboarding weights together', () => {
    const plain = scoreAccount(prepared, smallModel(), 'N', MON);
    expect(plain.score).toBe(28); // 0.75·20 + 0.25·50 = 27.5
    const s = scoreAccount(prepared, model, 'N', MON);
    expect(s.stage).toBe('onboarding');
    expect(s.contexts).toEqual(['enterprise', 'onboarding']);
    expect(s.score).toBe(50); // users 2 of 4 → 50, csat 50; weights 1:1
    expect(s.groups.map((g) => g.share)).toEqual([0.5, 0.5]);
  });

  it('uses the renewal window and user-defined tenure stages', () => {
    const r = scoreAccount(prepared, model, 'R', MON);
    expect(r).toMatchObject({ stage: 'renewal', contexts: ['renewal'], score: 100 });
    expect(r.measures[0]).toMatchObject({ share: 0, maxPoints: 0 });
    const a = scoreAccount(prepared, model, 'A', MON);
    expect(a).toMatchObject({ stage: 'mature', contexts: ['mature-smb'], score: 60, coverage: 1 });
    // Before the renewal window opened, R was in no stage and scored on both measures.
    expect(scoreAccount(prepared, model, 'R', MON - 14)).toMatchObject({ stage: null, score: 93 });
  });
});

describe('pattern rules', () => {
  const pattern = (extra: object, conditions: object[]) =>
    smallModel({
      patterns: [{ id: 'p', name: 'Quiet SMB', conditions, ...extra }],
    } as Partial<ModelDocumentInput>);

  it('caps the band at red or amber', () => {
    const cond = [{ measure: 'users', op: '>=', value: 5 }];
    expect(scoreAccount(prepared, pattern({ capBand: 'red' }, cond), 'A', MON)).toMatchObject({
      score: 30,
      scoreBeforePatterns: 60,
      band: 'red',
    });
    expect(scoreAccount(prepared, pattern({ capBand: 'amber' }, cond), 'R', MON)).toMatchObject({
      score: 70,
      band: 'amber',
    });
    // A cap above the score changes nothing but still names the pattern.
    const s = scoreAccount(prepared, pattern({ capBand: 'amber' }, cond), 'A', MON);
    expect(s).toMatchObject({
      score: 60,
      patterns: [{ id: 'p', capBand: 'amber', subtractPoints: null }],
    });
    expect(s.explanation).toBe(
      "Amber 60, steady over 30 days: 6 active users this week. Matches 'Quiet SMB'.",
    );
  });

  it('subtracts points, and combines conditions on scores, attributes and stages with AND', () => {
    const conds = [
      { measureScore: 'users', op: '<', value: 70 },
      { attribute: 'segment', op: '=', value: 'smb' },
      { attribute: 'tenureDays', op: '>', value: 400 },
      { stage: ['mature'] },
    ];
    const model = pattern({ subtractPoints: 15 }, conds);
    expect(scoreAccount(prepared, model, 'A', MON)).toMatchObject({ score: 45, band: 'amber' });
    for (const id of ['N', 'R']) {
      expect(scoreAccount(prepared, model, id, MON).patterns).toEqual([]);
    }
    const r = evaluatePoints(prepared, model, [
      { accountId: 'A', day: MON },
      { accountId: 'N', day: MON },
    ]);
    expect(Array.from(r.patternFired)).toEqual([1, 0]);
    expect(r.patternIds).toEqual(['p']);
  });

  it('never fires on a condition whose measure has no data', () => {
    const model = pattern({ capBand: 'red' }, [{ measure: 'csat', op: '<', value: 10 }]);
    expect(scoreAccount(prepared, model, 'A', MON).patterns).toEqual([]);
  });
});

describe('band overrides', () => {
  const override: BandOverride = {
    accountId: 'A',
    day: MON - 3,
    band: 'red',
    reason: 'exec sponsor left',
    expiresDay: MON + 7,
  };
  const withOverride = prepareBook(makeBook({ accounts, series, overrides: [override] }));
  const model = smallModel();

  it('sets the shown band while in force, keeps the score, and is named in the explanation', () => {
    const s = scoreAccount(withOverride, model, 'A', MON);
    expect(s).toMatchObject({ score: 60, scoredBand: 'amber', band: 'red', override });
    expect(s.explanation).toBe(
      'Amber 60, steady over 30 days: 6 active users this week. Shown red by override until 2026-11-30 (exec sponsor left).',
    );
  });

  it('is not in force before its day or from its expiry day on', () => {
    for (const day of [MON - 4, MON + 7, MON + 10]) {
      const s = scoreAccount(withOverride, model, 'A', day);
      expect(s.override).toBeNull();
      expect(s.band).toBe(s.scoredBand);
      expect(s.explanation).not.toContain('override');
    }
    const history = scoreHistory(withOverride, model, [MON - 4, MON, MON + 6, MON + 7], ['A']);
    expect(history.map((h) => h.band)).toEqual(['amber', 'red', 'red', 'amber']);
  });
});

describe('percentile within the book', () => {
  it('ranks each account among all accounts on the same day', () => {
    const model = smallModel({
      groups: [
        {
          ...smallModel().groups[0],
          measures: [
            {
              ...smallModel().groups[0].measures[0],
              scoring: { type: 'percentile', higherIsBetter: true },
            },
          ],
        },
      ],
    });
    const scores = ['A', 'N', 'R'].map((id) => scoreAccount(prepared, model, id, MON).score);
    expect(scores).toEqual([50, 0, 100]);
    const r = evaluatePoints(prepared, model, [{ accountId: 'N', day: MON }]);
    expect(Array.from(r.measureScores)).toEqual([0]);
  });
});

describe('trend dead zone', () => {
  it('calls changes within the dead zone flat, and larger ones up or down', () => {
    const book = prepareBook(
      makeBook({
        accounts: [makeAccount({ id: 'T' })],
        series: [weeklySeries('T', 'active_users', MON, [5, 5, 5, 5, 5, 5, 6, 8])],
      }),
    );
    const model = smallModel({ trend: { windowDays: 28, deadZone: 10 } });
    expect(scoreAccount(book, model, 'T', MON - 7).trend).toMatchObject({
      direction: 'flat',
      change: 10,
    });
    const s = scoreAccount(book, model, 'T', MON);
    expect(s.trend).toMatchObject({ direction: 'up', change: 30, previousScore: 50, deadZone: 10 });
    expect(s.explanation).toBe('Green 80, up 30 in four weeks: 8 active users this week.');
  });
});
