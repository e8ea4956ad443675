// Writes one SQL query that scores points (account, day) with a model exactly as the engine's
// kernel (src/lib/engine/score/evaluate.ts) does: measure values, scoring functions in each
// account's context, missing-data policies, coverage, pattern rules, the final clamp. The
// score query adds what scoreBook adds (bands, overrides in force, trend, per-measure points);
// the backtest query scores every outcome at outcome day − horizon and the lead-time samples.
import { isSameDay } from '../engine/backtest/horizon';
import type { ModelDocument } from '../engine/model/schema';
import { MIN_COVERAGE, modelLookbackDays } from '../engine/score/freshness';
import { conditionSql } from './conditions';
import {
  dbl,
  dialectOf,
  ident,
  int,
  jsRound,
  num,
  str,
  tableName,
  type Dialect,
  type DialectName,
} from './dialect';
import { planModel, SqlUnsupportedError, type AttributeType, type ModelPlan } from './plan';
import { scoringSql, type PercentileRefs } from './scoring';
import { SourceCollector } from './sources';
import { accountsCte, dayOf, pulsesCte, signalsCte, type TableSpec } from './tables';

/**
 * The day the score query scores as of: a day number or SQL of a day number, scored exactly; or
 * the scoring day of a "today" — the warehouse's CURRENT_DATE (`'current_date'`) or a given day
 * (`{ today }`) — chosen as the app chooses it (the engine's chooseScoringDay): today, unless
 * the book's newest signal or pulse on or before today is the model's lookback or more before
 * it; then that newest data day. `{ sql, today }` is SQL that may read the scoring day of
 * `today` (SQL of a day number) as SCORING_DAY (the dbt model: its variable, else today's).
 */
export type AsOf = number | 'current_date' | { today: number } | { sql: string; today?: string };

/** The scoring day of the query's "today", as SQL (see AsOf). */
export const SCORING_DAY = '(SELECT day FROM scoring_day)';

/** The warehouse's current date as a day number. */
export const CURRENT_DAY = `(CURRENT_DATE - DATE '1970-01-01')`;

/** Options shared by both queries. */
export interface QueryOptions {
  dialect: DialectName;
  tables: TableSpec;
  /** Types of the custom attribute columns the model reads (others read as missing). */
  attributeTypes: ReadonlyMap<string, AttributeType>;
  /**
   * false: sums in any order (`--fast-sums`). Faster and far less memory in DuckDB at scale,
   * but sums of non-integers then agree with the engine to ~1e-12 instead of to the bit.
   */
  orderedSums?: boolean;
}

/** What to score: every account as of a day, or the backtest's points. */
export type PointSet =
  | { kind: 'asOf'; asOf: AsOf }
  | { kind: 'backtest'; horizonDays: number; leadLookbackDays?: number; leadStepDays?: number };

/** A generated query and what its columns mean. */
export interface GeneratedQuery {
  sql: string;
  plan: ModelPlan;
  /** Output column names per measure id and pattern id (score query only). */
  columns: {
    measures: {
      id: string;
      value: string;
      text: string | null;
      score: string;
      points: string;
      maxPoints: string;
      share: string;
    }[];
    patterns: { id: string; fired: string }[];
  };
}

const POSTGRES_MAX_IDENTIFIER = 63;

/** The as-of day's SQL, and the SQL of the "today" whose scoring day it may read (or null). */
function asOfSql(asOf: AsOf): { day: string; today: string | null } {
  if (typeof asOf === 'number') return { day: int(asOf), today: null };
  if (asOf === 'current_date') return { day: SCORING_DAY, today: CURRENT_DAY };
  if ('sql' in asOf) return { day: `(${asOf.sql})`, today: asOf.today ?? null };
  return { day: SCORING_DAY, today: int(asOf.today) };
}

/**
 * The `scoring_day` CTE: `today`, or the book's newest signal or pulse day on or before it when
 * that is the model's lookback or more before today (the engine's chooseScoringDay).
 */
function scoringDayCte(model: ModelDocument, today: string): string {
  const known = 'account_id IN (SELECT account_id FROM acc)';
  const newest = `SELECT max(day) AS newest FROM (\n    SELECT day FROM sig WHERE day <= ${today} AND ${known}\n    UNION ALL\n    SELECT day FROM pul WHERE day <= ${today} AND ${known}\n  ) x`;
  return `scoring_day AS MATERIALIZED (\n  SELECT CASE WHEN n.newest IS NOT NULL AND ${today} - n.newest >= ${int(modelLookbackDays(model))} THEN n.newest ELSE ${today} END AS day\n  FROM (${newest}) n\n)`;
}

