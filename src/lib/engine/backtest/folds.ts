// Cross-validation splits. Folds are grouped by account so that no account's outcomes are on
// both sides of a split (that would leak the account's own history into its test score).
import { createRandom } from '../random';

/** One train/test split over outcome rows. */
export interface CvSplit {
  train: Uint32Array;
  test: Uint32Array;
}

function toSplits(fold: Int32Array, k: number): CvSplit[] {
  const splits: CvSplit[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < fold.length; i++) (fold[i] === f ? test : train).push(i);
    if (test.length) splits.push({ train: Uint32Array.from(train), test: Uint32Array.from(test) });
  }
  return splits;
}

/**
 * K folds grouped by account and stratified by whether the account ever churned: accounts are
 * shuffled with a seeded PRNG within the churned / never-churned strata and dealt round-robin.
 */
export function groupedKFold(
  accountIds: readonly string[],
  y: ArrayLike<number>,
  k: number,
  seed = 1,
): CvSplit[] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`folds must be a whole number ≥ 2, got ${k}`);
  const churned = new Map<string, boolean>();
  accountIds.forEach((id, i) => churned.set(id, (churned.get(id) ?? false) || y[i] === 1));
  const random = createRandom(seed);
  const foldOf = new Map<string, number>();
  let dealt = 0;
  for (const stratum of [true, false]) {
    const ids = [...churned.keys()].filter((id) => churned.get(id) === stratum).sort();
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
    for (const id of ids) foldOf.set(id, dealt++ % k);
  }
  return toSplits(
    Int32Array.from(accountIds, (id) => foldOf.get(id)!),
    k,
  );
}

/**
 * Forward-chaining time splits: outcomes sorted by day are cut into k + 1 equal chunks; split s
 * tests chunk s + 1 and trains on earlier outcomes whose outcome day is on or before the test
 * chunk's earliest prediction day, so no training label is from the test period's future.
 */
export function timeSplits(
  outcomeDays: ArrayLike<number>,
  predictionDays: ArrayLike<number>,
  k: number,
): CvSplit[] {
  if (!Number.isInteger(k) || k < 1) throw new Error(`splits must be a whole number ≥ 1, got ${k}`);
  const n = outcomeDays.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => outcomeDays[a] - outcomeDays[b] || a - b,
  );
  const splits: CvSplit[] = [];
  for (let s = 1; s <= k; s++) {
    const from = Math.floor((s * n) / (k + 1));
    const to = Math.floor(((s + 1) * n) / (k + 1));
    const test = order.slice(from, to);
    if (!test.length) continue;
    let firstPrediction = Infinity;
    for (const i of test) firstPrediction = Math.min(firstPrediction, predictionDays[i]);
    const train = order.slice(0, from).filter((i) => outcomeDays[i] <= firstPrediction);
    if (train.length) splits.push({ train, test });
  }
  return splits;
}
