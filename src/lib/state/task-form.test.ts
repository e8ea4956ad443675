import { describe, expect, it } from 'vitest';
import { isoToDay } from '../engine/dates';
import { blankTaskForm, validateSnooze, validateTaskForm } from './task-form';

const D = isoToDay('2026-11-23')!;

describe('add-task form', () => {
  it('starts due in a week, normal, owned by the account owner', () => {
    expect(blankTaskForm(D, 'dana')).toEqual({
      title: '',
      due: '2026-11-30',
      priority: 'normal',
      owner: 'dana',
      checklist: '',
    });
    expect(blankTaskForm(D, null).owner).toBe('');
  });

  it('turns a valid form into a manual task, checklist one item per line', () => {
    const r = validateTaskForm(
      'acme',
      {
        title: ' Call ',
        due: '2026-11-23',
        priority: 'high',
        owner: ' ',
        checklist: 'a\n\n b \r\nc',
      },
      D,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        accountId: 'acme',
        title: 'Call',
        dueDay: D,
        priority: 'high',
        owner: null,
        today: D,
        checklist: ['a', 'b', 'c'],
      },
    });
  });

  it('names each invalid field', () => {
    expect(
      validateTaskForm(
        'acme',
        { title: '', due: '2026-11-22', priority: 'x', owner: '', checklist: '' },
        D,
      ),
    ).toEqual({
      ok: false,
      errors: {
        title: 'Enter what needs doing.',
        due: 'The due date cannot be in the past.',
        priority: 'Choose a priority.',
      },
    });
    const bad = validateTaskForm(
      'acme',
      { title: 'x'.repeat(201), due: 'soon', priority: 'low', owner: '', checklist: '' },
      D,
    );
    expect(bad.ok ? null : bad.errors).toEqual({
      title: 'Keep the title under 200 characters.',
      due: 'Enter the due date as a date (yyyy-mm-dd).',
    });
  });
});

describe('snooze form', () => {
  it('needs a day after today and a reason', () => {
    expect(validateSnooze({ until: '2026-11-30', reason: ' On leave ' }, D)).toEqual({
      ok: true,
      value: { until: D + 7, reason: 'On leave' },
    });
    expect(validateSnooze({ until: '2026-11-23', reason: '' }, D)).toEqual({
      ok: false,
      errors: {
        until: 'The snooze date must be after today.',
        reason: 'Say why you are snoozing it.',
      },
    });
    expect(validateSnooze({ until: '', reason: 'x' }, D)).toEqual({
      ok: false,
      errors: { until: 'Enter the snooze date.' },
    });
  });
});
