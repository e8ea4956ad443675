import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, effectiveShares, parseModel } from '../engine';
import {
  checkAgainstBook,
  countUnder,
  fieldId,
  indexErrors,
  type BookVocabulary,
} from './model-checks';
import {
  draftShares,
  moveItem,
  newCondition,
  newContext,
  newGroup,
  newPattern,
  onActiveModelChange,
  scoringForType,
  sourceForKind,
  takenIds,
  uniqueId,
} from './model-draft';

const book: BookVocabulary = {
  metrics: ['active_users', 'licensed_seats', 'tickets'],
  attributes: ['segment', 'arr', 'seats', 'owner', 'tenureDays', 'daysToRenewal'],
  segments: ['SMB', 'Enterprise'],
};

describe('draft editing helpers', () => {
  it('makes unique ids', () => {
    expect(uniqueId('usage', new Set(['usage', 'usage_2']))).toBe('usage_3');
    expect(uniqueId('Mid market!', new Set())).toBe('Mid_market');
  });

  it('creates new parts that keep the model valid', () => {
    const m = structuredClone(DEFAULT_MODEL);
    const taken = takenIds(m);
    m.groups.push(newGroup(taken, 'tickets'));
    m.contexts.push(newContext(takenIds(m), 'SMB'));
    m.patterns.push(newPattern(takenIds(m), m.groups[0].measures[0].id));
    m.patterns[m.patterns.length - 1].conditions.push(newCondition('stage', ''));
    const r = parseModel(m);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it('switches source kind and scoring type keeping what applies', () => {
    const src = sourceForKind(
      'change',
      { kind: 'aggregate', metric: 'tickets', agg: 'sum', windowDays: 91 },
      'x',
    );
    expect(src).toEqual({ kind: 'change', metric: 'tickets', agg: 'sum', windowDays: 91 });
    expect(sourceForKind('ratio', src, 'licensed_seats')).toMatchObject({
      numerator: { metric: 'tickets' },
      denominator: { metric: 'licensed_seats' },
      windowDays: 91,
    });
    expect(scoringForType('target', { type: 'linear', red: 30, green: 7 })).toEqual({
      type: 'target',
      low: 7,
      high: 30,
      falloff: 23,
    });
  });

  it('moves items within bounds only', () => {
    const list = ['a', 'b', 'c'];
    expect(moveItem(list, 0, 1)).toBe(true);
    expect(list).toEqual(['b', 'a', 'c']);
    expect(moveItem(list, 0, -1)).toBe(false);
    expect(list).toEqual(['b', 'a', 'c']);
  });

  it('computes the same shares as the engine, and survives invalid weights', () => {
    const shares = draftShares(DEFAULT_MODEL);
    const engine = effectiveShares(DEFAULT_MODEL);
    engine.groups.forEach((g, i) => expect(shares.groups[i]).toBeCloseTo(g.share, 10));
    expect(shares.measures.flat().reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
    const broken = structuredClone(DEFAULT_MODEL);
    (broken.groups[0] as { weight: unknown }).weight = undefined;
    const b = draftShares(broken);
    expect(b.groups[0]).toBe(0);
    expect(b.groups.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
  });
});

describe('validation helpers', () => {
  it('indexes parse errors by path and counts them under a prefix', () => {
    const m = structuredClone(DEFAULT_MODEL);
    (m.groups[1].measures[0] as { weight: unknown }).weight = 'abc';
    const r = parseModel(m);
    expect(r.ok).toBe(false);
    const index = indexErrors(r.ok ? [] : r.errors);
    expect(index.get('groups[1].measures[0].weight')?.[0]).toMatch(/must be a number/);
    expect(countUnder(index, 'groups[1]')).toBe(1);
    expect(countUnder(index, 'groups[0]')).toBe(0);
    expect(fieldId('groups[1].measures[0].weight')).toBe('f-groups-1-measures-0-weight');
  });

  it('warns about metrics and segments the book does not have, and blocks text for numbers', () => {
    const m = structuredClone(DEFAULT_MODEL);
    m.contexts.push({
      id: 'x',
      name: 'X',
      when: { segments: ['Gov'] },
      groupWeights: {},
      measureWeights: {},
      scoring: {},
    });
    m.patterns[0].conditions.push({ attribute: 'arr', op: '>', value: '1000' });
    const { errors, warnings } = checkAgainstBook(m, book);
    expect(warnings.some((w) => /no account is in segment "Gov"/.test(w.message))).toBe(true);
    expect(warnings.some((w) => /no account has a "core_actions" series/.test(w.message))).toBe(
      true,
    );
    expect(errors).toEqual([
      {
        path: `patterns[0].conditions[${m.patterns[0].conditions.length - 1}].value`,
        message: 'arr is a number: compare it with a number',
      },
    ]);
  });
});

describe('the draft when the active model changes under it', () => {
  const proposal = { ...structuredClone(DEFAULT_MODEL), name: 'Built from your data' };
  const other = { ...structuredClone(DEFAULT_MODEL), name: 'Saved in another tab' };

  it('becomes the active model when it has no edits of its own', () => {
    expect(onActiveModelChange(null, null, DEFAULT_MODEL)).toBe('reset');
    expect(onActiveModelChange(structuredClone(DEFAULT_MODEL), DEFAULT_MODEL, other)).toBe('reset');
    expect(onActiveModelChange(structuredClone(DEFAULT_MODEL), null, DEFAULT_MODEL)).toBe('reset');
  });

  it('keeps a proposal when the version saved is the one the draft started from', () => {
    // The default model saved as version 1 while the proposal was being made.
    expect(onActiveModelChange(proposal, DEFAULT_MODEL, structuredClone(DEFAULT_MODEL))).toBe(
      'keep',
    );
    // Replaced before the active model was first known.
    expect(onActiveModelChange(proposal, null, DEFAULT_MODEL)).toBe('keep');
  });

  it('warns, keeping the edits, when a different model became active', () => {
    expect(onActiveModelChange(proposal, DEFAULT_MODEL, other)).toBe('warn');
  });
});
