// Detailed scores: contributions, patterns, override, trend and explanation for accounts on a
// day. Built from two kernel passes (asOf and asOf − trend window) over the same compiled model.
import { dayToIso } from '../dates';
import type { ModelDocument, ScoringFunction } from '../model/schema';
import type { Band, DayNumber } from '../types';
import { compileModel, type CompiledModel } from './compile';
import { accountIndices, evaluateKernel, type KernelResult } from './evaluate';
import { explainScore } from './explain';
import { formatValue } from './format';
import { hasDatedData, lastDataDay, scoreStatusOf } from './freshness';
import { daysToRenewal } from './measures';
import { overrideInForce, type PreparedBook } from './prepare';
import type { AccountScore, GroupContribution, MeasureContribution, ScoreTrend } from './result';

/** The band of a (rounded) score under the model's thresholds. */
export function bandOf(score: number, bands: { redMax: number; amberMax: number }): Band {
  return score <= bands.redMax ? 'red' : score <= bands.amberMax ? 'amber' : 'green';
}

/** Where a scoring function reaches its best, nearest to the current value. */
export function bestValueOf(fn: ScoringFunction, value: number): number | null {
  switch (fn.type) {
    case 'linear':
      return fn.green;
    case 'target':
      return !Number.isNaN(value) && value > fn.high ? fn.high : fn.low;
    case 'tiers': {
      let best = fn.base;
      let at: number | null = null;
      for (const step of fn.steps) {
        if (step.points > best) {
          best = step.points;
          at = step.atLeast;
        }
      }
      return at;
    }
    default:
      return null;
  }
}

function contributions(
  compiled: CompiledModel,
  k: KernelResult,
  r: number,
): { measures: MeasureContribution[]; groups: GroupContribution[] } {
  const { measures, sources, groupOf, model } = compiled;
  const m = measures.length;
  const ctx = k.contexts[r];
  const used = new Float64Array(m);
  let included = 0;
  for (let j = 0; j < m; j++) {
    const s = k.measureScores[r * m + j];
    const policy = measures[j].missing;
    used[j] = Number.isNaN(s) ? (policy === 'skip' ? NaN : policy === 'neutral' ? 50 : 0) : s;
    if (!Number.isNaN(used[j])) included += ctx.measureShares[j];
  }
  const out: MeasureContribution[] = measures.map((measure, j) => {
    const value = k.measureValues[r * m + j];
    const score = k.measureScores[r * m + j];
    const src = sources[j];
    const text = src.text ? src.text(k.accountIdx[r]) : null;
    const maxPoints =
      included > 0 && !Number.isNaN(used[j]) ? (100 * ctx.measureShares[j]) / included : 0;
    const points = maxPoints === 0 ? 0 : (used[j] / 100) * maxPoints;
    return {
      measureId: measure.id,
      groupId: model.groups[groupOf[j]].id,
      name: measure.name,
      horizon: measure.horizon,
      nature: measure.nature,
      value: Number.isNaN(value) ? null : value,
      text,
      valueText: !Number.isNaN(value) ? formatValue(value, measure.format) : (text ?? 'no data'),
      measureScore: Number.isNaN(score) ? null : score,
      missing: Number.isNaN(score),
      missingPolicy: measure.missing,
      share: ctx.measureShares[j],
      maxPoints,
      points,
      lost: maxPoints - points,
      bestValue: bestValueOf(ctx.scoring[j], value),
    };
  });
  const groups: GroupContribution[] = model.groups.map((g, gi) => {
    let maxPoints = 0;
    let points = 0;
    let weight = 0;
    let covered = 0;
    out.forEach((c, j) => {
      if (groupOf[j] !== gi) return;
      maxPoints += c.maxPoints;
      points += c.points;
      weight += c.share;
      if (!c.missing) covered += c.share;
    });
    return {
      groupId: g.id,
      name: g.name,
      share: ctx.groupShares[gi],
      maxPoints,
      points,
      lost: maxPoints - points,
      coverage: weight > 0 ? covered / weight : 1,
    };
  });
  return { measures: out, groups };
}

function trendOf(
  compiled: CompiledModel,
  a: number,
  score: number | null,
  previous: number,
  day: DayNumber,
): ScoreTrend {
  const { windowDays, deadZone } = compiled.model.trend;
  const base = { windowDays, deadZone };
  const prevDay = day - windowDays;
  const acc = compiled.prepared.accounts[a];
  let reason: string | null = null;
  if (score === null) reason = 'no score today';
  else if (acc.contractStart !== null && acc.contractStart > prevDay) {
    reason = `the contract started after ${dayToIso(prevDay)}`;
  } else if (Number.isNaN(previous) || compiled.prepared.firstDay[a] > prevDay) {
    reason = `no data on or before ${dayToIso(prevDay)}`;
  }
  if (reason !== null || score === null) {
    return { ...base, direction: 'unknown', change: null, previousScore: null, reason };
  }
  const prev = Math.round(previous);
  const change = score - prev;
  const direction = Math.abs(change) <= deadZone ? 'flat' : change > 0 ? 'up' : 'down';
  return { ...base, direction, change, previousScore: prev, reason: null };
}

