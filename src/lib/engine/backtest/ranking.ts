// Discrimination metrics for churn prediction, defined exactly as scikit-learn defines them:
// y is 1 for churned and 0 for renewed, p is the churn risk (higher = more likely to churn).
import { assertSameLength, descendingOrder, weightAt } from './stats';

/** One point of a ROC curve: the rates when every risk ≥ threshold is flagged. */
export interface RocPoint {
  threshold: number;
  fpr: number;
  tpr: number;
}

/**
 * Cumulative weighted true/false positives at each distinct risk value, highest risk first
 * (scikit-learn's `_binary_clf_curve`). Tied risks form one step, which is how ties count half.
 */
function cumulativeCounts(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  w?: ArrayLike<number>,
): { thresholds: number[]; tps: number[]; fps: number[] } {
  assertSameLength(y, p, w);
  const order = descendingOrder(p);
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const wi = weightAt(w, i);
    if (y[i] === 1) tp += wi;
    else fp += wi;
    const next = k + 1 < order.length ? p[order[k + 1]] : NaN;
    if (next !== p[i]) {
      thresholds.push(p[i]);
      tps.push(tp);
      fps.push(fp);
    }
  }
  return { thresholds, tps, fps };
}

/** Full ROC curve (scikit-learn `roc_curve` with drop_intermediate=False); starts at (0,0). */
export function rocCurve(y: ArrayLike<number>, p: ArrayLike<number>, w?: ArrayLike<number>) {
  const { thresholds, tps, fps } = cumulativeCounts(y, p, w);
  const totalP = tps.length ? tps[tps.length - 1] : 0;
  const totalN = fps.length ? fps[fps.length - 1] : 0;
  const points: RocPoint[] = [{ threshold: Infinity, fpr: 0, tpr: 0 }];
  for (let k = 0; k < thresholds.length; k++) {
    points.push({
      threshold: thresholds[k],
      fpr: totalN > 0 ? fps[k] / totalN : NaN,
      tpr: totalP > 0 ? tps[k] / totalP : NaN,
    });
  }
  return points;
}

/** ROC AUC with ties as scikit-learn's `roc_auc_score`; NaN unless both classes are present. */
export function rocAuc(y: ArrayLike<number>, p: ArrayLike<number>, w?: ArrayLike<number>): number {
  const { tps, fps } = cumulativeCounts(y, p, w);
  const totalP = tps.length ? tps[tps.length - 1] : 0;
  const totalN = fps.length ? fps[fps.length - 1] : 0;
  if (!(totalP > 0) || !(totalN > 0)) return NaN;
  let area = 0;
  let prevT = 0;
  let prevF = 0;
  for (let k = 0; k < tps.length; k++) {
    area += (fps[k] - prevF) * (tps[k] + prevT);
    prevT = tps[k];
    prevF = fps[k];
  }
  return area / (2 * totalP * totalN);
}

/**
 * PR AUC as average precision (scikit-learn `average_precision_score`): Σ (Rₖ − Rₖ₋₁)·Pₖ over
 * distinct thresholds, highest risk first — a step sum, not the trapezoid, so it is not
 * optimistic. NaN when nobody churned.
 */
export function averagePrecision(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  w?: ArrayLike<number>,
): number {
  const { tps, fps } = cumulativeCounts(y, p, w);
  const totalP = tps.length ? tps[tps.length - 1] : 0;
  if (!(totalP > 0)) return NaN;
  let ap = 0;
  let prevRecall = 0;
  for (let k = 0; k < tps.length; k++) {
    const recall = tps[k] / totalP;
    const denom = tps[k] + fps[k];
    const precision = denom > 0 ? tps[k] / denom : 0;
    ap += (recall - prevRecall) * precision;
    prevRecall = recall;
  }
  return ap;
}
