// Pattern rules mined from a training fold: a weighted sum of measures cannot say "a fall in
// active users AND no QBR" is worse than either alone, so after a card is fitted, rules of two
// or three conditions (each a threshold on one measure) are searched for where churn runs above
// what the card predicts. A rule is kept only when it shows on one part of the training rows and
// holds on the other (grouped by account), at most MAX_RULES of them; the card is then refitted
// with each rule as a 0/1 column and written into the model as a named pattern rule that
// subtracts points. Nothing outside the training rows is read.
import { groupedKFold } from './folds';
import type { DesignMatrix } from './logistic';
import { percentileSorted } from './stats';

/** At most this many rules are kept per fit. */
export const MAX_RULES = 3;
/**
 * A rule must reach this score statistic (χ² on one degree of freedom, against the card's own
 * predictions) on the mining part (p ≈ 5·10⁻⁴): thousands of candidate pairs are tried, so the
 * best of them reaches a nominal 0.05 on noise alone — the held-back part is what keeps noise
 * out, this only keeps the search to candidates worth checking.
 */
export const RULE_MIN_CHI2 = 12;
/** …and at least this χ² (p < 0.05), the same way, on the held-back part. */
export const RULE_CHECK_CHI2 = 3.84;
/** A rule must fire on at least this share of the mining rows (and on RULE_MIN_ROWS rows). */
export const RULE_MIN_SHARE = 0.02;
export const RULE_MIN_ROWS = 30;
/** …and on at least this many churned rows. */
export const RULE_MIN_CHURNS = 10;
/** Percentiles of a measure's training values tried as a condition's threshold. */
export const RULE_THRESHOLD_PERCENTILES = [10, 25, 50, 75, 90] as const;

/** One condition of a mined rule: the raw value of a feature column against a threshold. */
export interface RuleCondition {
  column: number;
  /** '=': a category's code (a text attribute), else a threshold on the value. */
  op: '<=' | '>=' | '=';
  value: number;
}

/** A column rules may read: its risky side (numbers) or its risky categories' codes (text). */
export type RuleColumn =
  { column: number; riskSide: '<=' | '>=' } | { column: number; riskyCodes: readonly number[] };

const holds = (op: RuleCondition['op'], v: number, value: number) =>
  !Number.isNaN(v) && (op === '<=' ? v <= value : op === '>=' ? v >= value : v === value);

/** A mined rule: every condition holds (missing values never satisfy one). */
export interface MinedRule {
  conditions: RuleCondition[];
  /** Training rows it fired on, and how many of them churned. */
  fired: number;
  churned: number;
  /** Score statistic on the mining part and on the held-back part. */
  chi2: number;
  checkChi2: number;
}

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

/** 1 where a rule fires on row r of `raw`. */
export function ruleFires(rule: Pick<MinedRule, 'conditions'>, raw: DesignMatrix, r: number) {
  for (const c of rule.conditions) {
    if (!holds(c.op, raw.data[r * raw.cols + c.column], c.value)) return 0;
  }
  return 1;
}

/** The matrix with one 0/1 column per rule appended (after the existing columns). */
export function withRuleColumns(raw: DesignMatrix, rules: readonly MinedRule[]): DesignMatrix {
  if (!rules.length) return raw;
  const cols = raw.cols + rules.length;
  const data = new Float64Array(raw.rows * cols);
  for (let r = 0; r < raw.rows; r++) {
    data.set(raw.data.subarray(r * raw.cols, (r + 1) * raw.cols), r * cols);
    rules.forEach((rule, k) => (data[r * cols + raw.cols + k] = ruleFires(rule, raw, r)));
  }
  return { data, rows: raw.rows, cols };
}

interface Candidate {
  column: number;
  op: RuleCondition['op'];
  value: number;
  /** Positions (into the training rows) where the condition holds. */
  at: Uint32Array;
  /** 1 at those positions. */
  mask: Uint8Array;
}

/** Score statistic of adding a 0/1 column with `sumResidual` = Σ(y − p), `info` = Σ p(1 − p). */
const chi2Of = (sumResidual: number, info: number) =>
  info > 0 ? (sumResidual * sumResidual) / info : 0;

