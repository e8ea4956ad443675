import { describe, expect, it } from 'vitest';
import { isoToDay } from '../engine/dates';
import {
  filterChoices,
  filterTasks,
  inboxFilterFromQuery,
  inboxFilterQuery,
  NO_INBOX_FILTER,
  type InboxFilter,
  checklistProgress,
  dueTaskCount,
  dueWords,
  effectiveDueDay,
  inboxSections,
  playbookLabel,
  sectionOf,
  splitAccountTasks,
} from './inbox-view';
import { makeTask } from './task-testing';

const D = isoToDay('2026-11-23')!;

describe('inbox sections', () => {
  const tasks = [
    makeTask(1, { dueDay: D + 3 }),
    makeTask(2, { dueDay: D - 2 }),
    makeTask(3, { dueDay: D, priority: 'low' }),
    makeTask(4, { dueDay: D, priority: 'urgent' }),
    makeTask(5, { dueDay: D - 5, status: 'snoozed', snoozedUntil: D + 4, snoozeReason: 'leave' }),
    makeTask(6, { dueDay: D - 5, status: 'snoozed', snoozedUntil: D, snoozeReason: 'woke' }),
    makeTask(7, { dueDay: D - 9, status: 'done', completedDay: D - 1 }),
    makeTask(8, { dueDay: D - 9 }),
  ];

  it('puts each not-done task in one section, soonest and most urgent first', () => {
    const s = inboxSections(tasks, D);
    const ids = (list: { id: number }[]) => list.map((t) => t.id);
    expect(ids(s.overdue)).toEqual([8, 2]);
    // A snoozed task that wakes today is due today (it was deferred to today).
    expect(ids(s.today)).toEqual([4, 6, 3]);
    expect(ids(s.upcoming)).toEqual([1]);
    expect(ids(s.snoozed)).toEqual([5]);
    expect(sectionOf(tasks[6], D)).toBeNull();
  });

  it('counts overdue and due-today tasks for the navigation', () => {
    expect(dueTaskCount(tasks, D)).toBe(5);
    expect(dueTaskCount(tasks, D - 10)).toBe(0);
    expect(dueTaskCount([], D)).toBe(0);
  });

  it('defers a snoozed task to the day it wakes, never earlier than its due day', () => {
    expect(
      effectiveDueDay(makeTask(1, { dueDay: D, status: 'snoozed', snoozedUntil: D + 2 })),
    ).toBe(D + 2);
    expect(
      effectiveDueDay(makeTask(1, { dueDay: D + 5, status: 'snoozed', snoozedUntil: D + 2 })),
    ).toBe(D + 5);
  });
});

describe('task words', () => {
  it('says when a task is due, snoozed until or done', () => {
    expect(dueWords(makeTask(1, { dueDay: D - 3 }), D)).toBe('Due Nov 20, 2026 · 3 days ago');
    expect(dueWords(makeTask(1, { dueDay: D }), D)).toBe('Due Nov 23, 2026 · today');
    expect(dueWords(makeTask(1, { status: 'snoozed', dueDay: D, snoozedUntil: D + 8 }), D)).toBe(
      'Snoozed until Dec 1, 2026 · in 8 days',
    );
    expect(dueWords(makeTask(1, { status: 'done', completedDay: D }), D)).toBe('Done Nov 23, 2026');
  });

  it('names the playbook and the checklist progress', () => {
    expect(playbookLabel('manual')).toBe('Added by hand');
    expect(playbookLabel('red-review', new Map([['red-review', 'Urgent review']]))).toBe(
      'Urgent review',
    );
    expect(playbookLabel('unknown-id')).toBe('unknown-id');
    expect(playbookLabel('gone', new Map([['red-review', 'Urgent review']]))).toBe(
      '(deleted playbook)',
    );
    expect(checklistProgress(makeTask(1))).toBeNull();
    expect(
      checklistProgress(
        makeTask(1, {
          checklist: [
            { text: 'a', done: true },
            { text: 'b', done: false },
          ],
        }),
      ),
    ).toBe('1 of 2 done');
  });

  it('splits an account’s tasks into to do and done, latest completed first', () => {
    const { open, done } = splitAccountTasks([
      makeTask(1, { status: 'done', completedDay: D - 5 }),
      makeTask(2, { dueDay: D + 1 }),
      makeTask(3, { status: 'done', completedDay: D }),
      makeTask(4, { dueDay: D - 1, status: 'snoozed', snoozedUntil: D + 3 }),
    ]);
    expect(open.map((t) => t.id)).toEqual([2, 4]);
    expect(done.map((t) => t.id)).toEqual([3, 1]);
  });
});

describe('inbox filters', () => {
  const tasks = [
    makeTask(1, { owner: 'Dana', playbookId: 'urgent-review' }),
    makeTask(2, { owner: null, playbookId: 'urgent-review' }),
    makeTask(3, { owner: 'Ari', playbookId: 'manual' }),
    makeTask(4, { owner: 'Zoe', playbookId: 'renewal-window', status: 'done' }),
  ];

  it('keep the tasks of one owner (or none) and one playbook', () => {
    const ids = (f: InboxFilter) => filterTasks(tasks, f).map((t) => t.id);
    expect(ids(NO_INBOX_FILTER)).toEqual([1, 2, 3, 4]);
    expect(ids({ owner: 'Dana', playbook: null })).toEqual([1]);
    expect(ids({ owner: '', playbook: null })).toEqual([2]);
    expect(ids({ owner: null, playbook: 'urgent-review' })).toEqual([1, 2]);
    expect(ids({ owner: 'Ari', playbook: 'urgent-review' })).toEqual([]);
  });

  it('round-trip through the URL', () => {
    for (const f of [
      NO_INBOX_FILTER,
      { owner: 'Dana Ng', playbook: 'urgent-review' },
      { owner: '', playbook: null },
    ]) {
      const q = inboxFilterQuery(f);
      expect(inboxFilterFromQuery(new URLSearchParams(q))).toEqual(f);
    }
    expect(inboxFilterQuery(NO_INBOX_FILTER)).toBe('');
  });

  it('offer the owners and playbooks of the tasks to do', () => {
    const names: Record<string, string> = {
      'urgent-review': 'Urgent review',
      manual: 'Added by hand',
    };
    expect(filterChoices(tasks, (id) => names[id] ?? id)).toEqual({
      owners: ['Ari', 'Dana'],
      unowned: true,
      playbooks: [
        { id: 'manual', name: 'Added by hand' },
        { id: 'urgent-review', name: 'Urgent review' },
      ],
    });
  });
});
