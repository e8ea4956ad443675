// The playbook form's draft ↔ document round trip for every shipped playbook and every trigger
// kind, numbers that are not numbers, the schema's paths mapped to fields, and ids from names.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOKS, parsePlaybooks } from '../engine/plays';
import {
  blankDraft,
  draftOf,
  fieldErrors,
  fieldOfPath,
  idFromName,
  playbookFromDraft,
  TRIGGER_KINDS,
} from './playbook-form';

function parse(input: unknown) {
  return parsePlaybooks([input]);
}

describe('playbook form', () => {
  it('gives back every shipped playbook unchanged', () => {
    for (const p of DEFAULT_PLAYBOOKS) {
      const r = playbookFromDraft(draftOf(p));
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      const back = parse(r.playbook);
      expect(back.ok && back.playbooks[0]).toEqual(p);
    }
  });

  it('builds a valid document for every trigger kind from a filled blank draft', () => {
    for (const kind of TRIGGER_KINDS) {
      const d = {
        ...blankDraft(),
        id: 'x',
        name: 'X',
        title: 'Call {account}',
        kind,
        below: '30',
        pattern: 'low-usage',
        stage: 'onboarding',
      };
      const r = playbookFromDraft(d);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      const p = parse(r.playbook);
      expect(p.ok && p.playbooks[0].trigger.kind).toBe(kind);
    }
    const exp = playbookFromDraft({ ...blankDraft(), kind: 'expansion', seatUse: '85' });
    expect(exp.ok && exp.playbook.trigger).toEqual({ kind: 'expansion', minSeatUse: 0.85 });
  });

  it('reads lists, blanks and the owner', () => {
    const r = playbookFromDraft({
      ...draftOf(DEFAULT_PLAYBOOKS[0]),
      segments: ' Enterprise, ,Mid-market ',
      owners: '',
      minArr: '10,000',
      owner: '  ',
      checklist: 'One\n\n  Two  \n',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.playbook.conditions).toEqual({
      segments: ['Enterprise', 'Mid-market'],
      minArr: 10000,
    });
    expect(r.playbook.action.owner).toBeNull();
    expect(r.playbook.action.checklist).toEqual(['One', 'Two']);
  });

  it('catches text that is not a number, field by field', () => {
    const r = playbookFromDraft({ ...draftOf(DEFAULT_PLAYBOOKS[0]), below: 'forty', forDays: '' });
    expect(r).toEqual({
      ok: false,
      errors: { below: 'Enter a number', forDays: 'Enter a number' },
    });
  });

  it('maps the schema’s paths to the form’s fields', () => {
    expect(fieldOfPath('trigger.hysteresis', 'score')).toBe('hysteresis');
    expect(fieldOfPath('trigger', 'score')).toBe('below');
    expect(fieldOfPath('trigger', 'tenure')).toBe('toDay');
    expect(fieldOfPath('trigger.minSeatUse', 'expansion')).toBe('seatUse');
    expect(fieldOfPath('action.checklist[2]', 'score')).toBe('checklist');
    expect(fieldOfPath('conditions.segments[0]', 'score')).toBe('segments');
    expect(fieldOfPath('action.dueInDays', 'score')).toBe('dueInDays');
    expect(fieldOfPath('id', 'score')).toBe('id');
    expect(fieldOfPath('(top)', 'score')).toBe('form');
    // The schema's own message for hysteresis 500, at the hysteresis field.
    const r = playbookFromDraft({ ...draftOf(DEFAULT_PLAYBOOKS[0]), hysteresis: '500' });
    const p = r.ok ? parse(r.playbook) : null;
    expect(p && !p.ok).toBe(true);
    if (!p || p.ok) return;
    const errors = p.errors.map((e) => ({ ...e, path: e.path.replace(/^\[0\]\.?/, '') }));
    expect(fieldErrors(errors, 'score')).toEqual({ hysteresis: 'At most 100' });
    const untitled = parse({ ...DEFAULT_PLAYBOOKS[0], action: { title: '', dueInDays: 1.5 } });
    expect(
      !untitled.ok &&
        fieldErrors(
          untitled.errors.map((e) => ({ ...e, path: e.path.slice(4) })),
          'score',
        ),
    ).toEqual({
      title: 'Required',
      dueInDays: 'A whole number',
    });
    // Ranges that hold nothing, at the field to change, in the form's own words.
    const empty = parse({
      ...DEFAULT_PLAYBOOKS[0],
      trigger: { kind: 'score', below: 40, above: 60 },
      conditions: { minArr: 50_000, maxArr: 10_000 },
    });
    expect(
      !empty.ok &&
        fieldErrors(
          empty.errors.map((e) => ({ ...e, path: e.path.slice(4) })),
          'score',
        ),
    ).toEqual({
      above: 'Less than "Below (score)"',
      maxArr: 'At least "ARR at least"',
    });
  });

  it('makes an id from the name: unique, never "manual"', () => {
    const taken = new Set(['urgent-review', 'call-2']);
    expect(idFromName('Urgent review', taken)).toBe('urgent-review-2');
    expect(idFromName('  Renewal: Enterprise ≥ €100k ', taken)).toBe('renewal-enterprise-100k');
    expect(idFromName('Manual', taken)).toBe('manual-2');
    expect(idFromName('Café', taken)).toBe('cafe');
    expect(idFromName('!!!', taken)).toBe('playbook');
    const long = idFromName('a'.repeat(100), taken);
    expect(
      parse({
        id: long,
        name: 'n',
        trigger: { kind: 'band', band: 'red' },
        action: { title: 't', dueInDays: 1 },
      }).ok,
    ).toBe(true);
  });
});
