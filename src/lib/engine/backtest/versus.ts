// A suggested model against the model in use, on the same outcomes: the suggestion's
// out-of-sample predictions and the current model's own, compared by ROC AUC where both could
// score. The one rule every caller (the CLI's fit, the backtest page, "Build a model from your
// data") uses to decide whether a suggestion may be called an improvement.
import { formatNumber } from '../score/format';
import { rocAuc } from './ranking';
import type { Prediction } from './run';

/** The suggestion and the current model on the same outcomes. */
export interface OutOfSampleComparison {
  /** Outcomes each model could score (the suggestion out of sample). */
  suggestionScored: number;
  currentScored: number;
  /** Outcomes both scored, and how many of them churned. */
  common: number;
  commonChurned: number;
  /** AUC on the common outcomes (null when they do not hold both churned and retained). */
  suggestionAuc: number | null;
  currentAuc: number | null;
  /** AUC of the suggestion on every outcome it scored. */
  suggestionAucAll: number | null;
  /** True only when the suggestion ranks the outcomes better than the current model. */
  better: boolean;
  /** The verdict in one plain sentence. */
  summary: string;
}

const key = (p: Prediction) => `${p.accountId}\u0000${p.day}`;
const auc = (y: number[], p: number[]) => {
  const churned = y.reduce((s, v) => s + v, 0);
  return churned === 0 || churned === y.length ? null : rocAuc(y, p);
};
const fixed = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));
const count = (n: number) => formatNumber(n, 0);

/**
 * Compares out-of-sample predictions of a suggestion with the current model's predictions.
 * A current model with data for none of the outcomes predicts nothing (chance, AUC 0.5): the
 * suggestion is better when it beats chance. Otherwise it must reach a higher AUC on the
 * outcomes both scored.
 */
export function compareOutOfSample(
  suggestion: readonly Prediction[],
  current: readonly Prediction[],
): OutOfSampleComparison {
  const suggestionAucAll = auc(
    suggestion.map((p) => p.y),
    suggestion.map((p) => p.p),
  );
  const base = {
    suggestionScored: suggestion.length,
    currentScored: current.length,
    suggestionAucAll,
  };
  if (current.length === 0) {
    const better = suggestionAucAll !== null && suggestionAucAll > 0.5;
    return {
      ...base,
      common: 0,
      commonChurned: 0,
      suggestionAuc: suggestionAucAll,
      currentAuc: null,
      better,
      summary: `The current model has data for none of these outcomes, so it cannot tell churn from renewal; the fitted model reaches an out-of-sample AUC of ${fixed(suggestionAucAll)} on ${count(suggestion.length)} outcomes${better ? '' : ', no better than chance'}.`,
    };
  }
  const currentByKey = new Map(current.map((p) => [key(p), p.p]));
  const y: number[] = [];
  const ps: number[] = [];
  const pc: number[] = [];
  for (const p of suggestion) {
    const c = currentByKey.get(key(p));
    if (c === undefined) continue;
    y.push(p.y);
    ps.push(p.p);
    pc.push(c);
  }
  const suggestionAuc = auc(y, ps);
  const currentAuc = auc(y, pc);
  const commonChurned = y.reduce((s, v) => s + v, 0);
  const better = suggestionAuc !== null && currentAuc !== null && suggestionAuc > currentAuc;
  const on = `on the ${count(y.length)} outcomes both models could score (${count(commonChurned)} churned)`;
  const summary =
    suggestionAuc === null || currentAuc === null
      ? `The two models share too few outcomes with both churn and renewal (${count(y.length)}, ${count(commonChurned)} churned) to be compared; keep the current model.`
      : better
        ? `Out of sample the fitted model reaches an AUC of ${fixed(suggestionAuc)} against the current model's ${fixed(currentAuc)} ${on}.`
        : `Out of sample the fitted model reaches an AUC of ${fixed(suggestionAuc)}, not better than the current model's ${fixed(currentAuc)} ${on}: keep the current model.`;
  return {
    ...base,
    common: y.length,
    commonChurned,
    suggestionAuc,
    currentAuc,
    better,
    summary,
  };
}
