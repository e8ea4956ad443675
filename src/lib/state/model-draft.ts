// Pure editing helpers for the model builder's draft: new parts with sensible defaults, switching
// a measure's source kind or scoring type without losing what still applies, reordering, and
// each group's and measure's effective share even while the draft is still invalid.
import type {
  ContextOverride,
  Measure,
  MeasureGroup,
  MeasureSource,
  ModelDocument,
  PatternCondition,
  PatternRule,
  ScoringFunction,
} from '$lib/engine';

/** The draft is a model document whose fields may hold invalid values while being edited. */
export type ModelDraft = ModelDocument;

/** Every id used by groups, measures, contexts, patterns and stages of a draft. */
export function takenIds(draft: ModelDraft): Set<string> {
  const ids = new Set<string>(['onboarding', 'renewal']);
  for (const g of draft.groups) {
    ids.add(g.id);
    for (const m of g.measures) ids.add(m.id);
  }
  for (const c of draft.contexts) ids.add(c.id);
  for (const p of draft.patterns) ids.add(p.id);
  for (const s of draft.lifecycle.stages) ids.add(s.id);
  return ids;
}

/** `base`, or `base_2`, `base_3`… — the first not in `taken`. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'item';
  if (!taken.has(clean)) return clean;
  let i = 2;
  while (taken.has(`${clean}_${i}`)) i++;
  return `${clean}_${i}`;
}

/** A new measure: the mean of a metric over 28 days, scored linearly. */
export function newMeasure(taken: ReadonlySet<string>, metric: string): Measure {
  return {
    id: uniqueId(metric ? `${metric}_28d` : 'measure', taken),
    name: metric ? `Mean ${metric} (28 days)` : 'New measure',
    weight: 1,
    source: { kind: 'aggregate', metric, agg: 'mean', windowDays: 28 },
    scoring: { type: 'linear', red: 0, green: 10 },
    horizon: 'leading',
    nature: 'activity',
    missing: 'skip',
    format: 'number',
  };
}

/** A new group holding one new measure. */
export function newGroup(taken: ReadonlySet<string>, metric: string): MeasureGroup {
  const id = uniqueId('group', taken);
  return {
    id,
    name: 'New group',
    weight: 10,
    measures: [newMeasure(new Set([...taken, id]), metric)],
  };
}

/** A new context override that applies to a segment (or every account when none is given). */
export function newContext(taken: ReadonlySet<string>, segment: string | null): ContextOverride {
  return {
    id: uniqueId(segment ? segment.toLowerCase() : 'override', taken),
    name: segment ? `${segment} accounts` : 'New override',
    when: segment ? { segments: [segment] } : { stages: ['renewal'] },
    groupWeights: {},
    measureWeights: {},
    scoring: {},
  };
}

/** A new pattern rule with one condition on a measure, capping at amber. */
export function newPattern(taken: ReadonlySet<string>, measureId: string): PatternRule {
  return {
    id: uniqueId('pattern', taken),
    name: 'New pattern',
    description: '',
    conditions: [newCondition('measure', measureId)],
    capBand: 'amber',
  };
}

/** Kinds of pattern condition. */
export type ConditionKind = 'measure' | 'measureScore' | 'attribute' | 'stage';

/** The kind of a condition. */
export function conditionKind(c: PatternCondition): ConditionKind {
  if ('stage' in c) return 'stage';
  if ('measureScore' in c) return 'measureScore';
  if ('measure' in c) return 'measure';
  return 'attribute';
}

/** A new condition of a kind. */
export function newCondition(kind: ConditionKind, measureId: string): PatternCondition {
  switch (kind) {
    case 'measure':
      return { measure: measureId, op: '<=', value: 0 };
    case 'measureScore':
      return { measureScore: measureId, op: '<=', value: 30 };
    case 'attribute':
      return { attribute: 'daysToRenewal', op: '<=', value: 60 };
    case 'stage':
      return { stage: ['renewal'] };
  }
}