function list(items: string[], indent = '    '): string {
  return items.join(`,\n${indent}`);
}

/** Output column names, checked against PostgreSQL's identifier limit. */
function outputColumns(plan: ModelPlan, d: Dialect): GeneratedQuery['columns'] {
  const check = (name: string, what: string) => {
    if (d.name === 'postgres' && new TextEncoder().encode(name).length > POSTGRES_MAX_IDENTIFIER) {
      throw new SqlUnsupportedError(
        `${what}: the column name "${name}" is longer than PostgreSQL's ${POSTGRES_MAX_IDENTIFIER} bytes; shorten the id`,
      );
    }
    return name;
  };
  return {
    measures: plan.measures.map((m) => {
      const c = (suffix: string) => check(`m_${m.id}_${suffix}`, `measure "${m.id}"`);
      return {
        id: m.id,
        value: c('value'),
        text: null as string | null,
        score: c('score'),
        points: c('points'),
        maxPoints: c('max_points'),
        share: c('share'),
      };
    }),
    patterns: plan.model.patterns.map((p) => ({
      id: p.id,
      fired: check(`p_${p.id}`, `pattern "${p.id}"`),
    })),
  };
}

/** CASE over the context id, collapsing contexts that give the same SQL. */
function byContext(plan: ModelPlan, sqlOf: (ctx: number) => string): string {
  const groups = new Map<string, number[]>();
  for (const c of plan.contexts) {
    const s = sqlOf(c.id);
    groups.set(s, [...(groups.get(s) ?? []), c.id]);
  }
  if (groups.size === 1) return [...groups.keys()][0];
  const whens = [...groups].map(([s, ids]) => `WHEN x.ctx IN (${ids.join(', ')}) THEN ${s}`);
  return `CASE ${whens.join(' ')} END`;
}

function stageSql(d: Dialect, model: ModelDocument): string {
  const lc = model.lifecycle;
  const whens = [
    `WHEN x.dtr <= ${num(d, lc.renewalWindowDays)} THEN 'renewal'`,
    `WHEN x.tenure < ${num(d, lc.onboardingDays)} THEN 'onboarding'`,
    ...lc.stages.map(
      (s) =>
        `WHEN x.tenure >= ${num(d, s.minTenureDays)}${s.maxTenureDays === null ? '' : ` AND x.tenure < ${num(d, s.maxTenureDays)}`} THEN ${str(s.id)}`,
    ),
  ];
  return `CASE ${whens.join(' ')} END`;
}

function contextSql(plan: ModelPlan): string {
  if (plan.contexts.length === 1) return '0';
  const stageIs = (s: string | null) => (s === null ? 'x.stage IS NULL' : `x.stage = ${str(s)}`);
  const whens = plan.cells.map((c) => {
    const seg = c.segment === null ? '' : `lower(x.segment) = ${str(c.segment)} AND `;
    return `WHEN ${seg}${stageIs(c.stage)} THEN ${c.context}`;
  });
  return `CASE ${whens.join(' ')} END`;
}

interface Built {
  ctes: string[];
  /** Which measures have a text column (t<j>). */
  hasText: boolean[];
}

