// Assembles one horizon's backtest report from scored outcome rows: the PRODUCT.md
// `backtest --json` fields plus the richer data the backtest page draws.
import type { Band, OutcomeKind } from '../types';
import {
  BAND_CODES,
  bandChurnRates,
  churnShareInBand,
  liftCurve,
  type BandChurnRate,
  type LiftPoint,
} from './bands';
import { brierScore, logLoss, reliabilityBins, type ReliabilityBin } from './calibration';
import { coverageWarnings, isSameDay, SAME_DAY_WARNING, type DataCoverage } from './horizon';
import { leadTimeNotApplicable, summarizeLeadTimes, type LeadTimeSummary } from './lead-time';
import type { OutcomeRows } from './outcomes';
import { averagePrecision, rocAuc, rocCurve, type RocPoint } from './ranking';
import { plattCalibration, type PlattCalibration } from './platt';
import { renewalByScore, smallSampleWarnings, type RenewalBin } from './renewal';

/** One churned account that was green at prediction time. */
export interface ChurnedWhileGreen {
  accountId: string;
  outcomeDay: number;
  predictionDay: number;
  score: number;
  arr: number | null;
}

/** Outcome counts by kind with their mean score, so expansions/contractions show apart from churn. */
export interface OutcomeKindSummary {
  outcome: OutcomeKind;
  n: number;
  meanScore: number;
  bands: Record<Band, number>;
}

