import { describe, expect, it } from 'vitest';
import type { AccountRecord } from '../db';
import { buildRows, taskWords } from './portfolio-row';
import { makeTask } from './task-testing';

const account = (id: string): AccountRecord =>
  ({
    id,
    name: id,
    segment: null,
    arr: null,
    seats: null,
    contractStart: null,
    renewalDate: null,
    owner: null,
    attributes: {},
  }) as AccountRecord;

describe('portfolio rows', () => {
  it('count each account’s tasks to do and those due by today', () => {
    const today = 20_000;
    const rows = buildRows(
      [account('acme'), account('beta')],
      [],
      [
        makeTask(1, { dueDay: today - 2 }),
        makeTask(2, { dueDay: today }),
        makeTask(3, { dueDay: today + 5 }),
        makeTask(4, { dueDay: today - 9, status: 'snoozed', snoozedUntil: today + 3 }),
        makeTask(5, { status: 'done', completedDay: today }),
      ],
      today,
    );
    expect(rows.map((r) => [r.id, r.tasksToDo, r.tasksDue])).toEqual([
      ['acme', 4, 2],
      ['beta', 0, 0],
    ]);
    expect(taskWords(4, 2)).toBe('4 tasks · 2 due');
    expect(taskWords(1, 0)).toBe('1 task');
  });
});