/** The CTEs shared by both queries, given the `pts` CTE body (account_id, day). */
function scoringCtes(
  model: ModelDocument,
  o: QueryOptions,
  plan: ModelPlan,
  ptsBody: string,
  prefix: string[],
  /** Add `last_data`, the account's newest data day on or before the point (its freshness). */
  withLastData = false,
): Built {
  const d = dialectOf(o.dialect);
  const m = plan.measures.length;
  const src = new SourceCollector(
    d,
    model.pulse.halfLifeDays,
    plan.attributes,
    o.orderedSums ?? true,
  );
  const sources = plan.measures.map((x) => src.source(x));
  const ctes = [...prefix];
  ctes.push(`pts AS (\n  ${ptsBody}\n)`);

  // First observation day per metric (and of any metric, for the trend's "no data before").
  const firsts = src.firstMetrics.map(
    (metric, k) => `min(day) FILTER (WHERE metric = ${str(metric)}) AS f${k}`,
  );
  ctes.push(
    `fw AS (\n  SELECT account_id, ${list(['min(day) AS first_any', ...firsts])}\n  FROM sig GROUP BY account_id\n)`,
  );

  // Window aggregates: observations joined to the points they fall before.
  const windowMetrics = [...src.lookback];
  if (windowMetrics.length > 0) {
    const reach = windowMetrics
      .map(([metric, days]) => `(s.metric = ${str(metric)} AND s.day > p.day - ${int(days)})`)
      .join('\n      OR ');
    ctes.push(
      `win AS (\n  SELECT p.account_id, p.day AS at_day, s.metric, s.day, s.value\n  FROM pts p JOIN sig s ON s.account_id = p.account_id AND s.day <= p.day\n  WHERE ${reach}\n)`,
    );
    ctes.push(
      `agg AS (\n  SELECT w.account_id, w.at_day,\n    ${list(src.aggregateColumns())}\n  FROM win w GROUP BY w.account_id, w.at_day\n)`,
    );
  } else {
    ctes.push(`agg AS (\n  SELECT account_id, day AS at_day FROM pts\n)`);
  }
  if (src.slopes.length > 0) {
    // Second pass of the engine's two-pass least squares: deviations from the window's means.
    const means = src.slopes.flatMap((s) => {
      const k = s.key;
      const ok = `g.sn${k} >= 2`;
      return [
        `g.sx${k}`,
        `CASE WHEN ${ok} THEN ${dbl(d, `g.sd${k} - g.sn${k} * g.sx${k}`)} / ${dbl(d, `g.sn${k}`)} END AS mx${k}`,
        `CASE WHEN ${ok} THEN g.sy${k} / ${dbl(d, `g.sn${k}`)} END AS my${k}`,
      ];
    });
    const sums = src.slopes.flatMap((s) => {
      const k = s.key;
      const f = `s.metric = ${str(s.metric)} AND s.day > g.at_day - ${int(s.windowDays)}`;
      const dx = `(${dbl(d, `s.day - g.sx${k}`)} - g.mx${k})`;
      return [
        `sum(${dx} * (s.value - g.my${k})${src.order('s.day')}) FILTER (WHERE ${f}) AS sxy${k}`,
        `sum(${dx} * ${dx}${src.order('s.day')}) FILTER (WHERE ${f}) AS sxx${k}`,
      ];
    });
    const reach = src.slopes
      .map((s) => `(s.metric = ${str(s.metric)} AND s.day > g.at_day - ${int(s.windowDays)})`)
      .join(' OR ');
    ctes.push(
      `slope AS (\n  SELECT g.account_id, g.at_day,\n    ${list(sums)}\n  FROM (SELECT g.account_id, g.at_day, ${means.join(', ')} FROM agg g) g\n  JOIN sig s ON s.account_id = g.account_id AND s.day <= g.at_day AND (${reach})\n  GROUP BY g.account_id, g.at_day\n)`,
    );
  }
  if (src.asOf.length > 0) {
    // As-of lookups: the last (non-zero) observation on or before each point's day − offset.
    // Lookups and observations in one stream per account × metric, a running maximum of the
    // observation day, observations first on the same day; then the value on that day.
    const metrics = [...new Set(src.asOf.map((x) => x.metric))];
    const keys = src.asOf.map((x, k) => `(${k}, ${str(x.metric)}, ${int(x.offset)})`).join(', ');
    const w = 'PARTITION BY account_id, metric ORDER BY day, kind ROWS UNBOUNDED PRECEDING';
    ctes.push(
      `lk AS (\n  SELECT p.account_id, p.day AS at_day, k.k, k.metric, p.day - k.off AS day\n  FROM pts p CROSS JOIN (VALUES ${keys}) AS k(k, metric, off)\n)`,
      `dl AS (\n  SELECT account_id, metric, at_day, k, last_day, last_nz FROM (\n    SELECT account_id, metric, kind, at_day, k,\n      max(obs_day) OVER (${w}) AS last_day,\n      max(nz_day) OVER (${w}) AS last_nz\n    FROM (\n      SELECT account_id, metric, day, 0 AS kind, day AS obs_day, CASE WHEN value <> 0 THEN day END AS nz_day, NULL AS at_day, NULL AS k\n      FROM sig WHERE metric IN (${metrics.map(str).join(', ')})\n      UNION ALL\n      SELECT account_id, metric, day, 1, NULL, NULL, at_day, k FROM lk\n    ) u\n  ) x\n  WHERE kind = 1\n)`,
    );
    const needValue = src.asOf.some((x) => x.value);
    const cols = src.asOf.flatMap((x, k) => [
      `max(CASE WHEN d.k = ${k} THEN d.last_day END) AS l${k}`,
      `max(CASE WHEN d.k = ${k} THEN d.last_nz END) AS z${k}`,
      ...(x.value ? [`max(CASE WHEN d.k = ${k} THEN s.value END) AS v${k}`] : []),
    ]);
    const join = needValue
      ? '\n  LEFT JOIN sig s ON s.account_id = d.account_id AND s.metric = d.metric AND s.day = d.last_day'
      : '';
    ctes.push(
      `ds AS (\n  SELECT d.account_id, d.at_day,\n    ${list(cols)}\n  FROM dl d${join}\n  GROUP BY d.account_id, d.at_day\n)`,
    );
  }
  // The account's newest data (any metric, or a pulse) on or before each point's day − offset:
  // as the as-of lookups, one stream per account of its data days and the lookups.
  const lastData = withLastData ? src.lastData(0) : null;
  if (src.dataOffsets.length > 0) {
    const offsets = src.dataOffsets.map((off, k) => `(${k}, ${int(off)})`).join(', ');
    const w = 'PARTITION BY account_id ORDER BY day, kind ROWS UNBOUNDED PRECEDING';
    const cols = src.dataOffsets.map(
      (_, k) => `max(CASE WHEN k = ${k} THEN last_day END) AS d${k}`,
    );
    ctes.push(
      `dd AS (
  SELECT account_id, day FROM sig
  UNION
  SELECT account_id, day FROM pul
)`,
      `ad AS (
  SELECT account_id, at_day,
    ${list(cols)}
  FROM (
    SELECT account_id, kind, at_day, k, max(obs_day) OVER (${w}) AS last_day
    FROM (
      SELECT account_id, day, 0 AS kind, day AS obs_day, NULL AS at_day, NULL AS k FROM dd
      UNION ALL
      SELECT p.account_id, p.day - o.off, 1, NULL, p.day, o.k
      FROM pts p CROSS JOIN (VALUES ${offsets}) AS o(k, off)
    ) u
  ) x
  WHERE kind = 1
  GROUP BY account_id, at_day
)`,
    );
  }
  if (plan.usesPulses) {
    const tie = o.tables.order?.pulses ? ', u.seq DESC' : '';
    ctes.push(
      `pl AS (\n  SELECT account_id, at_day, pday, pvalue FROM (\n    SELECT p.account_id, p.day AS at_day, u.day AS pday, u.value AS pvalue,\n      row_number() OVER (PARTITION BY p.account_id, p.day ORDER BY u.day DESC${tie}) AS rn\n    FROM pts p JOIN pul u ON u.account_id = p.account_id AND u.day <= p.day\n  ) x WHERE rn = 1\n)`,
    );
  }

  // Layer 1: raw values (and texts) of every measure at every point.
  const joins = [
    'FROM pts p JOIN acc a ON a.account_id = p.account_id',
    'LEFT JOIN fw ON fw.account_id = p.account_id',
    'LEFT JOIN agg g ON g.account_id = p.account_id AND g.at_day = p.day',
    ...(src.slopes.length
      ? ['LEFT JOIN slope sl ON sl.account_id = p.account_id AND sl.at_day = p.day']
      : []),
    ...(src.asOf.length
      ? ['LEFT JOIN ds ON ds.account_id = p.account_id AND ds.at_day = p.day']
      : []),
    ...(plan.usesPulses
      ? ['LEFT JOIN pl ON pl.account_id = p.account_id AND pl.at_day = p.day']
      : []),
    ...(src.dataOffsets.length
      ? ['LEFT JOIN ad ON ad.account_id = p.account_id AND ad.at_day = p.day']
      : []),
  ];
  const valueCols = [
    ...(lastData ? [`${lastData} AS last_data`] : []),
    ...sources.flatMap((s, j) => [
      `${s.value} AS v${j}`,
      ...(s.text ? [`${s.text} AS t${j}`] : []),
    ]),
  ];
  ctes.push(
    `pv AS MATERIALIZED (\n  SELECT p.account_id, p.day, a.${ident('attr:segment')} AS segment,\n    CASE WHEN p.day - a.start_day >= 0 THEN p.day - a.start_day END AS tenure,\n    CASE WHEN a.renewal_day - p.day >= 0 THEN a.renewal_day - p.day END AS dtr,\n    ${list(valueCols)}\n  ${joins.join('\n  ')}\n)`,
  );
  // Layer 2: lifecycle stage. Layer 3: context, and ranks for percentile scoring.
  ctes.push(`pst AS MATERIALIZED (\n  SELECT x.*, ${stageSql(d, model)} AS stage FROM pv x\n)`);
  const percentileOf = (j: number) =>
    plan.contexts.some((c) => c.resolved.scoring[j].type === 'percentile');
  const rankCols: string[] = [];
  const ranks: (PercentileRefs | null)[] = plan.measures.map((_, j) => {
    if (!percentileOf(j)) return null;
    rankCols.push(
      `count(x.v${j}) OVER (PARTITION BY x.day) AS pn${j}`,
      `rank() OVER (PARTITION BY x.day ORDER BY x.v${j} ASC NULLS LAST) AS pr${j}`,
      `count(*) OVER (PARTITION BY x.day, x.v${j}) AS pe${j}`,
    );
    return { n: `x.pn${j}`, rank: `x.pr${j}`, equal: `x.pe${j}` };
  });
  ctes.push(
    `pc AS MATERIALIZED (\n  SELECT x.*, ${list([`${contextSql(plan)} AS ctx`, ...rankCols])}\n  FROM pst x\n)`,
  );
  // Layer 4: measure scores in the context's scoring functions.
  const scoreCols = plan.measures.map((_, j) => {
    const t = sources[j].text ? `x.t${j}` : null;
    const expr = byContext(plan, (c) =>
      scoringSql(d, plan.contexts[c].resolved.scoring[j], `x.v${j}`, t, ranks[j]),
    );
    return `${expr} AS s${j}`;
  });
  ctes.push(`ms AS MATERIALIZED (\n  SELECT x.*,\n    ${list(scoreCols)}\n  FROM pc x\n)`);
  // Layer 5: shares and the scores used after the missing-data policy.
  const useCols = plan.measures.flatMap((meas, j) => [
    `${byContext(plan, (c) => num(d, plan.contexts[c].resolved.measureShares[j]))} AS w${j}`,
    meas.missing === 'skip'
      ? `x.s${j} AS u${j}`
      : `COALESCE(x.s${j}, ${num(d, meas.missing === 'neutral' ? 50 : 0)}) AS u${j}`,
  ]);
  ctes.push(`mu AS MATERIALIZED (\n  SELECT x.*,\n    ${list(useCols)}\n  FROM ms x\n)`);
  // Layer 6: the weighted mean in measure order, as the kernel adds it up.
  const sum = (term: (j: number) => string) =>
    Array.from({ length: m }, (_, j) => term(j)).reduce((acc, t) => `(${acc} + ${t})`, num(d, 0));
  const zero = num(d, 0);
  ctes.push(
    `tot AS MATERIALIZED (\n  SELECT x.*,\n    ${list([
      `${sum((j) => `CASE WHEN x.u${j} IS NULL THEN ${zero} ELSE x.w${j} * x.u${j} END`)} AS weighted`,
      `${sum((j) => `CASE WHEN x.u${j} IS NULL THEN ${zero} ELSE x.w${j} END`)} AS included`,
      `${sum((j) => `CASE WHEN x.s${j} IS NULL THEN ${zero} ELSE x.w${j} END`)} AS coverage`,
    ])}\n  FROM mu x\n)`,
  );
  // Layer 7: pattern rules.
  const idx = new Map(plan.measures.map((x, j) => [x.id, j]));
  const refs = {
    value: (id: string) => `x.v${idx.get(id)}`,
    score: (id: string) => `x.s${idx.get(id)}`,
    day: 'x.day',
    stage: 'x.stage',
  };
  const fired = model.patterns.map(
    (p, k) =>
      `(${p.conditions.map((c) => conditionSql(d, c, refs, plan.attributes)).join(' AND ')}) AS f${k}`,
  );
  ctes.push(
    `pat AS MATERIALIZED (\n  SELECT x.*, CASE WHEN x.included > 0 THEN x.weighted / x.included END AS raw${fired.length ? `,\n    ${list(fired)}` : ''}\n  FROM tot x JOIN acc a ON a.account_id = x.account_id\n)`,
  );
  // Layer 8: points subtracted and bands capped by the rules that fired; clamp to 0–100.
  let after = 'x.raw';
  model.patterns.forEach((p, k) => {
    if (p.subtractPoints !== undefined)
      after = `(${after} - CASE WHEN x.f${k} THEN ${num(d, p.subtractPoints)} ELSE ${zero} END)`;
  });
  const capOf = (band: 'red' | 'amber') =>
    model.patterns.map((p, k) => (p.capBand === band ? `x.f${k}` : null)).filter((x) => x !== null);
  const capWhens = [
    ...(capOf('red').length
      ? [`WHEN ${capOf('red').join(' OR ')} THEN ${num(d, model.bands.redMax)}`]
      : []),
    ...(capOf('amber').length
      ? [`WHEN ${capOf('amber').join(' OR ')} THEN ${num(d, model.bands.amberMax)}`]
      : []),
  ];
  const cap = capWhens.length ? `CASE ${capWhens.join(' ')} END` : null;
  const final = cap
    ? `CASE WHEN x.raw IS NULL THEN NULL WHEN (${cap}) IS NULL THEN greatest(${zero}, ${after}) ELSE greatest(${zero}, least(${after}, ${cap})) END`
    : `CASE WHEN x.raw IS NULL THEN NULL ELSE greatest(${zero}, ${after}) END`;
  ctes.push(`fin AS MATERIALIZED (\n  SELECT x.*, ${final} AS final FROM pat x\n)`);
  return { ctes, hasText: sources.map((s) => s.text !== null) };
}

