// "Did it work": hand-made tasks, scores and outcomes with exact expected numbers — the two
// groups, the 30/60-day marks (tasks too recent, tasks without data), the outcome window, empty
// groups; the weekly-history lookup; the trigger and anti-flap settings in words.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOKS } from './defaults';
import { antiFlapWords, triggerWords } from './describe';
import {
  EFFECTS_CAVEAT,
  historyScoreAt,
  liveScoreAt,
  playbookEffects,
  type EffectOutcome,
  type EffectTask,
} from './effects';
import { parsePlaybookOrThrow } from './schema';

/** Scores by account and day (anything else: no data). */
function lookup(table: Record<string, Record<number, number>>) {
  return (accountId: string, day: number): number | null => table[accountId]?.[day] ?? null;
}

const SCORES = {
  A: { 100: 40, 130: 50, 160: 55 },
  B: { 100: 60, 130: 56 },
  C: { 150: 30, 180: 20 },
  D: { 190: 45 },
};

const TASKS: EffectTask[] = [
  { playbookId: 'p1', accountId: 'A', createdDay: 100, status: 'done' },
  { playbookId: 'p1', accountId: 'B', createdDay: 100, status: 'done' },
  { playbookId: 'p1', accountId: 'C', createdDay: 150, status: 'open' },
  { playbookId: 'p1', accountId: 'D', createdDay: 190, status: 'snoozed' },
  // Not one of the playbooks asked about: left out.
  { playbookId: 'manual', accountId: 'A', createdDay: 100, status: 'done' },
];

const OUTCOMES: EffectOutcome[] = [
  { accountId: 'A', day: 150, outcome: 'expanded' },
  { accountId: 'A', day: 180, outcome: 'churned' }, // not the first after the task
  { accountId: 'B', day: 170, outcome: 'churned' },
  { accountId: 'C', day: 140, outcome: 'renewed' }, // before C's task: does not count
];

describe('playbookEffects', () => {
  it('splits each playbook into completed and not completed, with exact means and counts', () => {
    const [p1, p2] = playbookEffects({
      playbookIds: ['p1', 'p2'],
      tasks: TASKS,
      outcomes: OUTCOMES,
      scoreAt: lookup(SCORES),
      today: 200,
    });
    expect(p1.playbookId).toBe('p1');
    expect(p1.outcomeWindowDays).toBe(365);
    expect(p1.completed).toEqual({
      tasks: 2,
      accounts: 2,
      scoreAtTask: { n: 2, mean: 50 },
      changes: [
        // A +10, B −4.
        { days: 30, eligible: 2, n: 2, mean: 3 },
        // Only A has a score 60 days later: +15.
        { days: 60, eligible: 2, n: 1, mean: 15 },
      ],
      outcomes: { renewed: 1, expanded: 1, contracted: 0, churned: 1, pending: 0, none: 0 },
    });
    expect(p1.notCompleted).toEqual({
      tasks: 2,
      accounts: 2,
      scoreAtTask: { n: 2, mean: 37.5 },
      changes: [
        // C is 50 days old (−10); D, 10 days old, is too recent.
        { days: 30, eligible: 1, n: 1, mean: -10 },
        { days: 60, eligible: 0, n: 0, mean: null },
      ],
      // C's renewal came before its task; neither window has closed.
      outcomes: { renewed: 0, expanded: 0, contracted: 0, churned: 0, pending: 2, none: 0 },
    });
    // A playbook without tasks: two empty groups.
    const empty = {
      tasks: 0,
      accounts: 0,
      scoreAtTask: { n: 0, mean: null },
      changes: [
        { days: 30, eligible: 0, n: 0, mean: null },
        { days: 60, eligible: 0, n: 0, mean: null },
      ],
      outcomes: { renewed: 0, expanded: 0, contracted: 0, churned: 0, pending: 0, none: 0 },
    };
    expect(p2).toEqual({
      playbookId: 'p2',
      outcomeWindowDays: 365,
      completed: empty,
      notCompleted: empty,
    });
  });

  it('counts accounts once, tasks each time, and closes the outcome window', () => {
    const tasks: EffectTask[] = [
      { playbookId: 'p', accountId: 'A', createdDay: 100, status: 'done' },
      { playbookId: 'p', accountId: 'A', createdDay: 300, status: 'done' },
      { playbookId: 'p', accountId: 'B', createdDay: 100, status: 'open' },
    ];
    const outcomes: EffectOutcome[] = [
      { accountId: 'A', day: 400, outcome: 'contracted' }, // after both of A's tasks
      { accountId: 'B', day: 466, outcome: 'churned' }, // 366 days after: outside the window
    ];
    const [p] = playbookEffects({
      playbookIds: ['p'],
      tasks,
      outcomes,
      scoreAt: lookup({ A: { 100: 70, 300: 80, 330: 84 }, B: {} }),
      today: 600,
      marks: [30],
      outcomeWindowDays: 365,
    });
    expect(p.completed).toMatchObject({
      tasks: 2,
      accounts: 1,
      scoreAtTask: { n: 2, mean: 75 },
      changes: [{ days: 30, eligible: 2, n: 1, mean: 4 }],
      outcomes: { renewed: 2, expanded: 0, contracted: 2, churned: 0, pending: 0, none: 0 },
    });
    // B's task has no score at all, and no outcome within the (closed) window.
    expect(p.notCompleted).toMatchObject({
      tasks: 1,
      accounts: 1,
      scoreAtTask: { n: 0, mean: null },
      changes: [{ days: 30, eligible: 1, n: 0, mean: null }],
      outcomes: { renewed: 0, churned: 0, pending: 0, none: 1 },
    });
  });

  it('says plainly that this is not an experiment', () => {
    expect(EFFECTS_CAVEAT).toMatch(/not an experiment/);
    expect(EFFECTS_CAVEAT).toMatch(/CSMs choose which tasks to complete/);
  });
});