/** One horizon's backtest result. Snake-case fields are the CLI's `--json` contract. */
export interface HorizonReport {
  n_outcomes: number;
  n_churned: number;
  horizon_days: number;
  auc: number | null;
  pr_auc: number | null;
  brier: number | null;
  log_loss: number | null;
  green_churn_share: number | null;
  bands: {
    band: Band;
    n: number;
    churn_rate: number | null;
    ci_low: number | null;
    ci_high: number | null;
  }[];
  lead_time_days: { median: number | null; p25: number | null; p75: number | null };
  warnings: string[];
  /** Richer data for the page (not part of the CLI contract, but printed with it). */
  details: {
    /** How p was made: the score read as 1 − score/100, or a fitted probability. */
    probability: 'one_minus_score' | 'fitted';
    green_churn_arr_share: number | null;
    /** ROC AUC with each outcome weighted by its account's ARR (null when any ARR is unknown). */
    arr_weighted_auc: number | null;
    red_capture: { accounts: number | null; arr: number | null };
    band_rates: BandChurnRate[];
    roc: RocPoint[];
    reliability: ReliabilityBin[];
    renewal_by_score: RenewalBin[];
    /** Score → churn probability (Platt), with out-of-sample Brier/log loss (grouped 5-fold); null for fitted reports. */
    calibrated: PlattCalibration | null;
    lift: LiftPoint[];
    lead_time: LeadTimeSummary;
    churned_while_green: ChurnedWhileGreen[];
    outcome_kinds: OutcomeKindSummary[];
    excluded: { unscored: number; unavoidable: number; unknown_accounts: number };
    /** Outcomes with dated data (signals, pulses) by their prediction day and by their own day. */
    data_coverage: DataCoverage & { scored_without_dated_data: number };
  };
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Inputs of buildHorizonReport, aligned with the rows. */
export interface ScoredRows {
  rows: OutcomeRows;
  /** Health score 0–100 per row. */
  scores: Float64Array;
  /** Predicted churn probability per row. */
  probabilities: Float64Array;
  probability: 'one_minus_score' | 'fitted';
  /** Band code per row (index into BAND_CODES). */
  bandCodes: Uint8Array;
  /** Lead time in days per churned account (NaN = never red); null at the same-day horizon. */
  leadDays: Float64Array | null;
  unscored: number;
  /** Dated-data coverage of every outcome row of the horizon (before unscored ones were dropped). */
  coverage: DataCoverage;
  /** Scored rows whose account had no dated data by the prediction day (attributes only). */
  scoredWithoutDatedData: number;
  /** Unscored rows whose account had dated data by the prediction day: the model reads none of it. */
  unscoredWithDatedData: number;
  extraWarnings?: string[];
}

/** Computes every metric of one horizon. */
export function buildHorizonReport(input: ScoredRows): HorizonReport {
  const { rows, scores, probabilities, bandCodes } = input;
  const y = rows.y;
  let nChurned = 0;
  for (const v of y) nChurned += v;
  const bandRates = bandChurnRates(bandCodes, y, rows.arr);
  const green = churnShareInBand(bandCodes, y, 2, rows.arr);
  const red = churnShareInBand(bandCodes, y, 0, rows.arr);
  const lead = input.leadDays
    ? summarizeLeadTimes(input.leadDays)
    : leadTimeNotApplicable(nChurned);
  // What qualifies every figure comes first: the same-day label, then outcomes left out.
  const warnings = [
    ...(isSameDay(rows.horizonDays) ? [SAME_DAY_WARNING] : []),
    ...coverageWarnings(
      rows.horizonDays,
      input.coverage,
      input.unscored,
      input.unscoredWithDatedData,
      input.scoredWithoutDatedData,
    ),
    // With nothing scored, the left-out sentence says why; "only 0 churned" would only confuse.
    ...(y.length === 0 && input.unscored > 0 ? [] : smallSampleWarnings(nChurned, bandRates)),
    ...(input.extraWarnings ?? []),
  ];
  if (y.length > 0 && nChurned === y.length)
    warnings.push('Every outcome is a churn: discrimination cannot be measured.');
  if (y.length > 0 && nChurned === 0)
    warnings.push('No churned outcomes: discrimination cannot be measured.');

  const churnedWhileGreen: ChurnedWhileGreen[] = [];
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1 || bandCodes[i] !== 2) continue;
    churnedWhileGreen.push({
      accountId: rows.accountIds[i],
      outcomeDay: rows.outcomeDays[i],
      predictionDay: rows.predictionDays[i],
      score: scores[i],
      arr: Number.isFinite(rows.arr[i]) ? rows.arr[i] : null,
    });
  }
  const kinds: OutcomeKind[] = ['churned', 'contracted', 'renewed', 'expanded'];
  const outcomeKinds = kinds.map((outcome) => {
    let n = 0;
    let sum = 0;
    const bands: Record<Band, number> = { red: 0, amber: 0, green: 0 };
    rows.kinds.forEach((k, i) => {
      if (k !== outcome) return;
      n++;
      sum += scores[i];
      bands[BAND_CODES[bandCodes[i]]]++;
    });
    return { outcome, n, meanScore: n ? sum / n : NaN, bands };
  });

  return {
    n_outcomes: y.length,
    n_churned: nChurned,
    horizon_days: rows.horizonDays,
    auc: finiteOrNull(rocAuc(y, probabilities)),
    pr_auc: finiteOrNull(averagePrecision(y, probabilities)),
    brier: finiteOrNull(brierScore(y, probabilities)),
    log_loss: finiteOrNull(logLoss(y, probabilities)),
    green_churn_share: finiteOrNull(green.accounts),
    bands: bandRates.map((b) => ({
      band: b.band,
      n: b.n,
      churn_rate: finiteOrNull(b.churnRate),
      ci_low: finiteOrNull(b.ciLow),
      ci_high: finiteOrNull(b.ciHigh),
    })),
    lead_time_days: {
      median: finiteOrNull(lead.median),
      p25: finiteOrNull(lead.p25),
      p75: finiteOrNull(lead.p75),
    },
    warnings,
    details: {
      probability: input.probability,
      green_churn_arr_share: finiteOrNull(green.arr),
      arr_weighted_auc: rows.arr.every((a) => Number.isFinite(a) && a >= 0)
        ? finiteOrNull(rocAuc(y, probabilities, rows.arr))
        : null,
      red_capture: { accounts: finiteOrNull(red.accounts), arr: finiteOrNull(red.arr) },
      band_rates: bandRates,
      roc: rocCurve(y, probabilities),
      reliability: reliabilityBins(y, probabilities, 10),
      renewal_by_score: renewalByScore(scores, y),
      calibrated:
        input.probability === 'one_minus_score'
          ? plattCalibration(scores, y, rows.accountIds)
          : null,
      lift: liftCurve(y, probabilities, undefined, rows.arr),
      lead_time: lead,
      churned_while_green: churnedWhileGreen,
      outcome_kinds: outcomeKinds,
      excluded: {
        unscored: input.unscored,
        unavoidable: rows.excludedUnavoidable,
        unknown_accounts: rows.unknownAccounts,
      },
      data_coverage: {
        ...input.coverage,
        scored_without_dated_data: input.scoredWithoutDatedData,
      },
    },
  };
}