function bandSql(d: Dialect, model: ModelDocument, score: string): string {
  return `CASE WHEN ${score} IS NULL THEN NULL WHEN ${score} <= ${num(d, model.bands.redMax)} THEN 'red' WHEN ${score} <= ${num(d, model.bands.amberMax)} THEN 'amber' ELSE 'green' END`;
}

function prefixCtes(o: QueryOptions, d: Dialect, plan: ModelPlan): string[] {
  return [
    `acc AS (\n  ${accountsCte(d, o.tables, plan.attributes)}\n)`,
    `sig AS NOT MATERIALIZED (\n  ${signalsCte(d, o.tables)}\n)`,
    `pul AS (\n  ${pulsesCte(d, o.tables)}\n)`,
  ];
}

function render(header: string, ctes: string[], select: string): string {
  return `${header}WITH\n${ctes.join(',\n')}\n${select}\n`;
}

function headerOf(model: ModelDocument, what: string): string {
  return `-- Canary model "${model.name.replace(/\n/g, ' ')}" (${model.id} v${model.version}): ${what}.\n-- Generated by \`npm run -s cli -- sql\`; it computes what the engine computes, to the last bit where it can.\n`;
}

/** The score query: every account's score, band, coverage, trend and per-measure points as of a day. */
export function scoreQuery(model: ModelDocument, o: QueryOptions, asOf: AsOf): GeneratedQuery {
  const d = dialectOf(o.dialect);
  const plan = planModel(model, o.attributeTypes);
  const { day: D, today } = asOfSql(asOf);
  const tw = model.trend.windowDays;
  const offsets = [...new Set([0, tw, 30])];
  const ptsBody = `SELECT a.account_id, ${D} - o.off AS day FROM acc a CROSS JOIN (VALUES ${offsets.map((x) => `(${x})`).join(', ')}) AS o(off)`;
  const prefix = prefixCtes(o, d, plan);
  if (today !== null) prefix.push(scoringDayCte(model, today));
  const built = scoringCtes(model, o, plan, ptsBody, prefix, true);
  const { ctes } = built;
  const columns = outputColumns(plan, d);
  if (o.tables.overrides !== null) {
    const tie = o.tables.order?.overrides ? `, ${ident(o.tables.order.overrides)} DESC` : '';
    ctes.push(
      `ov AS (\n  SELECT account_id, band, reason, start_day, expires_day FROM (\n    SELECT CAST(${ident('account_id')} AS ${d.text}) AS account_id, lower(CAST(${ident('band')} AS ${d.text})) AS band,\n      CAST(${ident('reason')} AS ${d.text}) AS reason, ${dayOf(ident('date'))} AS start_day, ${dayOf(ident('expires'))} AS expires_day,\n      row_number() OVER (PARTITION BY ${ident('account_id')} ORDER BY ${dayOf(ident('date'))} DESC${tie}) AS rn\n    FROM ${tableName(o.tables.overrides)}\n    WHERE ${dayOf(ident('date'))} <= ${D} AND ${D} < ${dayOf(ident('expires'))}\n  ) x WHERE rn = 1\n)`,
    );
  }
  ctes.push(
    `fp AS (\n  SELECT account_id, min(day) AS first_pulse FROM pul GROUP BY account_id\n)`,
  );
  const score = `f0.score`;
  // Freshness (the engine's scoreStatusOf): stale when the account's newest data is the model's
  // lookback or more before the point; unscored when it has dated data but none yet on or
  // before the point (observed later), or under MIN_COVERAGE of the weight with data.
  // Only a scored point has a score (and fired patterns); an override still shows its band.
  const observedLater =
    `x.last_data IS NULL AND (EXISTS (SELECT 1 FROM fw WHERE fw.account_id = x.account_id) ` +
    `OR EXISTS (SELECT 1 FROM fp WHERE fp.account_id = x.account_id))`;
  const status =
    `CASE WHEN x.last_data IS NOT NULL AND x.day - x.last_data >= ${int(modelLookbackDays(model))} THEN 'stale' ` +
    `WHEN ${observedLater} THEN 'unscored' ` +
    `WHEN x.coverage < ${num(d, MIN_COVERAGE)} THEN 'unscored' ELSE 'scored' END`;
  const shown = (expr: string) =>
    `CASE WHEN y.status = 'scored' THEN CAST(${jsRound(expr)} AS INTEGER) END`;
  ctes.push(
    `f AS MATERIALIZED (\n  SELECT y.*, ${shown('y.final')} AS score, ${shown('y.raw')} AS score_before\n  FROM (SELECT x.*, ${status} AS status FROM fin x) y\n)`,
  );
  const firstDay = `CASE WHEN fw.first_any IS NULL THEN fp.first_pulse WHEN fp.first_pulse IS NULL OR fw.first_any <= fp.first_pulse THEN fw.first_any ELSE fp.first_pulse END`;
  const prevDay = `${D} - ${int(tw)}`;
  // The earlier score counts only as it was shown then (scored, not stale or thin).
  const reason = `CASE WHEN ${score} IS NULL THEN 'no_score' WHEN a.start_day > ${prevDay} THEN 'contract_started' WHEN f1.score IS NULL OR (${firstDay}) IS NULL OR (${firstDay}) > ${prevDay} THEN 'no_data' END`;
  const change = `CASE WHEN (${reason}) IS NULL THEN ${score} - f1.score END`;
  const trend30 =
    tw === 30
      ? change
      : `CASE WHEN ${score} IS NULL OR f30.score IS NULL THEN NULL ELSE ${score} - f30.score END`;
  const contextName = byContext(plan, (c) => str(plan.contexts[c].applied.join(',')));
  const measureCols = plan.measures.flatMap((meas, j) => {
    const c = columns.measures[j];
    const mp = `CASE WHEN f0.included > 0 AND f0.u${j} IS NOT NULL THEN (${num(d, 100)} * f0.w${j}) / f0.included ELSE ${num(d, 0)} END`;
    const hasText = built.hasText[j];
    if (hasText) c.text = `m_${meas.id}_text`;
    return [
      `f0.v${j} AS ${ident(c.value)}`,
      ...(hasText ? [`f0.t${j} AS ${ident(c.text!)}`] : []),
      `f0.s${j} AS ${ident(c.score)}`,
      `f0.w${j} AS ${ident(c.share)}`,
      `${mp} AS ${ident(c.maxPoints)}`,
      `CASE WHEN (${mp}) = 0 THEN ${num(d, 0)} ELSE (f0.u${j} / ${num(d, 100)}) * (${mp}) END AS ${ident(c.points)}`,
    ];
  });
  const shownBand =
    o.tables.overrides !== null
      ? `COALESCE(ov.band, ${bandSql(d, model, score)})`
      : bandSql(d, model, score);
  const select = [
    'a.account_id',
    'a.account_name',
    `DATE '1970-01-01' + CAST(${D} AS INTEGER) AS as_of`,
    `${score} AS score`,
    `${shownBand} AS band`,
    `${bandSql(d, model, score)} AS scored_band`,
    'f0.final AS score_exact',
    'f0.score_before AS score_before_patterns',
    'f0.coverage AS coverage',
    'f0.status AS status',
    `DATE '1970-01-01' + CAST(f0.last_data AS INTEGER) AS last_data_day`,
    'f0.stage AS stage',
    `${contextName.replace(/x\.ctx/g, 'f0.ctx')} AS contexts`,
    `CAST(f0.dtr AS INTEGER) AS days_to_renewal`,
    `${change} AS trend_change`,
    `CASE WHEN (${reason}) IS NULL THEN f1.score END AS trend_previous`,
    `CASE WHEN (${reason}) IS NOT NULL THEN 'unknown' WHEN abs(${change}) <= ${num(d, model.trend.deadZone)} THEN 'flat' WHEN ${change} > 0 THEN 'up' ELSE 'down' END AS trend_direction`,
    `${reason} AS trend_reason`,
    `${trend30} AS trend_30d`,
    ...(o.tables.overrides !== null
      ? [
          'ov.band AS override_band',
          'ov.reason AS override_reason',
          `DATE '1970-01-01' + CAST(ov.start_day AS INTEGER) AS override_start`,
          `DATE '1970-01-01' + CAST(ov.expires_day AS INTEGER) AS override_expires`,
        ]
      : []),
    ...columns.patterns.map((p, k) => `(${score} IS NOT NULL AND f0.f${k}) AS ${ident(p.fired)}`),
    ...measureCols,
  ];
  const joins = [
    `FROM acc a`,
    `JOIN f f0 ON f0.account_id = a.account_id AND f0.day = ${D}`,
    `JOIN f f1 ON f1.account_id = a.account_id AND f1.day = ${prevDay}`,
    ...(tw === 30 ? [] : [`JOIN f f30 ON f30.account_id = a.account_id AND f30.day = ${D} - 30`]),
    `LEFT JOIN fw ON fw.account_id = a.account_id`,
    `LEFT JOIN fp ON fp.account_id = a.account_id`,
    ...(o.tables.overrides !== null ? ['LEFT JOIN ov ON ov.account_id = a.account_id'] : []),
  ];
  const order = o.tables.order?.accounts ? 'a.account_order' : 'a.account_id';
  const sql = render(
    headerOf(model, 'every account scored as of one day'),
    ctes,
    `SELECT\n  ${list(select, '  ')}\n${joins.join('\n')}\nORDER BY ${order}`,
  );
  return { sql, plan, columns };
}

