// Scoring functions as SQL: a measure's raw value (and text) → its 0–100 measure score, NULL
// for no data, exactly as src/lib/engine/score/scoring.ts scores it.
import type { ScoringFunction } from '../engine/model/schema';
import { dbl, num, str, type Dialect } from './dialect';

/** Column references of a measure's rank among the book's accounts on the point's day. */
export interface PercentileRefs {
  /** Accounts with a value on that day. */
  n: string;
  /** 1 + the number of values below (SQL rank()). */
  rank: string;
  /** Accounts with exactly this value. */
  equal: string;
}

const TRUE_WORDS = ['true', 'yes', 'y', '1'];
const FALSE_WORDS = ['false', 'no', 'n', '0'];

/** The numeric value a categorical key matches, when String(value) can equal it; else null. */
function numericKey(key: string): number | null {
  const n = Number(key);
  return Number.isFinite(n) && String(n).toLowerCase() === key.toLowerCase() ? n : null;
}

/**
 * The SQL of a scoring function applied to value `v` (a double, NULL = missing) and, for text
 * attributes, text `t`. Percentile scoring reads the rank columns.
 */
export function scoringSql(
  d: Dialect,
  fn: ScoringFunction,
  v: string,
  t: string | null,
  rank: PercentileRefs | null,
): string {
  const n = (x: number) => num(d, x);
  switch (fn.type) {
    case 'linear': {
      // A context override may set green = red: the engine's t is then ±Infinity, or NaN at red.
      if (fn.green === fn.red)
        return `CASE WHEN ${v} > ${n(fn.red)} THEN ${n(100)} WHEN ${v} < ${n(fn.red)} THEN ${n(0)} END`;
      // (green − red) is computed here as the engine computes it: the same double.
      const tv = `(${v} - ${n(fn.red)}) / ${n(fn.green - fn.red)}`;
      return `CASE WHEN ${v} IS NULL THEN NULL WHEN ${tv} <= 0 THEN ${n(0)} WHEN ${tv} >= 1 THEN ${n(100)} ELSE (${tv}) * ${n(100)} END`;
    }
    case 'target': {
      const inside = `${v} >= ${n(fn.low)} AND ${v} <= ${n(fn.high)}`;
      const off = `CASE WHEN ${v} < ${n(fn.low)} THEN ${n(fn.low)} - ${v} ELSE ${v} - ${n(fn.high)} END`;
      const outside =
        fn.falloff > 0
          ? `greatest(${n(0)}, ${n(1)} - (${off}) / ${n(fn.falloff)}) * ${n(100)}`
          : n(0);
      return `CASE WHEN ${v} IS NULL THEN NULL WHEN ${inside} THEN ${n(100)} ELSE ${outside} END`;
    }
    case 'tiers': {
      // The last step reached wins (steps are in ascending order, but the engine does not rely on it).
      const whens = fn.steps
        .map((s) => ({ s }))
        .reverse()
        .map(({ s }) => `WHEN ${v} >= ${n(s.atLeast)} THEN ${n(s.points)}`)
        .join(' ');
      return `CASE WHEN ${v} IS NULL THEN NULL ${whens} ELSE ${n(fn.base)} END`;
    }
    case 'categorical': {
      const entries = Object.entries(fn.points);
      // First key matching case-insensitively wins, as in the engine's loop over the entries.
      const textWhens = entries
        .map(([k, p]) => `WHEN lower(${t}) = ${str(k.toLowerCase())} THEN ${n(p)}`)
        .join(' ');
      const numWhens = entries
        .map(([k, p]) => ({ x: numericKey(k), p }))
        .filter((e) => e.x !== null)
        .map((e) => `WHEN ${v} = ${n(e.x!)} THEN ${n(e.p)}`)
        .join(' ');
      const byNumber = `CASE WHEN ${v} IS NULL THEN NULL ${numWhens} ELSE ${n(fn.otherwise)} END`;
      if (t === null) return byNumber;
      return `CASE WHEN ${t} IS NOT NULL THEN CASE ${textWhens} ELSE ${n(fn.otherwise)} END ELSE ${byNumber} END`;
    }
    case 'boolean': {
      const words = (list: string[]) => list.map(str).join(', ');
      const byNumber = `CASE WHEN ${v} IS NULL THEN NULL WHEN ${v} <> 0 THEN ${n(fn.whenTrue)} ELSE ${n(fn.whenFalse)} END`;
      if (t === null) return byNumber;
      const word = `lower(trim(${t}))`;
      return (
        `CASE WHEN ${t} IS NOT NULL THEN CASE WHEN ${word} IN (${words(TRUE_WORDS)}) THEN ${n(fn.whenTrue)} ` +
        `WHEN ${word} IN (${words(FALSE_WORDS)}) THEN ${n(fn.whenFalse)} END ELSE ${byNumber} END`
      );
    }
    case 'percentile': {
      if (!rank) throw new Error('percentile scoring needs the rank columns');
      const mid = `${dbl(d, `${rank.rank} - 1`)} + ${dbl(d, `greatest(0, ${rank.equal} - 1)`)} / ${n(2)}`;
      const p = `least(${n(100)}, ((${mid}) / ${dbl(d, `${rank.n} - 1`)}) * ${n(100)})`;
      const pct = `CASE WHEN ${v} IS NULL OR ${rank.n} = 0 THEN NULL WHEN ${rank.n} = 1 THEN ${n(50)} ELSE ${p} END`;
      return fn.higherIsBetter ? pct : `${n(100)} - (${pct})`;
    }
  }
}
