import { describe, expect, it } from 'vitest';
import type { OverrideRecord } from '../db';
import { isoToDay } from '../engine/dates';
import { buildTimeline, overrideInForce } from './account-timeline';

const D = isoToDay('2026-11-23')!;

function override(
  id: number,
  day: number,
  expiresDay: number,
  band: 'red' | 'green' = 'green',
): OverrideRecord {
  return { id, accountId: 'a', day, band, reason: `reason ${id}`, expiresDay };
}

describe('overrideInForce', () => {
  it('is the latest-starting override with start ≤ day < expiry, as in the engine', () => {
    const list = [
      override(1, D - 10, D + 10),
      override(2, D - 5, D + 1),
      override(3, D + 1, D + 9),
    ];
    expect(overrideInForce(list, D)?.id).toBe(2);
    expect(overrideInForce(list, D + 1)?.id).toBe(3);
    expect(overrideInForce([override(4, D - 5, D)], D)).toBeNull();
  });
});

describe('buildTimeline', () => {
  it('lists every kind newest first with its status, imports not deletable', () => {
    const entries = buildTimeline(
      {
        pulses: [
          { id: 1, accountId: 'a', day: D - 7, value: 2, reason: 'Champion left' },
          { id: 2, accountId: 'a', day: D, value: 5, reason: null },
        ],
        overrides: [override(1, D - 20, D - 2, 'red'), override(2, D, D + 30)],
        notes: [{ id: 1, accountId: 'a', day: D, text: 'Called the CFO', createdAt: 5 }],
        outcomes: [
          {
            id: 9,
            accountId: 'a',
            day: D - 365,
            outcome: 'churned',
            reason: 'Budget',
            avoidable: true,
          },
        ],
        imports: [
          {
            id: 3,
            at: Date.parse('2026-11-01T09:00:00Z'),
            fileName: 'usage.csv',
            kind: 'signals',
            rows: 1200,
            skippedRows: 0,
            mapping: {},
            summary: {} as never,
            undoneAt: null,
          },
        ],
      },
      D,
    );
    expect(entries.map((e) => [e.key, e.status])).toEqual([
      ['override-2', 'in force'],
      ['pulse-2', null],
      ['note-1', null],
      ['pulse-1', null],
      ['override-1', 'expired'],
      ['import-3', null],
      ['outcome-9', null],
    ]);
    expect(entries[0].title).toBe('Band overridden to Green until Dec 23, 2026');
    expect(entries.find((e) => e.kind === 'outcome')!.title).toBe(
      'Renewal outcome: churned (avoidable)',
    );
    expect(entries.find((e) => e.kind === 'import')).toMatchObject({
      title: 'Imported usage.csv (signals)',
      deletable: false,
    });
    expect(entries.filter((e) => e.deletable)).toHaveLength(6);
  });

  it('lists each task event, latest first, with its note and not deletable', () => {
    const entries = buildTimeline(
      {
        pulses: [{ id: 1, accountId: 'a', day: D, value: 4, reason: null }],
        overrides: [],
        notes: [],
        outcomes: [],
        imports: [],
        tasks: [
          {
            id: 7,
            accountId: 'a',
            playbookId: 'manual',
            title: 'Call the champion',
            checklist: [],
            owner: 'lee',
            priority: 'high',
            createdDay: D - 3,
            dueDay: D,
            reason: 'Added by hand',
            status: 'done',
            snoozedUntil: null,
            snoozeReason: null,
            completedDay: D,
            outcomeNote: 'Renewal confirmed',
            history: [
              { day: D - 3, action: 'created', note: null },
              { day: D - 1, action: 'reassigned', note: 'from dana to lee' },
              { day: D, action: 'completed', note: 'Renewal confirmed' },
            ],
          },
        ],
      },
      D,
    );
    expect(entries.map((e) => [e.key, e.title, e.detail])).toEqual([
      ['task-7-2', 'Task completed: Call the champion', 'Outcome: Renewal confirmed'],
      ['pulse-1', 'CSM pulse: 4 of 5', null],
      ['task-7-1', 'Task reassigned: Call the champion', 'Owner changed from dana to lee'],
      ['task-7-0', 'Task added: Call the champion', 'Added by hand'],
    ]);
    expect(entries.filter((e) => e.kind === 'task').every((e) => !e.deletable)).toBe(true);
  });
});