/**
 * Rules of two or three conditions on the given columns, mined on `rows` against the card's
 * churn log-odds `logit` (indexed by row). Each condition looks at its measure's risky side only
 * (`riskSide`: where the card gives it fewer points), so a rule reads as a risk a CSM knows
 * ("few active users and many tickets"), never as an additive fit's leftover in the safe corner.
 * The rows are split by account into a mining part (two thirds) and a check part; a pair is a
 * candidate when it fires often enough on the mining part with churn above prediction there
 * (χ² ≥ RULE_MIN_CHI2) and it holds on the check part (χ² ≥ RULE_CHECK_CHI2, same sign). The
 * best pair is taken — narrowed by a third condition when, within the pair and beyond the pair's
 * own coefficient, the narrower rule passes the same two bars — the log-odds updated by the
 * rule's own fitted coefficient, and the search repeated, up to MAX_RULES rules.
 */
export function mineRules(
  raw: DesignMatrix,
  y: ArrayLike<number>,
  rows: Uint32Array,
  columns: readonly RuleColumn[],
  logit: Float64Array,
  groups: readonly string[],
  seed = 1,
): MinedRule[] {
  const n = rows.length;
  if (n < 3 * RULE_MIN_ROWS || columns.length < 2) return [];
  const ys = Array.from(rows, (r) => y[r]);
  const ids = Array.from(rows, (r) => groups[r]);
  if (new Set(ids).size < 3) return [];
  const split = groupedKFold(ids, ys, 3, seed)[0];
  const inCheck = new Uint8Array(n);
  for (const i of split.test) inCheck[i] = 1;
  let mineRows = 0;
  for (let i = 0; i < n; i++) if (!inCheck[i]) mineRows++;
  const minFired = Math.max(RULE_MIN_ROWS, Math.ceil(RULE_MIN_SHARE * mineRows));
  const eta = Float64Array.from(rows, (r) => logit[r]);

  const candidates: Candidate[] = [];
  const condition = (column: number, op: RuleCondition['op'], value: number, seen: number) => {
    const mask = new Uint8Array(n);
    const at: number[] = [];
    rows.forEach((r, i) => {
      if (holds(op, raw.data[r * raw.cols + column], value)) {
        mask[i] = 1;
        at.push(i);
      }
    });
    // A condition true of (nearly) every row or of too few adds nothing to its partner.
    if (at.length >= minFired && at.length < seen)
      candidates.push({ column, op, value, at: Uint32Array.from(at), mask });
  };
  for (const c of columns) {
    const j = c.column;
    const values: number[] = [];
    for (const r of rows) {
      const v = raw.data[r * raw.cols + j];
      if (!Number.isNaN(v)) values.push(v);
    }
    if (values.length < minFired) continue;
    if ('riskyCodes' in c) {
      for (const code of c.riskyCodes) condition(j, '=', code, values.length);
      continue;
    }
    const sorted = Float64Array.from(values).sort();
    const thresholds = new Set(RULE_THRESHOLD_PERCENTILES.map((q) => percentileSorted(sorted, q)));
    for (const value of thresholds) condition(j, c.riskSide, value, values.length);
  }

  /** Score-test sums over `at` (where `mask` is 1, when given) under probabilities `prob`. */
  const sums = (at: Uint32Array, mask: Uint8Array | null, prob: (i: number) => number) => {
    let fired = 0;
    let churned = 0;
    let u = 0;
    let info = 0;
    let uc = 0;
    let infoC = 0;
    for (const i of at) {
      if (mask && !mask[i]) continue;
      const q = prob(i);
      if (inCheck[i]) {
        uc += ys[i] - q;
        infoC += q * (1 - q);
      } else {
        fired++;
        churned += ys[i];
        u += ys[i] - q;
        info += q * (1 - q);
      }
    }
    return { fired, churned, u, uc, chi2: chi2Of(u, info), check: chi2Of(uc, infoC) };
  };
  /** The bars a rule passes: fires often enough, churn above prediction on both parts. */
  const passes = (s: ReturnType<typeof sums>) =>
    s.fired >= minFired &&
    s.churned >= RULE_MIN_CHURNS &&
    s.u > 0 &&
    s.uc > 0 &&
    s.chi2 >= RULE_MIN_CHI2 &&
    s.check >= RULE_CHECK_CHI2;

  const rules: MinedRule[] = [];
  const taken = new Set<string>();
  const p = new Float64Array(n);
  for (let round = 0; round < MAX_RULES; round++) {
    for (let i = 0; i < n; i++) p[i] = sigmoid(eta[i]);
    let best: { a: number; b: number; chi2: number; check: number } | null = null;
    for (let a = 0; a < candidates.length; a++) {
      const A = candidates[a];
      for (let b = a + 1; b < candidates.length; b++) {
        const B = candidates[b];
        if (B.column === A.column) continue;
        const s = sums(A.at, B.mask, (i) => p[i]);
        if (!passes(s) || (best && s.chi2 <= best.chi2)) continue;
        if (taken.has(`${a}\u0000${b}`)) continue;
        best = { a, b, chi2: s.chi2, check: s.check };
      }
    }
    if (!best) break;
    const A = candidates[best.a];
    const B = candidates[best.b];
    // A third condition narrows the pair when the pair's excess churn sits in part of it ("few
    // active users and many tickets, on a monthly plan"): within the pair's rows, with the pair's
    // own coefficient fitted, the narrower rule must pass the same two bars a pair passes against
    // the card — strong on the mining part, holding on the held-back part. A condition true of
    // nearly every row of the pair cannot pass by chance as often as thousands of pairs would.
    const pairAt = A.at.filter((i) => B.mask[i] === 1);
    const pairBeta = offsetCoefficient(eta, ys, pairAt);
    let third: { c: number; chi2: number } | null = null;
    for (let c = 0; c < candidates.length; c++) {
      const C = candidates[c];
      if (C.column === A.column || C.column === B.column) continue;
      const s = sums(pairAt, C.mask, (i) => sigmoid(eta[i] + pairBeta));
      if (!passes(s) || (third && s.chi2 <= third.chi2)) continue;
      third = { c, chi2: s.chi2 };
    }
    const parts = third ? [A, B, candidates[third.c]] : [A, B];
    const at = third ? pairAt.filter((i) => candidates[third!.c].mask[i] === 1) : pairAt;
    // Taken as this rule: a triple leaves its pair free to be found again for what lies outside it.
    const ruleKey = parts.map((x) => candidates.indexOf(x)).join('\u0000');
    if (taken.has(ruleKey)) break;
    taken.add(ruleKey);
    const own = third ? sums(at, null, (i) => p[i]) : null;
    let churned = 0;
    for (const i of at) churned += ys[i];
    rules.push({
      conditions: parts
        .sort((x, y2) => x.column - y2.column)
        .map(({ column, op, value }) => ({ column, op, value })),
      fired: at.length,
      churned,
      chi2: own?.chi2 ?? best.chi2,
      checkChi2: own?.check ?? best.check,
    });
    // The rule's own coefficient with the card's log-odds as offset, so the next search looks
    // for what this rule does not already explain.
    const beta = offsetCoefficient(eta, ys, at);
    for (const i of at) eta[i] += beta;
  }
  return rules;
}

/**
 * The coefficient of a 0/1 column firing on `at`, with `eta` as offset (Newton steps from 0):
 * the log-odds a rule adds where it fires beyond what the card already says.
 */
function offsetCoefficient(eta: Float64Array, ys: readonly number[], at: Uint32Array): number {
  let beta = 0;
  for (let step = 0; step < 25; step++) {
    let g = 0;
    let h = 0;
    for (const i of at) {
      const q = sigmoid(eta[i] + beta);
      g += ys[i] - q;
      h += q * (1 - q);
    }
    if (!(h > 0)) break;
    const delta = g / h;
    beta += delta;
    if (Math.abs(delta) < 1e-8) break;
  }
  return beta;
}
