// `fit`: a credit-scorecard model fitted to the book's outcomes, written in the scoring
// engine's own model format (step tiers per measure, weights, band thresholds), with an
// out-of-sample check that decides whether it may be offered as an improvement.
import { parseModelOrThrow } from '../model/parse';
import { DEFAULT_MODEL } from '../model/presets';
import type {
  Measure,
  ModelDocument,
  ModelDocumentInput,
  PatternRule,
  ScoringFunction,
} from '../model/schema';
import type { PreparedBook } from '../score/prepare';
import { pointFeatures, type FeatureColumn } from './features';
import { fitCard, type FitSettings } from './fold-fit';
import { withRuleColumns, type MinedRule } from './rules';
import { formatValue } from '../score/format';
import { inlineName } from '../score/explain';
import {
  dataCoverage,
  firstDataDays,
  isSameDay,
  onlySameDay,
  predictionDayPhrase,
} from './horizon';
import { outcomeRows, type OutcomeSelection } from './outcomes';
import { proposeModel } from './propose';
import { isThinSample } from './renewal';
import { runBacktest } from './run';
import type { HorizonReport } from './report';
import { scoreWithScorecard, type Scorecard, type ScorecardMeasure } from './scorecard';
import { capacityRedMax, orderedThresholds, suggestThresholds } from './thresholds';
import { compareOutOfSample, type OutOfSampleComparison } from './versus';

/** The book cannot support a fit (no outcomes with data, a single class, nothing predictive). */
export class FitInputError extends Error {}

/** Options of fitModel. */
export interface FitModelOptions extends OutcomeSelection, Partial<FitSettings> {
  /** Horizon in days (default 60); 0 fits on the outcome day itself (same day, weaker evidence). */
  horizonDays?: number;
  /** Measures to fit; default: proposed from the data (proposeModel). */
  baseModel?: ModelDocument;
  /**
   * The model in use, which the fit must beat out of sample on the same outcomes before it is
   * offered. Default: `baseModel` when given (refitting its weights), else DEFAULT_MODEL.
   */
  currentModel?: ModelDocument;
  /** Red cut-off flagging this many accounts today instead of a share of churn. */
  capacity?: number;
}

/** A fitted model and the evidence for it. */
export interface FitModelResult {
  model: ModelDocument;
  scorecard: Scorecard;
  /** Out-of-sample backtest of the same fit (grouped K-fold). */
  outOfSample: HorizonReport;
  /** The current model's own backtest at the same horizon. */
  baseline: HorizonReport;
  /** The fit against the current model on the outcomes both scored. */
  comparison: OutOfSampleComparison;
  /** False when the data is too thin or the fit does not beat the current model out of sample. */
  offered: boolean;
  warnings: string[];
}

function scoringFor(m: ScorecardMeasure, column: FeatureColumn): ScoringFunction {
  if (column.categories) {
    const points: Record<string, number> = {};
    column.categories.forEach((c, code) => {
      const b = m.cuts.filter((cut) => code >= cut).length;
      points[c] = m.points[b];
    });
    return { type: 'categorical', points, otherwise: 50 };
  }
  if (m.linear) return { type: 'linear', red: m.linear.red, green: m.linear.green };
  // A measure with one observed value only separates present from missing: constant points.
  if (!m.cuts.length)
    return { type: 'tiers', base: m.points[0], steps: [{ atLeast: 0, points: m.points[0] }] };
  return {
    type: 'tiers',
    base: m.points[0],
    steps: m.cuts.map((atLeast, b) => ({ atLeast, points: m.points[b + 1] })),
  };
}

function missingPolicy(m: ScorecardMeasure): Measure['missing'] {
  if (m.bins.missingCount === 0) return 'skip';
  return m.missingPoints < 25 ? 'worst' : 'neutral';
}

