import { describe, expect, it } from 'vitest';
import { isoToDay } from '../engine/dates';
import {
  asksAvoidable,
  OUTCOME_KINDS,
  validateNote,
  validateOutcome,
  validateOverride,
  validatePulse,
} from './account-forms';

const TODAY = isoToDay('2026-11-23')!;

describe('validatePulse', () => {
  it('accepts 1–5 and red/amber/green, trimming the reason', () => {
    const ok = validatePulse(
      'a',
      { value: '4', reason: '  Great QBR ', date: '2026-11-23' },
      TODAY,
    );
    expect(ok).toEqual({
      ok: true,
      value: { accountId: 'a', day: TODAY, value: 4, reason: 'Great QBR' },
    });
    const amber = validatePulse('a', { value: 'amber', reason: '', date: '2026-11-20' }, TODAY);
    expect(amber).toEqual({
      ok: true,
      value: { accountId: 'a', day: TODAY - 3, value: 3, reason: null },
    });
  });

  it('names each invalid field', () => {
    const bad = validatePulse('a', { value: '', reason: '', date: '2026-11-24' }, TODAY);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.value).toMatch(/from 1 \(red\) to 5 \(green\)/);
    expect(bad.errors.date).toMatch(/future/);
    expect(validatePulse('a', { value: '6', reason: '', date: 'x' }, TODAY)).toMatchObject({
      ok: false,
      errors: { value: expect.any(String), date: expect.stringMatching(/yyyy-mm-dd/) },
    });
  });
});

describe('validateOverride', () => {
  it('starts today and needs a reason and an expiry after today', () => {
    const ok = validateOverride(
      'a',
      { band: 'green', reason: ' Exec sponsor re-engaged ', expires: '2026-12-31' },
      TODAY,
    );
    expect(ok).toEqual({
      ok: true,
      value: {
        accountId: 'a',
        day: TODAY,
        band: 'green',
        reason: 'Exec sponsor re-engaged',
        expiresDay: isoToDay('2026-12-31'),
      },
    });
    const bad = validateOverride('a', { band: 'blue', reason: '  ', expires: '2026-11-23' }, TODAY);
    expect(bad).toMatchObject({
      ok: false,
      errors: {
        band: expect.any(String),
        reason: expect.stringMatching(/why/),
        expires: 'The expiry date must be after today.',
      },
    });
    expect(validateOverride('a', { band: 'red', reason: 'r', expires: '' }, TODAY)).toMatchObject({
      ok: false,
      errors: { expires: 'Enter the expiry date.' },
    });
  });
});

describe('validateNote', () => {
  it('needs text and a date no later than today', () => {
    expect(validateNote('a', { text: ' Call went well ', date: '2026-11-23' }, TODAY)).toEqual({
      ok: true,
      value: { accountId: 'a', day: TODAY, text: 'Call went well' },
    });
    expect(validateNote('a', { text: ' ', date: '2027-01-01' }, TODAY)).toMatchObject({
      ok: false,
      errors: { text: 'Write the note.', date: expect.stringMatching(/future/) },
    });
  });
});

describe('validateOutcome', () => {
  it('maps avoidable yes/no/unknown and requires a kind', () => {
    expect(
      validateOutcome(
        'a',
        { outcome: 'churned', date: '2026-11-01', reason: 'Budget', avoidable: 'yes' },
        TODAY,
      ),
    ).toEqual({
      ok: true,
      value: {
        accountId: 'a',
        day: isoToDay('2026-11-01'),
        outcome: 'churned',
        reason: 'Budget',
        avoidable: true,
      },
    });
    const unknown = validateOutcome(
      'a',
      { outcome: 'renewed', date: '2026-11-23', reason: '', avoidable: '' },
      TODAY,
    );
    expect(unknown).toMatchObject({ ok: true, value: { avoidable: null, reason: null } });
    expect(
      validateOutcome(
        'a',
        { outcome: 'won', date: '2026-12-01', reason: '', avoidable: '' },
        TODAY,
      ),
    ).toMatchObject({
      ok: false,
      errors: { outcome: expect.any(String), date: expect.any(String) },
    });
    expect(
      validateOutcome(
        'a',
        { outcome: 'contracted', date: '2026-11-01', reason: '', avoidable: 'maybe' },
        TODAY,
      ),
    ).toMatchObject({ ok: false, errors: { avoidable: expect.any(String) } });
  });

  it('asks "Avoidable?" only for churn and contraction, and stores it for nothing else', () => {
    expect(OUTCOME_KINDS.filter(asksAvoidable)).toEqual(['contracted', 'churned']);
    for (const outcome of ['renewed', 'expanded']) {
      // A value left over from choosing "churned" first is not stored.
      const r = validateOutcome(
        'a',
        { outcome, date: '2026-11-01', reason: '', avoidable: 'yes' },
        TODAY,
      );
      expect(r).toMatchObject({ ok: true, value: { outcome, avoidable: null } });
    }
    const contracted = validateOutcome(
      'a',
      { outcome: 'contracted', date: '2026-11-01', reason: '', avoidable: 'no' },
      TODAY,
    );
    expect(contracted).toMatchObject({ ok: true, value: { avoidable: false } });
  });
});