describe('historyScoreAt', () => {
  const at = historyScoreAt(
    new Map([
      ['A', { days: Int32Array.from([0, 7, 14]), scores: Float32Array.from([50, 55.5, 60]) }],
    ]),
  );
  it('reads the latest weekly snapshot on or before the day, at most 6 days old', () => {
    expect(at('A', 0)).toBe(50);
    expect(at('A', 7)).toBe(55.5);
    expect(at('A', 13)).toBe(55.5);
    expect(at('A', 20)).toBe(60);
    expect(at('A', 21)).toBeNull();
    expect(at('A', -1)).toBeNull();
    expect(at('B', 7)).toBeNull();
  });
});

describe('liveScoreAt', () => {
  it('has no score for an account on the days it had churned by, and again after a renewal', () => {
    const at = liveScoreAt(
      () => 50,
      [
        { accountId: 'A', day: 10, outcome: 'churned' },
        { accountId: 'A', day: 30, outcome: 'renewed' },
        { accountId: 'B', day: 10, outcome: 'renewed' },
        { accountId: 'B', day: 10, outcome: 'churned' },
      ],
    );
    expect([9, 10, 29, 30].map((d) => at('A', d))).toEqual([50, null, null, 50]);
    expect(at('B', 10)).toBeNull();
    expect(at('C', 10)).toBe(50);
  });

  it('leaves a churned account out of the later marks', () => {
    const [p] = playbookEffects({
      playbookIds: ['p'],
      tasks: [{ playbookId: 'p', accountId: 'A', createdDay: 0, status: 'done' }],
      outcomes: [{ accountId: 'A', day: 40, outcome: 'churned' }],
      scoreAt: liveScoreAt(() => 50, [{ accountId: 'A', day: 40, outcome: 'churned' }]),
      today: 100,
    });
    expect(p.completed.changes).toEqual([
      { days: 30, eligible: 1, n: 1, mean: 0 },
      { days: 60, eligible: 1, n: 0, mean: null },
    ]);
    expect(p.completed.outcomes.churned).toBe(1);
  });
});

describe('playbooks in words', () => {
  const byId = new Map(DEFAULT_PLAYBOOKS.map((p) => [p.id, p]));
  it('words every default trigger', () => {
    expect(DEFAULT_PLAYBOOKS.map((p) => triggerWords(p.trigger))).toEqual([
      'Score below 50 (on the 30/70 band scale)',
      'Score fell 20 points or more in 30 days',
      'Score between 50 and 70 (on the 30/70 band scale)',
      'Score above 80 (on the 30/70 band scale)',
      'Days 0 to 13 of the contract',
      'Days 45 to 89 of the contract',
      'Renewal in 90 days or fewer',
      'No usage data or pulse for 30 days or more',
    ]);
  });

  it('words the anti-flap settings', () => {
    expect(antiFlapWords(byId.get('urgent-review')!)).toEqual({
      holds: 'at once',
      cooldown: 'cooldown 30 days',
      leaves: 'leaves above 55',
    });
    expect(antiFlapWords(byId.get('proactive-check-in')!)).toEqual({
      holds: 'for 7 days',
      cooldown: 'cooldown 45 days',
      leaves: 'leaves below 45 or above 75',
    });
    expect(antiFlapWords(byId.get('expansion-conversation')!).leaves).toBe('leaves below 75');
    expect(antiFlapWords(byId.get('onboarding-kickoff')!).leaves).toBe(
      'leaves on day 14 of the contract',
    );
    const red = parsePlaybookOrThrow({
      id: 'red',
      name: 'Red',
      trigger: { kind: 'score', below: 30, hysteresis: 0 },
      cooldownDays: 0,
      action: { title: 'x', dueInDays: 1 },
    });
    expect(antiFlapWords(red)).toEqual({
      holds: 'at once',
      cooldown: 'no cooldown',
      leaves: 'leaves at 30 or above',
    });
  });

  it('words the other trigger kinds', () => {
    expect(triggerWords({ kind: 'band', band: 'red' })).toBe('Band is red');
    expect(triggerWords({ kind: 'drop', points: 10, days: 30, hysteresis: 5 })).toBe(
      'Score fell 10 points or more in 30 days',
    );
    expect(triggerWords({ kind: 'pulse', atOrBelow: 2 })).toBe('Latest pulse 2 of 5 or lower');
    expect(triggerWords({ kind: 'expansion', minSeatUse: 0.8 })).toBe(
      'Green and rising, with seat use at 80% or more',
    );
    expect(triggerWords({ kind: 'stage', stage: 'renewal' }, { stage: () => 'Renewal' })).toBe(
      'Enters the Renewal stage',
    );
    expect(triggerWords({ kind: 'pattern', pattern: 'p1' }, { pattern: () => 'Usage cliff' })).toBe(
      'Pattern “Usage cliff” fires',
    );
    expect(triggerWords({ kind: 'pattern', pattern: 'p1' })).toBe('Pattern “p1” fires');
  });
});
