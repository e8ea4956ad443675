// Pure helpers of the backtest page: plain-language readings of the metrics, the renewal
// statement, the stored backtest of a version, and the version picker's labels. Tested in Node.
import type { FitRecord, HorizonReport } from '$lib/engine/backtest';
// The horizon helpers alone (not the backtest index), so the page bundle stays free of the engine.
import { isSameDay, predictionDayPhrase } from '../engine/backtest/horizon';
import type { ModelVersionRecord } from '$lib/db';
import type { RenewalStatement, StoredBacktest } from '$lib/worker/ops/backtest-summary';
import type { BacktestCoverage } from '$lib/worker/ops/backtest-coverage';
import { formatInteger } from '../format';

const pct = (v: number) => `${Math.round(100 * v)}%`;

/** How well an AUC separates churners from renewals, in words. */
export function aucReading(auc: number | null): string {
  if (auc === null) return 'cannot be measured on this data';
  if (auc < 0.55) return 'no better than chance';
  if (auc < 0.65) return 'weak';
  if (auc < 0.75) return 'fair';
  if (auc < 0.85) return 'good';
  return 'strong';
}

/** A metric for display: fixed decimals, or "n/a" when it could not be computed. */
export function metric(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(digits);
}

/** A share as a whole percentage, or "n/a". */
export function share(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : pct(v);
}

/** "95% CI 90–98%" of an interval, or "" when unknown. */
export function interval(lo: number | null, hi: number | null): string {
  return lo === null || hi === null ? '' : `95% CI ${pct(lo)}–${pct(hi)}`;
}

/** The headline "scoring X or more renewed Y%" sentence, or why it is refused. */
export function renewalSentence(statements: readonly RenewalStatement[]): {
  text: string;
  refused: boolean;
} {
  const best = statements.find((s) => s.enough && s.rate !== null);
  if (best && best.rate !== null) {
    return {
      refused: false,
      text: `Accounts scoring ${best.threshold} or more renewed ${pct(best.rate)} of the time (n = ${best.n}, ${interval(best.ciLow, best.ciHigh)}).`,
    };
  }
  const widest = statements.reduce<RenewalStatement | null>(
    (m, s) => (m === null || s.n > m.n ? s : m),
    null,
  );
  const need = widest?.minOutcomes ?? 30;
  return {
    refused: true,
    text: widest
      ? `Not enough outcomes to say how often high scorers renew: even at ${widest.threshold} or more there are only ${widest.n} (at least ${need} are needed for a rate with a useful interval).`
      : 'No outcomes were scored, so no renewal rate can be given.',
  };
}

/** Reads a version's stored backtest summary; null when absent or of an unknown shape. */
export function readStoredBacktest(value: unknown): StoredBacktest | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<StoredBacktest>;
  if (v.format !== 'canary-backtest/1' || !Array.isArray(v.horizons)) return null;
  if (typeof v.ranAt !== 'number') return null;
  return v as StoredBacktest;
}

/** A horizon in a few words: "same day" for 0, else "60 days". */
export function horizonLabel(horizonDays: number): string {
  return isSameDay(horizonDays) ? 'same day' : `${horizonDays} days`;
}

/** When each outcome was scored: "on the outcome day" or "60 days before the outcome". */
export { predictionDayPhrase };

/** The stored backtest in one line: "AUC 0.844 at 60 days (144 outcomes, 36 churned)". */
export function storedBacktestLine(stored: StoredBacktest | null, preferHorizon = 60): string {
  if (!stored || stored.horizons.length === 0) return 'not backtested yet';
  const h = stored.horizons.find((x) => x.horizon_days === preferHorizon) ?? stored.horizons[0];
  const at = isSameDay(h.horizon_days) ? 'on the same day' : `at ${h.horizon_days} days`;
  return `AUC ${metric(h.auc)} ${at} (${formatInteger(h.n_outcomes)} outcomes, ${formatInteger(h.n_churned)} churned)`;
}

/**
 * Said above the results of a version that is itself a fit to outcomes (Suggest weights, or
 * "Build a model from your data" with outcomes): backtested on the outcomes it was fitted to,
 * it is measured in sample. Null for any other version.
 */
export function inSampleNote(fit: FitRecord | null): string | null {
  if (!fit) return null;
  const when = isSameDay(fit.horizonDays)
    ? 'on the same day as each'
    : `${fit.horizonDays} days before each`;
  const auc =
    fit.auc === null
      ? ''
      : ` When it was fitted, its out-of-sample AUC — measured only on accounts each fit never saw — was ${metric(fit.auc)}: that is the honest figure.`;
  return `In sample: this version was fitted to ${formatInteger(fit.outcomes)} outcomes (${formatInteger(fit.churned)} churned), scored ${when}. A backtest on the outcomes it was fitted to reads better than it would on outcomes it never saw.${auc} Suggest weights below measures it out of sample again.`;
}

/**
 * Said with Suggest weights when the version refitted is itself a fit to outcomes: its column
 * beside the refit is measured on the outcomes it was fitted to (in sample). Null otherwise.
 */
export function baseInSampleNote(fit: FitRecord | null, baseName: string): string | null {
  if (!fit) return null;
  const auc =
    fit.auc === null ? '' : ` Its out-of-sample AUC when it was fitted was ${metric(fit.auc)}.`;
  return `${baseName} is itself a fit to ${formatInteger(fit.outcomes)} outcomes (${formatInteger(fit.churned)} churned): its figures below are in sample, measured on the outcomes it was fitted to, and read better than it would do on outcomes it never saw.${auc}`;
}