/**
 * The backtest query: the score (unrounded, patterns applied, no override) of every outcome's
 * account at outcome day − horizon, and every `leadStepDays` over the `leadLookbackDays`
 * before each churn (the lead-time samples; none at horizon 0, where lead time does not
 * apply). Columns: account_id, day, score, first_data_day (the account's first signal or
 * pulse).
 */
export function backtestQuery(
  model: ModelDocument,
  o: QueryOptions,
  horizonDays: number,
  leadLookbackDays = 364,
  leadStepDays = 7,
): GeneratedQuery {
  const d = dialectOf(o.dialect);
  const plan = planModel(model, o.attributeTypes);
  // Same day (horizon 0): no prediction is made ahead, so there is no lead time to sample.
  const steps = isSameDay(horizonDays) ? 0 : Math.floor(leadLookbackDays / leadStepDays);
  const prefix = prefixCtes(o, d, plan);
  prefix.push(
    `outc AS (\n  SELECT CAST(${ident('account_id')} AS ${d.text}) AS account_id, ${dayOf(ident('date'))} AS day, lower(CAST(${ident('outcome')} AS ${d.text})) AS outcome\n  FROM ${tableName(o.tables.outcomes)}\n  WHERE CAST(${ident('account_id')} AS ${d.text}) IN (SELECT account_id FROM acc)\n)`,
  );
  const lead =
    steps > 0
      ? `\n  UNION\n  SELECT o.account_id, o.day - k.k * ${int(leadStepDays)} FROM outc o CROSS JOIN (VALUES ${Array.from({ length: steps }, (_, i) => `(${i + 1})`).join(', ')}) AS k(k) WHERE o.outcome = 'churned'`
      : '';
  prefix.push(
    `req AS (\n  SELECT account_id, day - ${int(horizonDays)} AS day FROM outc${lead}\n)`,
  );
  // Percentile scoring ranks every account of the book on each day, so those days are scored for all.
  const ptsBody = plan.usesPercentile
    ? 'SELECT a.account_id, r.day FROM acc a CROSS JOIN (SELECT DISTINCT day FROM req) r'
    : 'SELECT account_id, day FROM req';
  const { ctes } = scoringCtes(model, o, plan, ptsBody, prefix);
  // The account's first dated data (signal or pulse): the report counts the outcomes with dated
  // data by their prediction day, and the scores that came from undated attributes alone.
  ctes.push(
    `fd AS (\n  SELECT account_id, min(day) AS first_day FROM (SELECT account_id, first_any AS day FROM fw UNION ALL SELECT account_id, day FROM pul) x GROUP BY account_id\n)`,
  );
  const sql = render(
    headerOf(
      model,
      isSameDay(horizonDays)
        ? 'backtest points (each outcome on its own day: horizon 0, same day)'
        : `backtest points (outcome − ${horizonDays} days, and lead-time samples)`,
    ),
    ctes,
    `SELECT r.account_id, DATE '1970-01-01' + CAST(r.day AS INTEGER) AS day, f.final AS score,\n  DATE '1970-01-01' + CAST(fd.first_day AS INTEGER) AS first_data_day\nFROM req r JOIN fin f ON f.account_id = r.account_id AND f.day = r.day\nLEFT JOIN fd ON fd.account_id = r.account_id\nORDER BY r.account_id, r.day`,
  );
  return { sql, plan, columns: outputColumns(plan, d) };
}
