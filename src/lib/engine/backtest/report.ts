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
import {
  brierScore,
  calibrationSlope,
  logLoss,
  reliabilityBins,
  type CalibrationSlope,
  type ReliabilityBin,
} from './calibration';
import { coverageWarnings, isSameDay, SAME_DAY_WARNING, type DataCoverage } from './horizon';
import {
  CENSOR_NONE,
  leadTimeNotApplicable,
  leadTimeWords,
  summarizeLeadTimes,
  type LeadTimeSummary,
} from './lead-time';
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

/** One churned account's lead time: days red before churning, and whether that is only a lower bound. */
export interface ChurnLeadTime {
  accountId: string;
  outcomeDay: number;
  /** Days from the start of the last unbroken red stretch to the churn; null when not red at the last sample. */
  days: number | null;
  /** True when the red stretch reaches the lookback's start, the end of onboarding or a day without a score: at least `days`. */
  censored: boolean;
  /** In words: "42 days", "red for the whole year: ≥ 364 days", "not red before churning". */
  words: string;
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
    /**
     * Calibration slope of this report's probabilities `p` (logistic regression of y on
     * logit(p); 1 = well calibrated, < 1 overconfident): out of sample with `fit`, the score at
     * face value (1 − score/100) without. Null without both outcomes.
     */
    calibration_slope: CalibrationSlope | null;
    renewal_by_score: RenewalBin[];
    /** Score → churn probability (Platt), with out-of-sample Brier/log loss and calibration slope (grouped 5-fold); null for fitted reports. */
    calibrated: PlattCalibration | null;
    lift: LiftPoint[];
    lead_time: LeadTimeSummary;
    /** Lead time of each churned account (empty at the same-day horizon). */
    lead_times: ChurnLeadTime[];
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
  /** Lead time in days per churned row (NaN = not red) with its censoring code; null at the same-day horizon. */
  leadDays: { days: Float64Array; censored: Uint8Array } | null;
  /** How far back the lead-time samples reached (default 364 days). */
  leadLookbackDays?: number;
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
  const lookback = input.leadLookbackDays ?? 364;
  const lead = input.leadDays
    ? summarizeLeadTimes(input.leadDays.days, 30, input.leadDays.censored, lookback)
    : leadTimeNotApplicable(nChurned, lookback);
  const leadByChurn: ChurnLeadTime[] = [];
  if (input.leadDays) {
    let c = 0;
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== 1) continue;
      const days = input.leadDays.days[c];
      const code = input.leadDays.censored[c++];
      leadByChurn.push({
        accountId: rows.accountIds[i],
        outcomeDay: rows.outcomeDays[i],
        days: finiteOrNull(days),
        censored: Number.isFinite(days) && code !== CENSOR_NONE,
        words: leadTimeWords(days, code, lookback),
      });
    }
  }
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
      calibration_slope: calibrationSlope(y, probabilities),
      renewal_by_score: renewalByScore(scores, y),
      calibrated:
        input.probability === 'one_minus_score'
          ? plattCalibration(scores, y, rows.accountIds)
          : null,
      lift: liftCurve(y, probabilities, undefined, rows.arr),
      lead_time: lead,
      lead_times: leadByChurn,
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
