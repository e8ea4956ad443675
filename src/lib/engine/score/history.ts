// Score history: the fast path (no contributions, no explanation) for charts and snapshots.
import type { ModelDocument } from '../model/schema';
import type { DayNumber } from '../types';
import { bandOf } from './account';
import { compileModel } from './compile';
import { accountIndices, evaluateKernel } from './evaluate';
import { isShown } from './freshness';
import { overrideInForce, type PreparedBook } from './prepare';
import type { ScoreSnapshot } from './result';

/**
 * Scores accounts (all by default) at each of `days`; snapshots come account by account, days in
 * the given order. The band is the one shown that day, so an override in force wins. A point
 * that is stale or has too little coverage (freshness.ts) has no score.
 */
export function scoreHistory(
  prepared: PreparedBook,
  model: ModelDocument,
  days: readonly DayNumber[],
  accountIds?: readonly string[],
): ScoreSnapshot[] {
  const accounts = accountIds
    ? accountIndices(prepared, accountIds)
    : Int32Array.from(prepared.accounts, (_, i) => i);
  const n = accounts.length * days.length;
  const idx = new Int32Array(n);
  const pointDays = new Int32Array(n);
  let r = 0;
  for (const a of accounts) {
    for (const d of days) {
      idx[r] = a;
      pointDays[r++] = d;
    }
  }
  const compiled = compileModel(prepared, model);
  const k = evaluateKernel(compiled, idx, pointDays);
  const out: ScoreSnapshot[] = new Array(n);
  for (let i = 0; i < n; i++) {
    // Stale or thin points are not scores (as in scoreAccount): history never shows them.
    const shown = isShown(prepared, idx[i], pointDays[i], k.coverage[i], compiled.lookbackDays);
    const raw = shown ? k.scores[i] : NaN;
    const score = Number.isNaN(raw) ? null : Math.round(raw);
    const override = overrideInForce(prepared, idx[i], pointDays[i]);
    out[i] = {
      accountId: prepared.accounts[idx[i]].id,
      day: pointDays[i],
      score,
      band: override ? override.band : score === null ? null : bandOf(score, model.bands),
      coverage: k.coverage[i],
    };
  }
  return out;
}

/** Weekly days ending on `lastDay` (inclusive), oldest first: `count` points 7 days apart. */
export function weeklyDays(lastDay: DayNumber, count: number): DayNumber[] {
  return Array.from({ length: count }, (_, i) => lastDay - 7 * (count - 1 - i));
}
