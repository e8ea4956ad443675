// The scoring kernel: evaluates many (account, day) points at once into flat typed arrays.
// Everything else (scoreAccount, scoreBook, scoreHistory, the backtest) is built on it.
import type { ResolvedContext } from '../model/context';
import type { ModelDocument } from '../model/schema';
import type { DayNumber } from '../types';
import { compileModel, type CompiledModel } from './compile';
import type { PreparedBook } from './prepare';
import { percentileScore, scoreValue } from './scoring';

/** Point-in-time features of many (account, day) points, row-major (one row per point). */
export interface PointEvaluation {
  measureIds: string[];
  patternIds: string[];
  /** n × m measure scores 0–100 before missing-data policies; NaN = no data. */
  measureScores: Float64Array;
  /** n × m raw measure values; NaN = no data or a text value (e.g. a segment name). */
  measureValues: Float64Array;
  /** n × p, 1 where the pattern fired. */
  patternFired: Uint8Array;
  /** Final score 0–100 (unrounded, patterns applied, overrides not); NaN when no measure had data. */
  scores: Float64Array;
}

/** The kernel's full output, with what the detailed paths need besides PointEvaluation. */
export interface KernelResult extends PointEvaluation {
  /** Weighted score before patterns. */
  rawScores: Float64Array;
  /** Share of weight with data, 0–1. */
  coverage: Float64Array;
  contexts: ResolvedContext[];
  /** The account index of each row. */
  accountIdx: Int32Array;
}

/** Sorted finite values of a measure across every account of the book on one day. */
function bookDistribution(compiled: CompiledModel, j: number, day: number): Float64Array {
  const n = compiled.prepared.accounts.length;
  const out = new Float64Array(n);
  let k = 0;
  const src = compiled.sources[j];
  for (let a = 0; a < n; a++) {
    const v = src.value(a, day);
    if (!Number.isNaN(v)) out[k++] = v;
  }
  return out.subarray(0, k).sort();
}

/** Evaluates points given as account indices and days. */
export function evaluateKernel(
  compiled: CompiledModel,
  accountIdx: Int32Array,
  days: Int32Array,
): KernelResult {
  const { measures, sources, patterns, model } = compiled;
  const n = accountIdx.length;
  const m = measures.length;
  const p = patterns.length;
  const measureScores = new Float64Array(n * m);
  const measureValues = new Float64Array(n * m);
  const patternFired = new Uint8Array(n * p);
  const scores = new Float64Array(n);
  const rawScores = new Float64Array(n);
  const coverage = new Float64Array(n);
  const contexts: ResolvedContext[] = new Array(n);
  const distributions: (Map<number, Float64Array> | null)[] = compiled.usesPercentile.map((u) =>
    u ? new Map() : null,
  );
  const { redMax, amberMax } = model.bands;

  for (let r = 0; r < n; r++) {
    const a = accountIdx[r];
    const day = days[r];
    const ctx = compiled.contextOf(a, day);
    contexts[r] = ctx;
    let weighted = 0;
    let included = 0;
    let covered = 0;
    for (let j = 0; j < m; j++) {
      const src = sources[j];
      const value = src.value(a, day);
      const text = src.text ? src.text(a) : null;
      const fn = ctx.scoring[j];
      let s: number;
      if (fn.type === 'percentile') {
        const cache = distributions[j]!;
        let dist = cache.get(day);
        if (!dist) {
          dist = bookDistribution(compiled, j, day);
          cache.set(day, dist);
        }
        s = percentileScore(dist, value, fn.higherIsBetter);
      } else {
        s = scoreValue(fn, value, text);
      }
      measureValues[r * m + j] = value;
      measureScores[r * m + j] = s;
      const w = ctx.measureShares[j];
      if (w === 0) continue;
      if (Number.isNaN(s)) {
        const policy = measures[j].missing;
        if (policy === 'skip') continue;
        s = policy === 'neutral' ? 50 : 0;
      } else {
        covered += w;
      }
      weighted += w * s;
      included += w;
    }
    coverage[r] = covered;
    let score = included > 0 ? weighted / included : NaN;
    rawScores[r] = score;
    let cap = Infinity;
    for (let k = 0; k < p; k++) {
      const pat = patterns[k];
      let fired = true;
      for (const test of pat.tests) {
        if (!test(a, day, measureValues, measureScores, r)) {
          fired = false;
          break;
        }
      }
      if (!fired) continue;
      patternFired[r * p + k] = 1;
      if (pat.rule.subtractPoints !== undefined) score -= pat.rule.subtractPoints;
      if (pat.rule.capBand === 'red') cap = Math.min(cap, redMax);
      else if (pat.rule.capBand === 'amber') cap = Math.min(cap, amberMax);
    }
    scores[r] = Number.isNaN(score) ? NaN : Math.max(0, Math.min(score, cap));
  }
  return {
    measureIds: measures.map((x) => x.id),
    patternIds: patterns.map((x) => x.rule.id),
    measureScores,
    measureValues,
    patternFired,
    scores,
    rawScores,
    coverage,
    contexts,
    accountIdx,
  };
}

/** Resolves account ids to indices; throws on an id that is not in the book. */
export function accountIndices(prepared: PreparedBook, ids: readonly string[]): Int32Array {
  return Int32Array.from(ids, (id) => {
    const i = prepared.accountIndex.get(id);
    if (i === undefined) throw new Error(`Unknown account "${id}"`);
    return i;
  });
}

/**
 * Point-in-time measure scores, values, fired patterns and final scores for many points (the
 * backtest's features). Percentile measures rank each point among all accounts of the book on
 * that point's day.
 */
export function evaluatePoints(
  prepared: PreparedBook,
  model: ModelDocument,
  points: readonly { accountId: string; day: DayNumber }[],
): PointEvaluation {
  const compiled = compileModel(prepared, model);
  const idx = accountIndices(
    prepared,
    points.map((pt) => pt.accountId),
  );
  const days = Int32Array.from(points, (pt) => pt.day);
  const r = evaluateKernel(compiled, idx, days);
  return {
    measureIds: r.measureIds,
    patternIds: r.patternIds,
    measureScores: r.measureScores,
    measureValues: r.measureValues,
    patternFired: r.patternFired,
    scores: r.scores,
  };
}