/** The same source as another kind, keeping the metric and window where they still apply. */
export function sourceForKind(
  kind: MeasureSource['kind'],
  prev: MeasureSource,
  fallbackMetric: string,
): MeasureSource {
  const metric =
    'metric' in prev ? prev.metric : prev.kind === 'ratio' ? prev.numerator.metric : fallbackMetric;
  const windowDays = 'windowDays' in prev ? prev.windowDays : 28;
  switch (kind) {
    case 'aggregate':
    case 'change':
      return { kind, metric, agg: 'agg' in prev ? prev.agg : 'mean', windowDays };
    case 'slope':
      return { kind, metric, windowDays };
    case 'daysSince':
      return { kind, metric, event: 'nonZero' };
    case 'ratio':
      return {
        kind,
        numerator: { metric, agg: 'mean' },
        denominator: { metric: fallbackMetric, agg: 'latest' },
        windowDays,
      };
    case 'attribute':
      return { kind, attribute: 'arr' };
    case 'pulse':
      return { kind };
  }
}

/** A default scoring function of a type, keeping linear thresholds where they map over. */
export function scoringForType(
  type: ScoringFunction['type'],
  prev: ScoringFunction,
): ScoringFunction {
  const lo = prev.type === 'linear' ? Math.min(prev.red, prev.green) : 0;
  const hi = prev.type === 'linear' ? Math.max(prev.red, prev.green) : 10;
  switch (type) {
    case 'linear':
      return { type, red: lo, green: hi };
    case 'target':
      return { type, low: lo, high: hi, falloff: Math.abs(hi - lo) || 1 };
    case 'tiers':
      return {
        type,
        base: 0,
        steps: [
          { atLeast: lo, points: 50 },
          { atLeast: hi, points: 100 },
        ],
      };
    case 'categorical':
      return { type, points: {}, otherwise: 50 };
    case 'boolean':
      return { type, whenTrue: 100, whenFalse: 0 };
    case 'percentile':
      return { type, higherIsBetter: true };
  }
}

/** Moves item `i` of a list by `delta` places (in place); returns false when it cannot move. */
export function moveItem<T>(list: T[], i: number, delta: number): boolean {
  const j = i + delta;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return false;
  const [item] = list.splice(i, 1);
  list.splice(j, 0, item);
  return true;
}

const weightOf = (w: unknown) => (typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : 0);

/**
 * Effective shares (0–1) of each group and measure, as the engine normalises them (a group whose
 * measures all weigh 0 drops out); invalid weights count as 0 so this works on any draft.
 */
export function draftShares(draft: ModelDraft): { groups: number[]; measures: number[][] } {
  const raw = draft.groups.map((g) => {
    const inGroup = g.measures.reduce((s, m) => s + weightOf(m.weight), 0);
    return g.measures.map((m) =>
      inGroup > 0 ? (weightOf(g.weight) * weightOf(m.weight)) / inGroup : 0,
    );
  });
  const total = raw.flat().reduce((s, w) => s + w, 0);
  const measures = raw.map((ms) => ms.map((w) => (total > 0 ? w / total : 0)));
  return { groups: measures.map((ms) => ms.reduce((s, w) => s + w, 0)), measures };
}

/**
 * What the builder does with its draft when the saved active model changes under it:
 * - `reset`: the draft has no edits of its own (or there is none yet) — it becomes the new
 *   active model;
 * - `keep`: the draft holds edits or a replacement (a proposal, a preset) and the newly active
 *   version is the very document the draft started from, now saved (the default model is saved
 *   as version 1 on first use, often while a proposal is being made) — the draft stays, the
 *   saved version becomes its base;
 * - `warn`: the draft holds edits and a different model became active elsewhere — the draft
 *   stays and the page says so.
 * `base` is null when the draft was replaced before the active model was first known.
 */
export function onActiveModelChange(
  draft: ModelDraft | null,
  base: ModelDocument | null,
  active: ModelDocument,
): 'reset' | 'keep' | 'warn' {
  if (draft === null) return 'reset';
  const draftJson = JSON.stringify(draft);
  if (base === null) return draftJson === JSON.stringify(active) ? 'reset' : 'keep';
  const baseJson = JSON.stringify(base);
  if (draftJson === baseJson) return 'reset';
  return baseJson === JSON.stringify(active) ? 'keep' : 'warn';
}
