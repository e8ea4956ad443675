// Binds a model to a prepared book once: flat measure list, compiled sources, cached contexts
// (one per segment × stage actually seen) and compiled pattern conditions.
import { lifecycleStage, resolveContext, type ResolvedContext } from '../model/context';
import type { Measure, ModelDocument, PatternCondition, PatternRule } from '../model/schema';
import { modelLookbackDays } from './freshness';
import type { PreparedBook } from './prepare';
import {
  compileSource,
  daysToRenewal,
  staticAttribute,
  tenureDays,
  type CompiledSource,
} from './measures';

/** A pattern condition ready to test against one point's measure values and scores. */
type ConditionTest = (
  a: number,
  day: number,
  values: Float64Array,
  scores: Float64Array,
  row: number,
) => boolean;

/** A pattern rule with compiled conditions. */
export interface CompiledPattern {
  rule: PatternRule;
  tests: ConditionTest[];
}

/** A model bound to a prepared book. */
export interface CompiledModel {
  model: ModelDocument;
  prepared: PreparedBook;
  measures: Measure[];
  /** Group index per flat measure index. */
  groupOf: Int32Array;
  sources: CompiledSource[];
  /** True where some context scores the measure by percentile within the book. */
  usesPercentile: boolean[];
  patterns: CompiledPattern[];
  /** The model's lookback in days (see freshness.ts). */
  lookbackDays: number;
  /** The stage of an account on a day. */
  stageOf(a: number, day: number): string | null;
  /** Weights and scoring functions in force for an account on a day. */
  contextOf(a: number, day: number): ResolvedContext;
}

function compare(op: string, x: number, y: number): boolean {
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    case '=':
      return x === y;
    default:
      return x !== y;
  }
}

function compileCondition(
  c: PatternCondition,
  measureIndex: Map<string, number>,
  compiled: Pick<CompiledModel, 'prepared' | 'stageOf'>,
): ConditionTest {
  const m = measureIndex.size;
  if ('measure' in c) {
    const j = measureIndex.get(c.measure) ?? -1;
    return (_a, _d, values, _s, row) => {
      const v = values[row * m + j];
      return !Number.isNaN(v) && compare(c.op, v, c.value);
    };
  }
  if ('measureScore' in c) {
    const j = measureIndex.get(c.measureScore) ?? -1;
    return (_a, _d, _v, scores, row) => {
      const v = scores[row * m + j];
      return !Number.isNaN(v) && compare(c.op, v, c.value);
    };
  }
  if ('stage' in c) return (a, day) => c.stage.includes(compiled.stageOf(a, day) ?? '');
  const accounts = compiled.prepared.accounts;
  const name = c.attribute;
  const target = c.value;
  return (a, day) => {
    const acc = accounts[a];
    let num: number;
    let text: string | null = null;
    if (name === 'tenureDays') num = tenureDays(acc, day);
    else if (name === 'daysToRenewal') num = daysToRenewal(acc, day);
    else ({ num, text } = staticAttribute(acc, name));
    if (typeof target === 'number') return !Number.isNaN(num) && compare(c.op, num, target);
    if (typeof target === 'boolean') {
      if (Number.isNaN(num)) return false;
      return c.op === '!=' ? (num !== 0) !== target : c.op === '=' && (num !== 0) === target;
    }
    if (text === null) return false;
    const same = text.toLowerCase() === target.toLowerCase();
    return c.op === '=' ? same : c.op === '!=' ? !same : false;
  };
}

/** Compiles a model against a prepared book. */
export function compileModel(prepared: PreparedBook, model: ModelDocument): CompiledModel {
  const measures: Measure[] = [];
  const groupIdx: number[] = [];
  model.groups.forEach((g, gi) =>
    g.measures.forEach((m) => {
      measures.push(m);
      groupIdx.push(gi);
    }),
  );
  const measureIndex = new Map(measures.map((m, i) => [m.id, i]));
  const sources = measures.map((m) => compileSource(prepared, m.source, model.pulse.halfLifeDays));
  const usesPercentile = measures.map(
    (m) =>
      m.scoring.type === 'percentile' ||
      model.contexts.some((c) => c.scoring[m.id]?.type === 'percentile'),
  );
  // Contexts depend only on segment and stage: resolve each combination once (nested maps, so
  // the per-point lookup builds no strings).
  const contextCache = new Map<string | null, Map<string | null, ResolvedContext>>();
  const accounts = prepared.accounts;
  const segmentKeys = accounts.map((acc) => acc.segment?.toLowerCase() ?? null);
  const stageOf = (a: number, day: number) =>
    lifecycleStage(model, tenureDays(accounts[a], day), daysToRenewal(accounts[a], day));
  const contextOf = (a: number, day: number) => {
    const segKey = segmentKeys[a];
    const stage = stageOf(a, day);
    let byStage = contextCache.get(segKey);
    if (!byStage) {
      byStage = new Map();
      contextCache.set(segKey, byStage);
    }
    let ctx = byStage.get(stage);
    if (!ctx) {
      ctx = resolveContext(model, accounts[a].segment, stage);
      byStage.set(stage, ctx);
    }
    return ctx;
  };
  const base = { prepared, stageOf };
  const patterns = model.patterns.map((rule) => ({
    rule,
    tests: rule.conditions.map((c) => compileCondition(c, measureIndex, base)),
  }));
  return {
    model,
    prepared,
    measures,
    groupOf: Int32Array.from(groupIdx),
    sources,
    usesPercentile,
    patterns,
    lookbackDays: modelLookbackDays(model),
    stageOf,
    contextOf,
  };
}