/** One entry of the version picker. */
export interface VersionOption {
  key: string;
  label: string;
  active: boolean;
  stored: StoredBacktest | null;
}

/** Version picker entries, newest first, the active one marked, with their stored backtests. */
export function versionOptions(
  records: readonly ModelVersionRecord[],
  activeKey: string | null,
): VersionOption[] {
  return [...records]
    .sort((a, b) => b.createdAt - a.createdAt || b.version - a.version)
    .map((r) => {
      const stored = readStoredBacktest(r.backtest);
      const active = r.key === activeKey;
      return {
        key: r.key,
        active,
        stored,
        label: `${r.name} v${r.version}${active ? ' (active)' : ''} — ${storedBacktestLine(stored)}`,
      };
    });
}

/** The report of a horizon, or the first one. */
export function reportAt<T extends { horizon_days: number }>(
  reports: readonly T[],
  horizon: number,
): T | undefined {
  return reports.find((r) => r.horizon_days === horizon) ?? reports[0];
}

/** One row of the side-by-side metric table. */
export interface MetricRow {
  label: string;
  before: string;
  after: string;
  /** Which side is better, when the metric has a direction and both are known. */
  better: 'before' | 'after' | 'same' | null;
}

const rowOf = (
  label: string,
  a: number | null,
  b: number | null,
  higherIsBetter: boolean | null,
  fmt: (v: number | null) => string,
): MetricRow => {
  let better: MetricRow['better'] = null;
  if (higherIsBetter !== null && a !== null && b !== null) {
    const d = higherIsBetter ? b - a : a - b;
    better = Math.abs(d) < 1e-9 ? 'same' : d > 0 ? 'after' : 'before';
  }
  return { label, before: fmt(a), after: fmt(b), better };
};

/** The median lead time of two reports; "≥" where censored lead times make it a lower bound. */
function leadRow(a: HorizonReport, b: HorizonReport): MetricRow {
  const row = rowOf(
    'Median lead time (days red before churn)',
    a.lead_time_days.median,
    b.lead_time_days.median,
    true,
    (v) => metric(v, 0),
  );
  const bound = (r: HorizonReport, text: string) =>
    r.details.lead_time.lowerBound.median && r.lead_time_days.median !== null ? `≥ ${text}` : text;
  return { ...row, before: bound(a, row.before), after: bound(b, row.after) };
}

/** Every headline metric of two reports on the same outcomes, with which one is better. */
export function compareMetricRows(a: HorizonReport, b: HorizonReport): MetricRow[] {
  const m3 = (v: number | null) => metric(v);
  const red = (r: HorizonReport) => r.details.red_capture.accounts;
  // Same day: nothing is predicted ahead, so lead-time rows would only show "n/a".
  const lead = a.details.lead_time.applicable && b.details.lead_time.applicable;
  return [
    rowOf('Outcomes scored', a.n_outcomes, b.n_outcomes, null, formatInteger),
    rowOf('Churned', a.n_churned, b.n_churned, null, formatInteger),
    rowOf('ROC AUC', a.auc, b.auc, true, m3),
    rowOf('PR AUC (average precision)', a.pr_auc, b.pr_auc, true, m3),
    rowOf('Brier score', a.brier, b.brier, false, m3),
    rowOf('Log loss', a.log_loss, b.log_loss, false, m3),
    rowOf('Churned while green', a.green_churn_share, b.green_churn_share, false, share),
    rowOf('Churned accounts red beforehand', red(a), red(b), true, share),
    ...(lead
      ? [
          leadRow(a, b),
          rowOf(
            'Red ≥ 60 days before churning',
            a.details.lead_time.shareAtLeast60,
            b.details.lead_time.shareAtLeast60,
            true,
            share,
          ),
        ]
      : []),
    ...a.bands.map((band, i) =>
      rowOf(
        `Churn rate in ${band.band} (n ${band.n} → ${b.bands[i]?.n ?? 0})`,
        band.churn_rate,
        b.bands[i]?.churn_rate ?? null,
        null,
        share,
      ),
    ),
  ];
}

/** The sentence shown when a book's outcomes can only be tested on the same day. */
export const SAME_DAY_ONLY_NOTE =
  'No outcome in this book has data dated before its own day (for example a snapshot dated on the day of its outcomes), so only a same-day test is possible and horizon 0 is chosen. It shows how well the data separates churned from renewed accounts on the outcome day: weaker evidence than a point-in-time horizon, with no lead time.';

/**
 * What the run controls say about the chosen horizons before a run: the same-day-only note,
 * and each chosen horizon at which most outcomes have no dated data by their prediction day.
 */
export function coverageNotes(
  coverage: BacktestCoverage | null,
  chosen: readonly number[],
): string[] {
  if (!coverage || coverage.outcomes === 0) return [];
  const notes = coverage.sameDayOnly ? [SAME_DAY_ONLY_NOTE] : [];
  for (const { horizonDays, coverage: c } of coverage.horizons) {
    if (isSameDay(horizonDays) || !chosen.includes(horizonDays)) continue;
    const missing = c.outcomes - c.byPredictionDay;
    if (2 * missing <= c.outcomes) continue;
    notes.push(
      `At ${horizonDays} days, ${formatInteger(missing)} of ${formatInteger(c.outcomes)} outcomes have no signal or pulse dated on or before their prediction day: they are left out, or scored from undated account attributes alone.`,
    );
  }
  return notes;
}
