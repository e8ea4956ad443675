import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL,
  USAGE_LED_MODEL,
  parseModel,
  parseModelOrThrow,
  type ModelDocument,
} from '../engine';
import { diffModels, summariseChanges, versionEntries } from './model-diff';

function edit(fn: (m: ModelDocument) => void): ModelDocument {
  const m = structuredClone(DEFAULT_MODEL);
  fn(m);
  return parseModelOrThrow(m);
}

describe('diffModels', () => {
  it('finds nothing between a model and itself', () => {
    expect(diffModels(DEFAULT_MODEL, structuredClone(DEFAULT_MODEL))).toEqual([]);
    expect(summariseChanges([])).toBe('No changes');
  });

  it('names changed group weights and band thresholds', () => {
    const after = edit((m) => {
      m.groups[0].weight = 0;
      m.bands = { redMax: 40, amberMax: 70 };
    });
    const texts = diffModels(DEFAULT_MODEL, after).map((c) => c.text);
    expect(texts).toContain(
      `Group “${DEFAULT_MODEL.groups[0].name}” weight ${DEFAULT_MODEL.groups[0].weight} → 0`,
    );
    expect(texts).toContain('Red band up to 30 → 40');
  });

  it('describes a changed scoring threshold of a measure', () => {
    const after = edit((m) => {
      m.groups[0].measures[0].scoring = { type: 'linear', red: 0.2, green: 0.9 };
    });
    const [change] = diffModels(DEFAULT_MODEL, after);
    expect(change.area).toBe('measure');
    expect(change.text).toMatch(
      /scoring linear, red 0\.3 → green 0\.8 → linear, red 0\.2 → green 0\.9/,
    );
  });

  it('lists measures and patterns added and removed', () => {
    const removed = DEFAULT_MODEL.groups[1].measures[0];
    const after = edit((m) => {
      m.groups[1].measures.splice(0, 1);
      m.patterns = m.patterns.filter((p) => p.id !== 'busy_but_unanchored');
      m.patterns.push({
        id: 'new_rule',
        name: 'No logins',
        description: '',
        conditions: [{ attribute: 'daysToRenewal', op: '<=', value: 30 }],
        capBand: 'red',
      });
    });
    const changes = diffModels(DEFAULT_MODEL, after);
    expect(changes).toContainEqual({
      area: 'measure',
      kind: 'removed',
      text: `Measure “${removed.name}” removed`,
    });
    expect(changes).toContainEqual({
      area: 'pattern',
      kind: 'added',
      text: 'Pattern “No logins” added',
    });
    expect(changes.filter((c) => c.area === 'pattern' && c.kind === 'removed')).toHaveLength(1);
  });

  it('describes context override changes', () => {
    const after = edit((m) => {
      const renewal = m.contexts.find((c) => c.id === 'renewal')!;
      renewal.groupWeights = { relationship: 40 };
      renewal.when = { stages: ['renewal'], segments: ['SMB'] };
    });
    const texts = diffModels(DEFAULT_MODEL, after).map((c) => c.text);
    expect(texts.some((t) => /relationship weight 25 → 40/.test(t))).toBe(true);
    expect(texts.some((t) => /applies to stage renewal → segment SMB, stage renewal/.test(t))).toBe(
      true,
    );
  });

  it('summarises a preset switch in one line', () => {
    const changes = diffModels(DEFAULT_MODEL, USAGE_LED_MODEL);
    expect(changes.length).toBeGreaterThan(2);
    expect(summariseChanges(changes, 2)).toMatch(/; and \d+ more$/);
  });
});

describe('versionEntries', () => {
  it('summarises each version against the previous one of its model, newest first', () => {
    const v1 = { ...DEFAULT_MODEL, version: 1 };
    const v2 = edit((m) => {
      m.groups[0].weight = 0;
      m.version = 2;
    });
    const parse = (d: unknown) => {
      const r = parseModel(d);
      return r.ok ? r.model : null;
    };
    const entries = versionEntries(
      [
        {
          key: `${v2.id}@2`,
          modelId: v2.id,
          version: 2,
          name: v2.name,
          createdAt: 20,
          document: v2,
        },
        {
          key: `${v1.id}@1`,
          modelId: v1.id,
          version: 1,
          name: v1.name,
          createdAt: 10,
          document: v1,
        },
        {
          key: 'x@1',
          modelId: 'x',
          version: 1,
          name: 'Broken',
          createdAt: 30,
          document: { format: 'nope' },
        },
      ],
      parse,
    );
    expect(entries.map((e) => e.key)).toEqual(['x@1', `${v2.id}@2`, `${v1.id}@1`]);
    expect(entries[0].summary).toBe('This version is not a valid model any more');
    expect(entries[1].summary).toMatch(/weight 30 → 0/);
    expect(entries[2].summary).toBe('First version');
  });

  it('lists a later version above an earlier one even when its clock ran behind', () => {
    const parse = (d: unknown) => {
      const r = parseModel(d);
      return r.ok ? r.model : null;
    };
    const record = (modelId: string, version: number, createdAt: number) => ({
      key: `${modelId}@${version}`,
      modelId,
      version,
      name: modelId,
      createdAt,
      document: { ...DEFAULT_MODEL, id: modelId, version },
    });
    // v2 was stamped by a clock 9 days behind the one that stamped v1; 'other' came between.
    const day = 86_400_000;
    const entries = versionEntries(
      [record('m', 1, 10 * day), record('m', 2, day), record('other', 1, 5 * day)],
      parse,
    );
    expect(entries.map((e) => e.key)).toEqual(['m@2', 'm@1', 'other@1']);
  });
});