/** Writes a scorecard as a model document of the base model's measures (tiers and weights). */
export function scorecardToModel(
  card: Scorecard,
  columns: readonly FeatureColumn[],
  base: ModelDocument,
  bands: { redMax: number; amberMax: number },
  description: string,
): ModelDocument {
  const byId = new Map<string, ScorecardMeasure>();
  let measureWeight = 0;
  for (const m of card.measures) {
    if (columns[m.column].kind !== 'measure') continue;
    byId.set(columns[m.column].id, m);
    measureWeight += m.weight;
  }
  const groups: ModelDocumentInput['groups'] = [];
  // Measures the fit found no evidence for stay with weight 0 (pattern rules may name them).
  const referenced = new Set(
    base.patterns.flatMap((p) =>
      p.conditions.flatMap((c) =>
        'measure' in c ? [c.measure] : 'measureScore' in c ? [c.measureScore] : [],
      ),
    ),
  );
  for (const g of base.groups) {
    const measures = g.measures.flatMap((measure) => {
      const m = byId.get(measure.id);
      if (!m) return referenced.has(measure.id) ? [{ ...measure, weight: 0 }] : [];
      const column = columns[m.column];
      return [
        { ...measure, weight: m.weight, scoring: scoringFor(m, column), missing: missingPolicy(m) },
      ];
    });
    if (measures.length) {
      const weight = Math.round(10 * measures.reduce((s, m) => s + m.weight, 0)) / 10;
      groups.push({ ...g, weight, measures });
    }
  }
  // A fitted pattern becomes points subtracted when it fires, on the measures' 0–100 scale.
  const patterns = base.patterns.flatMap((rule) => {
    const m = card.measures.find(
      (x) => columns[x.column].kind === 'pattern' && columns[x.column].id === rule.id,
    );
    if (!m) return [rule];
    const firedPoints = m.points[m.cuts.filter((c) => 1 >= c).length];
    const quietPoints = m.points[0];
    if (firedPoints >= quietPoints)
      return rule.capBand ? [{ ...rule, subtractPoints: undefined }] : [];
    const subtract = Math.min(100, Math.round((100 * m.weight) / Math.max(measureWeight, 1e-9)));
    return [{ ...rule, subtractPoints: subtract }];
  });
  return parseModelOrThrow({
    ...base,
    id: `${base.id}-fitted`,
    name: `${base.name} (fitted)`,
    version: base.version + 1,
    description,
    bands,
    groups,
    patterns,
    // The fit saw no segment or stage overrides; keeping them would score a different model.
    contexts: [],
  });
}

/**
 * Mined rules as the model's pattern rules, named in words from their measures ("Change in
 * active users (30 days) at most −22% and QBRs (90-day mean) at most 0.2"); the points they
 * subtract are set by `scorecardToModel` from the card.
 */
export function minedPatterns(
  rules: readonly MinedRule[],
  columns: readonly FeatureColumn[],
  base: ModelDocument,
): PatternRule[] {
  const measures = new Map(base.groups.flatMap((g) => g.measures).map((m) => [m.id, m]));
  const used = new Set(base.patterns.map((p) => p.id));
  return rules.map((rule, k) => {
    let id = `fitted-rule-${k + 1}`;
    for (let n = 2; used.has(id); n++) id = `fitted-rule-${k + 1}-${n}`;
    used.add(id);
    const parts = rule.conditions.map((c) => {
      const m = measures.get(columns[c.column].id)!;
      if (c.op === '=') return `${inlineName(m.name)} is ${columns[c.column].categories![c.value]}`;
      const value = formatValue(c.value, m.format ?? 'number');
      return `${inlineName(m.name)} ${c.op === '<=' ? 'at most' : 'at least'} ${value}`;
    });
    // "A and B", "A, B and C".
    const name =
      parts.length > 2
        ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
        : parts.join(' and ');
    return {
      id,
      name: name.charAt(0).toUpperCase() + name.slice(1),
      description: `Found in the outcomes by the fit: ${rule.churned} of the ${rule.fired} outcomes where it held churned, more than the measures alone predicted.`,
      conditions: rule.conditions.map((c): PatternRule['conditions'][number] => {
        const column = columns[c.column];
        if (c.op !== '=') return { measure: column.id, op: c.op, value: c.value };
        // A category reads the text attribute itself (the feature's code is only an index).
        const source = measures.get(column.id)!.source;
        const attribute = source.kind === 'attribute' ? source.attribute : column.id;
        return { attribute, op: '=', value: column.categories![c.value] };
      }),
      subtractPoints: 0,
    };
  });
}

/** What a fitted model's description records about the fit that made it. */
export interface FitRecord {
  /** Outcomes it was fitted to, and how many of them churned. */
  outcomes: number;
  churned: number;
  horizonDays: number;
  /** Its out-of-sample AUC when fitted (null when none could be measured). */
  auc: number | null;
}

/** The description fitModel gives the fitted model ("Credit-scorecard fit on 829 outcomes …"). */
export function fitDescription(r: FitRecord): string {
  const at = isSameDay(r.horizonDays)
    ? 'same day (horizon 0: weaker evidence, no lead time)'
    : `horizon ${r.horizonDays} days`;
  return `Credit-scorecard fit on ${r.outcomes} outcomes (${r.churned} churned), ${at}; out-of-sample AUC ${r.auc?.toFixed(3) ?? 'n/a'}.`;
}

const FIT_DESCRIPTION =
  /^Credit-scorecard fit on (\d+) outcomes \((\d+) churned\), (?:same day \(horizon 0: weaker evidence, no lead time\)|horizon (\d+) days); out-of-sample AUC (n\/a|\d+\.\d+)\./;

/**
 * Reads back what `fitDescription` wrote: the model is a fit to a book's outcomes, so a backtest
 * on those outcomes is in sample. Null for any other description (a hand-made model, or one whose
 * description was edited).
 */
