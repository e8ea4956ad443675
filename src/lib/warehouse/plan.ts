// What a model needs from the warehouse, worked out before any SQL is written: the flat
// measure list, the attribute columns and their types, the metrics and how far back each is
// read, and every context (segment class × lifecycle stage) resolved once with the engine's
// own resolveContext, so shares and scoring functions are the engine's exact numbers.
import { resolveContext, type ResolvedContext } from '../engine/model/context';
import type { Measure, ModelDocument, ScoringFunction } from '../engine/model/schema';

/** How an account attribute column is typed in the warehouse. */
export type AttributeType = 'number' | 'text' | 'boolean';

/** A model feature the SQL cannot express: the generator refuses the model, naming it. */
export class SqlUnsupportedError extends Error {}

/** The accounts columns of the canonical file; only four of them are attributes a measure reads. */
const ACCOUNT_COLUMNS = [
  'account_id',
  'name',
  'segment',
  'arr',
  'seats',
  'contract_start',
  'renewal_date',
  'owner',
];
const BUILT_IN_TYPES: Record<string, AttributeType> = {
  segment: 'text',
  owner: 'text',
  arr: 'number',
  seats: 'number',
};

/** How the query reads one static attribute: a built-in column, a custom column, or nothing. */
export type AttributeRead =
  | { kind: 'column'; column: string; type: AttributeType }
  | { kind: 'tenure' }
  | { kind: 'renewal' }
  | { kind: 'none' };

/** One resolved context: the engine's weights and scoring functions for a segment × stage. */
export interface PlannedContext {
  id: number;
  /** Ids of the context overrides that apply, in order (the engine's `applied`). */
  applied: string[];
  resolved: ResolvedContext;
}

/** A (segment class, stage) cell and the context it resolves to. */
export interface ContextCell {
  /** Lower-cased segment named by some override; null = any other segment (or none). */
  segment: string | null;
  stage: string | null;
  context: number;
}

/** Everything the query builder needs to know about a model. */
export interface ModelPlan {
  model: ModelDocument;
  measures: Measure[];
  /** Custom attribute columns the model reads, with their types. */
  attributes: Map<string, AttributeType>;
  contexts: PlannedContext[];
  cells: ContextCell[];
  /** Measures scored by percentile in some context. */
  usesPercentile: boolean;
  usesPulses: boolean;
}

/** Where the engine reads a named attribute from (Account fields, else `attributes[name]`). */
export function attributeRead(
  name: string,
  types: ReadonlyMap<string, AttributeType>,
): AttributeRead {
  if (name === 'tenureDays') return { kind: 'tenure' };
  if (name === 'daysToRenewal') return { kind: 'renewal' };
  if (Object.hasOwn(BUILT_IN_TYPES, name))
    return { kind: 'column', column: name, type: BUILT_IN_TYPES[name] };
  // Canonical files never hold an attribute named like a known column ("Name", "owner"…).
  if (ACCOUNT_COLUMNS.includes(name.toLowerCase())) return { kind: 'none' };
  const type = types.get(name);
  return type === undefined ? { kind: 'none' } : { kind: 'column', column: name, type };
}

/** The custom attribute names a model reads (measures and pattern conditions). */
export function referencedAttributes(model: ModelDocument): string[] {
  const names = new Set<string>();
  const add = (name: string) => {
    const r = attributeRead(name, new Map([[name, 'text']]));
    if (r.kind === 'column' && !Object.hasOwn(BUILT_IN_TYPES, name)) names.add(name);
  };
  for (const g of model.groups)
    for (const m of g.measures) if (m.source.kind === 'attribute') add(m.source.attribute);
  for (const p of model.patterns)
    for (const c of p.conditions) if ('attribute' in c) add(c.attribute);
  return [...names];
}

/**
 * The type a custom attribute is assumed to have when nobody says: what the model does with
 * it (numeric scoring or comparison → number; categorical or text comparison → text; boolean
 * scoring or a true/false comparison → boolean).
 */
export function inferAttributeType(model: ModelDocument, name: string): AttributeType {
  const votes: AttributeType[] = [];
  const byScoring = (fn: ScoringFunction) =>
    fn.type === 'categorical' ? 'text' : fn.type === 'boolean' ? 'boolean' : 'number';
  for (const g of model.groups) {
    for (const m of g.measures) {
      if (m.source.kind !== 'attribute' || m.source.attribute !== name) continue;
      votes.push(byScoring(m.scoring));
      for (const c of model.contexts) if (c.scoring[m.id]) votes.push(byScoring(c.scoring[m.id]));
    }
  }
  for (const p of model.patterns) {
    for (const c of p.conditions) {
      if (!('attribute' in c) || c.attribute !== name) continue;
      votes.push(
        typeof c.value === 'number' ? 'number' : typeof c.value === 'boolean' ? 'boolean' : 'text',
      );
    }
  }
  return votes.includes('text') ? 'text' : votes.includes('number') ? 'number' : 'boolean';
}

/** Every stage an account can be in: none, renewal, onboarding and the model's own. */
function possibleStages(model: ModelDocument): (string | null)[] {
  return [null, 'renewal', 'onboarding', ...model.lifecycle.stages.map((s) => s.id)];
}

/** Plans a model against attribute column types (custom attributes the model reads). */
export function planModel(
  model: ModelDocument,
  attributeTypes: ReadonlyMap<string, AttributeType>,
): ModelPlan {
  const measures = model.groups.flatMap((g) => g.measures);
  for (const m of measures) {
    const kind = (m.source as { kind: string }).kind;
    if (
      !['aggregate', 'change', 'slope', 'daysSince', 'ratio', 'attribute', 'pulse'].includes(kind)
    )
      throw new SqlUnsupportedError(
        `measure "${m.id}": source kind "${kind}" has no SQL translation`,
      );
  }
  const attributes = new Map<string, AttributeType>();
  for (const name of referencedAttributes(model)) {
    const type = attributeTypes.get(name);
    if (type !== undefined) attributes.set(name, type);
  }
  const segments = [
    ...new Set(model.contexts.flatMap((c) => (c.when.segments ?? []).map((s) => s.toLowerCase()))),
  ];
  const contexts: PlannedContext[] = [];
  const byKey = new Map<string, number>();
  const cells: ContextCell[] = [];
  for (const segment of [...segments, null]) {
    for (const stage of possibleStages(model)) {
      const resolved = resolveContext(model, segment, stage);
      const key = resolved.applied.join('\u0000');
      let id = byKey.get(key);
      if (id === undefined) {
        id = contexts.length;
        byKey.set(key, id);
        contexts.push({ id, applied: resolved.applied, resolved });
      }
      cells.push({ segment, stage, context: id });
    }
  }
  const usesPercentile = contexts.some((c) =>
    c.resolved.scoring.some((f) => f.type === 'percentile'),
  );
  return {
    model,
    measures,
    attributes,
    contexts,
    cells,
    usesPercentile,
    usesPulses: measures.some((m) => m.source.kind === 'pulse'),
  };
}
