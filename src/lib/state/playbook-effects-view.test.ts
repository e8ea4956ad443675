// The "Did it work" table in words: exact strings for a group with data, an empty group, tasks
// too recent for the marks, tasks without scores, and outcomes still to come.
import { describe, expect, it } from 'vitest';
import { playbookEffects } from '../engine/plays/effects';
import { actionWords, effectRows, formatChange } from './playbook-effects-view';

const SCORES: Record<string, Record<number, number>> = {
  A: { 100: 40, 130: 52.5 },
  B: { 100: 61, 130: 50 },
};

describe('effectRows', () => {
  it('formats each row for both groups, with "—" and the reason where there is no data', () => {
    const [effect] = playbookEffects({
      playbookIds: ['p'],
      tasks: [
        { playbookId: 'p', accountId: 'A', createdDay: 100, status: 'done' },
        { playbookId: 'p', accountId: 'B', createdDay: 100, status: 'done' },
        { playbookId: 'p', accountId: 'C', createdDay: 100, status: 'done' },
      ],
      outcomes: [
        { accountId: 'A', day: 120, outcome: 'expanded' },
        { accountId: 'B', day: 140, outcome: 'churned' },
      ],
      scoreAt: (id, day) => SCORES[id]?.[day] ?? null,
      today: 150,
    });
    const rows = effectRows(effect);
    expect(rows.map((r) => [r.key, r.label])).toEqual([
      ['accounts', 'Accounts'],
      ['score', 'Mean score at the task'],
      ['change-30', 'Change after 30 days'],
      ['change-60', 'Change after 60 days'],
      ['renewed', 'Renewed within 365 days'],
      ['churned', 'Churned within 365 days'],
    ]);
    expect(rows.map((r) => r.completed)).toEqual([
      { text: '3', note: 'in 3 tasks' },
      { text: '50.5', note: '2 of 3 tasks with a score' },
      // A +12.5, B −11.
      { text: '+0.8', note: 'n = 2 with data, of 3 tasks 30+ days old' },
      { text: '—', note: 'no task is 60 days old yet' },
      { text: '1 (50%)', note: 'of 2 outcomes (incl. 1 expanded); 1 still to come' },
      { text: '1 (50%)', note: 'of 2 outcomes; 1 still to come' },
    ]);
    // No task without completion: every cell says so.
    expect(rows.map((r) => r.notCompleted)).toEqual(
      rows.map(() => ({ text: '—', note: 'no tasks' })),
    );
  });

  it('says why a change or an outcome is missing', () => {
    const [effect] = playbookEffects({
      playbookIds: ['p'],
      tasks: [{ playbookId: 'p', accountId: 'A', createdDay: 0, status: 'open' }],
      outcomes: [],
      scoreAt: () => null,
      today: 400,
    });
    const cells = effectRows(effect).map((r) => r.notCompleted);
    expect(cells[1]).toEqual({ text: '—', note: 'no score on the days the tasks were created' });
    expect(cells[2]).toEqual({ text: '—', note: 'no score 30 days after the task' });
    expect(cells[4]).toEqual({ text: '—', note: 'no renewal or churn within 365 days' });
    const [recent] = playbookEffects({
      playbookIds: ['p'],
      tasks: [
        { playbookId: 'p', accountId: 'A', createdDay: 0, status: 'open' },
        { playbookId: 'p', accountId: 'B', createdDay: 0, status: 'open' },
      ],
      outcomes: [],
      scoreAt: () => null,
      today: 10,
    });
    expect(effectRows(recent)[5].notCompleted).toEqual({
      text: '—',
      note: 'no renewal or churn yet: the 365 days after 2 tasks are not over',
    });
  });
});

describe('words', () => {
  it('formats changes with one decimal and a real minus', () => {
    expect([formatChange(2.46), formatChange(-20.57), formatChange(0.04)]).toEqual([
      '+2.5',
      '−20.6',
      '0',
    ]);
  });
  it('words the action', () => {
    expect(actionWords({ dueInDays: 2, priority: 'urgent', owner: null })).toBe(
      'due in 2 days · urgent priority · for the account’s owner',
    );
    expect(actionWords({ dueInDays: 1, priority: 'normal', owner: 'Dana' })).toBe(
      'due in 1 day · normal priority · for Dana',
    );
  });
});
