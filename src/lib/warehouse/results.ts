// Turns the score query's rows back into the engine's AccountScore (contributions, patterns,
// override, trend), so the explanation is the engine's own explainScore over the numbers the
// SQL computed, and `warehouse score` writes exactly the columns `score` writes.
import { dayToIso, isoToDay } from '../engine/dates';
import type { ModelDocument } from '../engine/model/schema';
import { bestValueOf } from '../engine/score/account';
import { explainScore } from '../engine/score/explain';
import type { ScoreStatus } from '../engine/score/freshness';
import { formatValue } from '../engine/score/format';
import type {
  AccountScore,
  GroupContribution,
  MeasureContribution,
  ScoreTrend,
} from '../engine/score/result';
import type { Band } from '../engine/types';
import type { GeneratedQuery } from './query';

/** One row as a driver returns it: numbers, text, booleans, ISO dates, null. */
export type ResultRow = Record<string, number | string | boolean | null>;

const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function trendReason(code: string | null, prevDay: number): string | null {
  if (code === 'no_score') return 'no score today';
  if (code === 'contract_started') return `the contract started after ${dayToIso(prevDay)}`;
  if (code === 'no_data') return `no data on or before ${dayToIso(prevDay)}`;
  return null;
}

/** The engine's AccountScore for one row of the score query. */
export function accountScoreOf(
  model: ModelDocument,
  q: GeneratedQuery,
  row: ResultRow,
): AccountScore {
  const day = isoToDay(String(row.as_of))!;
  const applied = s(row.contexts) ?? '';
  const context =
    q.plan.contexts.find((c) => c.applied.join(',') === applied) ?? q.plan.contexts[0];
  const groupOf = model.groups.flatMap((g) => g.measures.map(() => g.id));
  const measures: MeasureContribution[] = q.plan.measures.map((m, j) => {
    const c = q.columns.measures[j];
    const value = n(row[c.value]);
    const text = c.text ? s(row[c.text]) : null;
    const measureScore = n(row[c.score]);
    const maxPoints = n(row[c.maxPoints]) ?? 0;
    const points = n(row[c.points]) ?? 0;
    return {
      measureId: m.id,
      groupId: groupOf[j],
      name: m.name,
      horizon: m.horizon,
      nature: m.nature,
      value,
      text,
      valueText: value !== null ? formatValue(value, m.format) : (text ?? 'no data'),
      measureScore,
      missing: measureScore === null,
      missingPolicy: m.missing,
      share: n(row[c.share]) ?? 0,
      maxPoints,
      points,
      lost: maxPoints - points,
      bestValue: bestValueOf(context.resolved.scoring[j], value ?? NaN),
    };
  });
  const groups: GroupContribution[] = model.groups.map((g, gi) => {
    let maxPoints = 0;
    let points = 0;
    let weight = 0;
    let covered = 0;
    measures.forEach((c) => {
      if (c.groupId !== g.id) return;
      maxPoints += c.maxPoints;
      points += c.points;
      weight += c.share;
      if (!c.missing) covered += c.share;
    });
    return {
      groupId: g.id,
      name: g.name,
      share: context.resolved.groupShares[gi],
      maxPoints,
      points,
      lost: maxPoints - points,
      coverage: weight > 0 ? covered / weight : 1,
    };
  });
  const { windowDays, deadZone } = model.trend;
  const reason = trendReason(s(row.trend_reason), day - windowDays);
  const trend: ScoreTrend = {
    direction: String(row.trend_direction) as ScoreTrend['direction'],
    change: reason === null ? n(row.trend_change) : null,
    previousScore: reason === null ? n(row.trend_previous) : null,
    windowDays,
    deadZone,
    reason,
  };
  const overrideBand = s(row.override_band) as Band | null;
  const result: AccountScore = {
    accountId: String(row.account_id),
    accountName: String(row.account_name),
    day,
    modelId: model.id,
    modelVersion: model.version,
    score: n(row.score),
    status: String(row.status) as ScoreStatus,
    lastDataDay: row.last_data_day === null ? null : isoToDay(String(row.last_data_day))!,
    scoreBeforePatterns: n(row.score_before_patterns),
    band: s(row.band) as Band | null,
    scoredBand: s(row.scored_band) as Band | null,
    coverage: n(row.coverage) ?? 0,
    stage: s(row.stage),
    contexts: applied === '' ? [] : applied.split(','),
    daysToRenewal: n(row.days_to_renewal),
    groups,
    measures,
    patterns: model.patterns
      .filter((_, k) => row[q.columns.patterns[k].fired] === true)
      .map((rule) => ({
        id: rule.id,
        name: rule.name,
        description: rule.description,
        capBand: rule.capBand ?? null,
        subtractPoints: rule.subtractPoints ?? null,
      })),
    override:
      overrideBand === null
        ? null
        : {
            accountId: String(row.account_id),
            day: isoToDay(String(row.override_start))!,
            band: overrideBand,
            reason: String(row.override_reason ?? ''),
            expiresDay: isoToDay(String(row.override_expires))!,
          },
    trend,
    explanation: '',
  };
  result.explanation = explainScore(model, result);
  return result;
}

/** The `score` command's CSV rows (header first) from the score query's rows. */
export function scoreCsvRows(
  model: ModelDocument,
  q: GeneratedQuery,
  rows: readonly ResultRow[],
): (string | number | null)[][] {
  const out: (string | number | null)[][] = [
    ['account_id', 'score', 'band', 'trend_30d', 'coverage', 'explanation'],
  ];
  for (const row of rows) {
    const a = accountScoreOf(model, q, row);
    out.push([
      a.accountId,
      a.score,
      a.band,
      n(row.trend_30d),
      Math.round(a.coverage * 1000) / 1000,
      a.explanation,
    ]);
  }
  return out;
}
