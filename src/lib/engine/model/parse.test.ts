import { describe, expect, it } from 'vitest';
import { effectiveShares, lifecycleStage, resolveContext } from './context';
import { parseModel } from './parse';
import { DEFAULT_MODEL, PRESET_MODELS, USAGE_LED_MODEL } from './presets';
import type { ModelDocumentInput } from './schema';

const measure = (id: string, weight: unknown = 1) => ({
  id,
  name: id,
  weight,
  source: { kind: 'aggregate', metric: 'active_users', agg: 'mean', windowDays: 28 },
  scoring: { type: 'linear', red: 0, green: 10 },
  horizon: 'leading',
  nature: 'activity',
});

const minimal = (): ModelDocumentInput & Record<string, unknown> =>
  ({
    format: 'canary-model/1',
    id: 'm',
    name: 'M',
    version: 1,
    groups: [
      { id: 'usage', name: 'Usage', weight: 3, measures: [measure('a')] },
      { id: 'support', name: 'Support', weight: 1, measures: [measure('b', 1), measure('c', 3)] },
    ],
  }) as never;

function errorsOf(input: unknown): string[] {
  const r = parseModel(input);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('parseModel', () => {
  it('accepts a minimal document and fills the documented defaults', () => {
    const r = parseModel(minimal());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.model.bands).toEqual({ redMax: 30, amberMax: 70 });
    expect(r.model.trend).toEqual({ windowDays: 30, deadZone: 5 });
    expect(r.model.pulse).toEqual({ halfLifeDays: 30 });
    expect(r.model.groups[0].measures[0].missing).toBe('skip');
  });

  it('names the path and the bad value of a non-numeric weight', () => {
    const doc = minimal();
    (doc.groups as { measures: { weight: unknown }[] }[])[1].measures[0].weight = 'abc';
    expect(errorsOf(doc)).toEqual([
      'groups[1].measures[0].weight: must be a number ≥ 0, got "abc"',
    ]);
  });

  it('explains negative weights, unknown kinds, enums, missing and unknown fields', () => {
    const doc = minimal() as Record<string, unknown>;
    const groups = doc.groups as Record<string, unknown>[];
    groups[0].weight = -2;
    const measures = groups[1].measures as Record<string, unknown>[];
    measures[0].source = { kind: 'median', metric: 'x' };
    measures[1].horizon = 'soon';
    delete doc.name;
    doc.colour = 'red';
    expect(errorsOf(doc)).toEqual([
      'name: is required',
      'groups[0].weight: must be a number ≥ 0, got -2',
      'groups[1].measures[0].source.kind: must be one of "aggregate", "change", "slope", "daysSince", "ratio", "attribute", "pulse", got "median"',
      'groups[1].measures[1].horizon: must be one of "leading", "lagging", got "soon"',
      '(document): unknown field "colour"',
    ]);
  });

  it('rejects bands out of order, duplicate ids and dangling references', () => {
    const doc = minimal() as Record<string, unknown>;
    doc.bands = { redMax: 80, amberMax: 70 };
    expect(errorsOf(doc)).toEqual(['bands: redMax must be below amberMax']);
    const doc2 = minimal() as Record<string, unknown>;
    (doc2.groups as { measures: { id: string }[] }[])[1].measures[1].id = 'a';
    doc2.patterns = [
      { id: 'p', name: 'P', conditions: [{ measure: 'nope', op: '<', value: 1 }], capBand: 'red' },
    ];
    doc2.contexts = [{ id: 'c', name: 'C', when: { stages: ['teenage'] }, groupWeights: { x: 1 } }];
    expect(errorsOf(doc2)).toEqual([
      'groups[1].measures[1].id: duplicate measure id "a"',
      'contexts[0].when.stages[0]: unknown stage "teenage"',
      'contexts[0].groupWeights.x: unknown group "x"',
      'patterns[0].conditions[0].measure: unknown measure "nope"',
    ]);
  });

  it('requires a pattern to do something and a non-zero total weight', () => {
    const doc = minimal() as Record<string, unknown>;
    doc.patterns = [{ id: 'p', name: 'P', conditions: [{ stage: ['renewal'] }] }];
    expect(errorsOf(doc)).toEqual(['patterns[0]: needs capBand or subtractPoints (or both)']);
    const doc2 = minimal() as Record<string, unknown>;
    for (const g of doc2.groups as { weight: number }[]) g.weight = 0;
    expect(errorsOf(doc2)).toEqual([
      'groups: at least one group and one of its measures need a weight above 0',
    ]);
  });

  it('never throws on junk', () => {
    for (const junk of [null, 42, 'model', [], {}]) expect(parseModel(junk).ok).toBe(false);
    expect(errorsOf(null)).toEqual(['(document): must be an object, got null']);
  });
});

describe('presets', () => {
  it('ship the seeds’ two weight sets as valid models, default first', () => {
    expect(PRESET_MODELS.map((p) => p.model)).toEqual([DEFAULT_MODEL, USAGE_LED_MODEL]);
    const share = (m: typeof DEFAULT_MODEL) =>
      Object.fromEntries(effectiveShares(m).groups.map((g) => [g.id, Math.round(g.share * 100)]));
    expect(share(DEFAULT_MODEL)).toEqual({
      usage: 30,
      support: 20,
      engagement: 15,
      financial: 20,
      relationship: 15,
    });
    expect(share(USAGE_LED_MODEL)).toEqual({
      usage: 40,
      support: 25,
      relationship: 20,
      financial: 15,
    });
    for (const p of PRESET_MODELS)
      expect(parseModel(JSON.parse(JSON.stringify(p.model))).ok).toBe(true);
    expect(DEFAULT_MODEL.patterns.map((p) => p.name)).toContain('Silent champion before renewal');
  });
});

describe('context', () => {
  const model = DEFAULT_MODEL;

  it('resolves lifecycle stages with the renewal window first', () => {
    expect(lifecycleStage(model, 10, 400)).toBe('onboarding');
    expect(lifecycleStage(model, 10, 30)).toBe('renewal');
    expect(lifecycleStage(model, 200, 200)).toBe('adoption');
    expect(lifecycleStage(model, 800, NaN)).toBe('mature');
    expect(lifecycleStage(model, NaN, NaN)).toBeNull();
  });

  it('normalises weights within groups, then across groups', () => {
    const r = parseModel(minimal());
    if (!r.ok) throw new Error('bad fixture');
    const s = effectiveShares(r.model);
    expect(s.groups).toEqual([
      { id: 'usage', share: 0.75 },
      { id: 'support', share: 0.25 },
    ]);
    expect(s.measures.map((m) => m.share)).toEqual([0.75, 0.0625, 0.1875]);
  });

  it('applies segment and stage overrides in order', () => {
    const onboarding = resolveContext(model, 'Enterprise', 'onboarding');
    expect(onboarding.applied).toEqual(['onboarding', 'enterprise']);
    // The enterprise override comes later, so its seat thresholds win.
    expect(onboarding.scoring[0]).toEqual({ type: 'linear', red: 0.25, green: 0.7 });
    const renewal = resolveContext(model, 'smb', 'renewal');
    expect(renewal.applied).toEqual(['renewal']);
    expect(renewal.groupShares[4]).toBeCloseTo(25 / 110, 12);
  });
});
