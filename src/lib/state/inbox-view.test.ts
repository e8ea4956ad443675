import { describe, expect, it } from 'vitest';
import { isoToDay } from '../engine/dates';
import {
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
