// Point-in-time features for fitting: each measure's raw value as of each point (text
// attributes coded as category numbers) and each pattern rule as a 0/1 column.
import type { ModelDocument } from '../model/schema';
import { evaluatePoints, type PointEvaluation } from '../score/evaluate';
import { staticAttribute } from '../score/measures';
import type { PreparedBook } from '../score/prepare';
import type { DayNumber } from '../types';
import type { DesignMatrix } from './logistic';

/** One column of the feature matrix and how to turn it back into a model measure. */
export interface FeatureColumn {
  kind: 'measure' | 'pattern';
  id: string;
  /** For text attributes: the category of each code (code = index). */
  categories: string[] | null;
}

/** Raw point-in-time features plus the model's own scores at the same points. */
export interface PointFeatures {
  raw: DesignMatrix;
  columns: FeatureColumn[];
  evaluation: PointEvaluation;
}

/**
 * The model with percentile scoring swapped for a trivial function: fitting reads raw values
 * only, and ranking every point among the whole book on its day is the costly part of scoring.
 * Kept as is when a pattern reads measure scores (its firing would change).
 */
function rawValueModel(model: ModelDocument): ModelDocument {
  const readsScores = model.patterns.some((p) => p.conditions.some((c) => 'measureScore' in c));
  if (readsScores) return model;
  const cheap = { type: 'linear', red: 0, green: 1 } as const;
  return {
    ...model,
    groups: model.groups.map((g) => ({
      ...g,
      measures: g.measures.map((m) =>
        m.scoring.type === 'percentile' ? { ...m, scoring: cheap } : m,
      ),
    })),
    contexts: model.contexts.map((c) => ({
      ...c,
      scoring: Object.fromEntries(
        Object.entries(c.scoring).map(([id, fn]) => [id, fn.type === 'percentile' ? cheap : fn]),
      ),
    })),
  };
}

/** Evaluates `model` at `points` and lays its measures and patterns out as a feature matrix. */
export function pointFeatures(
  prepared: PreparedBook,
  model: ModelDocument,
  points: readonly { accountId: string; day: DayNumber }[],
): PointFeatures {
  const ev = evaluatePoints(prepared, rawValueModel(model), points);
  const measures = model.groups.flatMap((g) => g.measures);
  const m = ev.measureIds.length;
  const p = ev.patternIds.length;
  const cols = m + p;
  const n = points.length;
  const data = new Float64Array(n * cols);
  const columns: FeatureColumn[] = [];
  measures.forEach((measure, j) => {
    let categories: string[] | null = null;
    let codeOf: Map<string, number> | null = null;
    if (measure.source.kind === 'attribute') {
      const name = measure.source.attribute;
      const texts = new Set<string>();
      for (const a of prepared.accounts) {
        const t = staticAttribute(a, name).text;
        if (t !== null) texts.add(t);
      }
      if (texts.size) {
        categories = [...texts].sort();
        codeOf = new Map(categories.map((c, i) => [c, i]));
      }
    }
    for (let r = 0; r < n; r++) {
      let v = ev.measureValues[r * m + j];
      if (codeOf && Number.isNaN(v)) {
        const a = prepared.accountIndex.get(points[r].accountId)!;
        const t = staticAttribute(
          prepared.accounts[a],
          (measure.source as { attribute: string }).attribute,
        ).text;
        v = t === null ? NaN : codeOf.get(t)!;
      }
      data[r * cols + j] = v;
    }
    columns.push({ kind: 'measure', id: measure.id, categories });
  });
  ev.patternIds.forEach((id, k) => {
    for (let r = 0; r < n; r++) data[r * cols + m + k] = ev.patternFired[r * p + k];
    columns.push({ kind: 'pattern', id, categories: null });
  });
  return { raw: { data, rows: n, cols }, columns, evaluation: ev };
}