export function readFitDescription(description: string): FitRecord | null {
  const m = FIT_DESCRIPTION.exec(description);
  if (!m) return null;
  return {
    outcomes: Number(m[1]),
    churned: Number(m[2]),
    horizonDays: m[3] === undefined ? 0 : Number(m[3]),
    auc: m[4] === 'n/a' ? null : Number(m[4]),
  };
}

/** Fits a scorecard model on every outcome at the horizon, checked out of sample first. */
export function fitModel(prepared: PreparedBook, options: FitModelOptions = {}): FitModelResult {
  const horizon = options.horizonDays ?? 60;
  const base = options.baseModel ?? proposeModel(prepared.book);
  const settings: FitSettings = { ...options, folds: options.folds ?? 5 };
  const all = outcomeRows(prepared.book, horizon, options);
  const points = all.accountIds.map((accountId, i) => ({ accountId, day: all.predictionDays[i] }));
  const features = pointFeatures(prepared, base, points);
  const rowsWithData: number[] = [];
  const m = features.raw.cols;
  for (let r = 0; r < all.y.length; r++) {
    let any = false;
    for (let j = 0; j < m && !any; j++) any = !Number.isNaN(features.raw.data[r * m + j]);
    if (any) rowsWithData.push(r);
  }
  const when = predictionDayPhrase(horizon);
  if (!rowsWithData.length) {
    const sameDayHint =
      !isSameDay(horizon) && onlySameDay(dataCoverage(all, firstDataDays(prepared.book)))
        ? ' No outcome has data dated before its own day (for example a snapshot dated on the day of its outcomes): fit at horizon 0 (same day) instead.'
        : '';
    throw new FitInputError(
      `No outcome has data by its prediction day (${when}): nothing to fit.${sameDayHint}`,
    );
  }
  let churnedWithData = 0;
  for (const r of rowsWithData) churnedWithData += all.y[r];
  if (churnedWithData === 0 || churnedWithData === rowsWithData.length) {
    throw new FitInputError(
      `Fitting needs both churned and renewed outcomes with data by their prediction day (${when}); found ${churnedWithData} churned of ${rowsWithData.length}.`,
    );
  }
  const train = Uint32Array.from(rowsWithData);
  const { card, rules } = fitCard(
    features.raw,
    all.y,
    all.accountIds,
    train,
    features.columns,
    options,
  );
  const raw = withRuleColumns(features.raw, rules);
  const mined = minedPatterns(rules, features.columns, base);
  const columns: FeatureColumn[] = [
    ...features.columns,
    ...mined.map((p) => ({ kind: 'pattern' as const, id: p.id, categories: null })),
  ];
  // A rule whose column the refitted card left out (no weight) would only be a label: dropped.
  const inCard = new Set(card.measures.map((m) => m.column));
  const ruled = parseModelOrThrow({
    ...base,
    patterns: [
      ...base.patterns,
      ...mined.filter((_, k) => inCard.has(features.columns.length + k)),
    ],
  });
  if (!card.measures.length) {
    throw new FitInputError('No measure separates churned from renewed outcomes: nothing to fit.');
  }
  const trainScores = scoreWithScorecard(card, raw, train);
  let bands = suggestThresholds(
    rowsWithData.map((r) => trainScores[r]),
    rowsWithData.map((r) => all.y[r]),
    options,
  );
  if (options.capacity !== undefined) {
    const today = prepared.book.series.reduce(
      (mx, s) => Math.max(mx, s.days[s.days.length - 1] ?? mx),
      -Infinity,
    );
    const current = pointFeatures(
      prepared,
      base,
      prepared.accounts.map((a) => ({ accountId: a.id, day: Number.isFinite(today) ? today : 0 })),
    );
    const redMax = capacityRedMax(
      scoreWithScorecard(card, withRuleColumns(current.raw, rules)),
      options.capacity,
    );
    bands = orderedThresholds(redMax, Math.max(bands.amberMax, redMax + 1));
  }
  const oos = runBacktest(prepared, base, { ...options, horizons: [horizon], fit: settings });
  const outOfSample = oos.reports[0];
  const current = options.currentModel ?? options.baseModel ?? DEFAULT_MODEL;
  const currentRun = runBacktest(prepared, current, { ...options, horizons: [horizon] });
  const baseline = currentRun.reports[0];
  const comparison = compareOutOfSample(oos.predictions[0], currentRun.predictions[0]);
  const warnings = [...outOfSample.warnings];
  if (!comparison.better) warnings.push(comparison.summary);
  const thin = isThinSample(outOfSample.n_churned, outOfSample.details.band_rates);
  const description = fitDescription({
    outcomes: rowsWithData.length,
    churned: all.y.reduce((s, v) => s + v, 0),
    horizonDays: horizon,
    auc: outOfSample.auc,
  });
  return {
    model: scorecardToModel(card, columns, ruled, bands, description),
    scorecard: card,
    outOfSample,
    baseline,
    comparison,
    offered: !thin && comparison.better,
    warnings,
  };
}