/** The earlier point's score as it would have been shown (NaN when stale or thin then). */
function shownBefore(compiled: CompiledModel, before: KernelResult, r: number, day: DayNumber) {
  const prevDay = day - compiled.model.trend.windowDays;
  const a = before.accountIdx[r];
  const last = lastDataDay(compiled.prepared, a, prevDay);
  const status = scoreStatusOf(
    before.coverage[r],
    last,
    prevDay,
    compiled.lookbackDays,
    hasDatedData(compiled.prepared, a),
  );
  return status === 'scored' ? before.scores[r] : NaN;
}

function buildScore(
  compiled: CompiledModel,
  now: KernelResult,
  before: KernelResult,
  r: number,
  day: DayNumber,
): AccountScore {
  const { model, prepared } = compiled;
  const a = now.accountIdx[r];
  const account = prepared.accounts[a];
  const lastData = lastDataDay(prepared, a, day);
  const status = scoreStatusOf(
    now.coverage[r],
    lastData,
    day,
    compiled.lookbackDays,
    hasDatedData(prepared, a),
  );
  const raw = status === 'scored' ? now.scores[r] : NaN;
  const score = Number.isNaN(raw) ? null : Math.round(raw);
  const scoredBand = score === null ? null : bandOf(score, model.bands);
  const override = overrideInForce(prepared, a, day);
  const p = compiled.patterns.length;
  // An account without a score has no fired patterns either: they would read as a verdict.
  const patterns = compiled.patterns
    .filter((_, k) => score !== null && now.patternFired[r * p + k] === 1)
    .map(({ rule }) => ({
      id: rule.id,
      name: rule.name,
      description: rule.description,
      capBand: rule.capBand ?? null,
      subtractPoints: rule.subtractPoints ?? null,
    }));
  const dtr = daysToRenewal(account, day);
  const result: AccountScore = {
    accountId: account.id,
    accountName: account.name,
    day,
    modelId: model.id,
    modelVersion: model.version,
    score,
    status,
    lastDataDay: lastData,
    scoreBeforePatterns:
      score === null || Number.isNaN(now.rawScores[r]) ? null : Math.round(now.rawScores[r]),
    band: override ? override.band : scoredBand,
    scoredBand,
    coverage: now.coverage[r],
    stage: compiled.stageOf(a, day),
    contexts: now.contexts[r].applied,
    daysToRenewal: Number.isNaN(dtr) ? null : dtr,
    ...contributions(compiled, now, r),
    patterns,
    override,
    trend: trendOf(compiled, a, score, shownBefore(compiled, before, r, day), day),
    explanation: '',
  };
  result.explanation = explainScore(model, result);
  return result;
}

function scoreIndices(
  compiled: CompiledModel,
  idx: Int32Array,
  asOfDay: DayNumber,
): AccountScore[] {
  const days = new Int32Array(idx.length).fill(asOfDay);
  const now = evaluateKernel(compiled, idx, days);
  const before = evaluateKernel(
    compiled,
    idx,
    days.fill(asOfDay - compiled.model.trend.windowDays),
  );
  return Array.from(idx, (_, r) => buildScore(compiled, now, before, r, asOfDay));
}

/** Scores every account of the book as of a day, with trend and explanation. */
export function scoreBook(
  prepared: PreparedBook,
  model: ModelDocument,
  asOfDay: DayNumber,
): AccountScore[] {
  const idx = Int32Array.from(prepared.accounts, (_, i) => i);
  return scoreIndices(compileModel(prepared, model), idx, asOfDay);
}

/** Scores one account as of a day (percentile measures still rank it within the whole book). */
export function scoreAccount(
  prepared: PreparedBook,
  model: ModelDocument,
  accountId: string,
  asOfDay: DayNumber,
): AccountScore {
  return scoreIndices(
    compileModel(prepared, model),
    accountIndices(prepared, [accountId]),
    asOfDay,
  )[0];
}

/** Scores chosen accounts as of a day (the builder's preview). */
export function scoreAccounts(
  prepared: PreparedBook,
  model: ModelDocument,
  accountIds: readonly string[],
  asOfDay: DayNumber,
): AccountScore[] {
  return scoreIndices(compileModel(prepared, model), accountIndices(prepared, accountIds), asOfDay);
}
