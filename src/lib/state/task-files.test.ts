import { describe, expect, it } from 'vitest';
import { isoToDay } from '../engine/dates';
import {
  escapeIcsText,
  foldIcsLine,
  taskFileName,
  taskUid,
  tasksCsv,
  tasksIcs,
  TASK_CSV_COLUMNS,
} from './task-files';
import { makeTask } from './task-testing';

const D = isoToDay('2026-11-23')!;
const ctx = {
  accountNames: new Map([
    ['acme', 'Acme, Inc.'],
    ['globex', 'Globex'],
  ]),
  playbookNames: new Map([['red-review', 'Urgent review']]),
};
const STAMP = new Date('2026-11-23T12:00:00Z');

describe('tasks CSV', () => {
  it('writes one row per task with dates, quoting and formula guards', () => {
    const csv = tasksCsv(
      [
        makeTask(1, {
          title: '=HYPERLINK("x")',
          dueDay: D,
          createdDay: D - 2,
          checklist: [
            { text: 'Agenda', done: true },
            { text: 'Notes', done: false },
          ],
        }),
        makeTask(2, {
          accountId: 'globex',
          playbookId: 'red-review',
          reason: 'Score fell below 30',
          status: 'done',
          owner: null,
          priority: 'urgent',
          dueDay: D - 1,
          completedDay: D,
          outcomeNote: 'Called, "all good"\nfollow up',
        }),
      ],
      ctx,
    );
    const lines = csv.split('\n');
    expect(lines[0]).toBe(TASK_CSV_COLUMNS.join(','));
    expect(lines[1]).toBe(
      `1,acme,"Acme, Inc.","'=HYPERLINK(""x"")",Added by hand,Added by hand,normal,open,dana,2026-11-21,2026-11-23,,,,,[x] Agenda; [ ] Notes`,
    );
    expect(csv).toContain(
      `2,globex,Globex,Task 2,Urgent review,Score fell below 30,urgent,done,,2024-10-04,2026-11-22,,,2026-11-23,"Called, ""all good""\nfollow up",\n`,
    );
    expect(csv.endsWith('\n')).toBe(true);
  });

  it('has only the header for no tasks', () => {
    expect(tasksCsv([], ctx)).toBe(`${TASK_CSV_COLUMNS.join(',')}\n`);
  });
});

describe('iCalendar', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    const long = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldIcsLine(long).split('\r\n');
    expect(folded.map((l) => l.length)).toEqual([75, 75, 64]);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(long);
    // Multi-byte characters: every line ≤ 75 octets and each "é" (2 octets) kept whole.
    const accents = `SUMMARY:${'é'.repeat(100)}`;
    const parts = foldIcsLine(accents).split('\r\n');
    const bytes = (s: string) => new TextEncoder().encode(s).length;
    expect(parts.every((p) => bytes(p) <= 75)).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(accents);
    expect(foldIcsLine('SHORT:1')).toBe('SHORT:1');
  });

  it('writes one all-day event per task to do, CRLF-terminated, with a stable UID', () => {
    const open = makeTask(7, {
      title: 'Call; the champion, today',
      dueDay: D,
      createdDay: D - 3,
      priority: 'high',
      checklist: [{ text: 'Agenda', done: false }],
    });
    const snoozed = makeTask(8, {
      accountId: 'globex',
      dueDay: D - 4,
      status: 'snoozed',
      snoozedUntil: D + 2,
      snoozeReason: 'On leave',
    });
    const done = makeTask(9, { status: 'done', completedDay: D });
    const ics = tasksIcs([open, snoozed, done], ctx, STAMP);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Canary//Tasks//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
    ]);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain('DTSTART;VALUE=DATE:20261123');
    expect(lines).toContain('DTEND;VALUE=DATE:20261124');
    // The snoozed task sits on the day it wakes.
    expect(lines).toContain('DTSTART;VALUE=DATE:20261125');
    expect(lines).toContain('DTSTAMP:20261123T120000Z');
    expect(lines).toContain('SUMMARY:Call\\; the champion\\, today — Acme\\, Inc.');
    expect(lines).toContain('PRIORITY:3');
    expect(lines.every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(
      'DESCRIPTION:Account: Acme\\, Inc. (acme)\\nPlaybook: Added by hand\\nWhy: Added by hand\\nPriority: High\\nOwner: dana\\n[ ] Agenda',
    );
    expect(unfolded).toContain('Snoozed: On leave');
    expect(unfolded).toContain(`UID:${taskUid(open)}`);
    expect(unfolded).not.toContain('Task 9');
    // The same task gives the same UID in every export, another task another.
    expect(taskUid({ ...open, title: 'renamed', dueDay: D + 9 })).toBe(taskUid(open));
    expect(taskUid(snoozed)).not.toBe(taskUid(open));
    expect(taskUid(open)).toBe('task-7-20261120-acme@canary');
  });

  it('is an empty calendar for no tasks, and files are named by day', () => {
    expect(tasksIcs([], ctx, STAMP)).toBe(
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Canary//Tasks//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n',
    );
    expect(taskFileName('ics', D)).toBe('canary-tasks-2026-11-23.ics');
    expect(taskFileName('csv', D)).toBe('canary-tasks-2026-11-23.csv');
  });
});
