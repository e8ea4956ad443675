// The renewals view and ARR at risk, built from the stored book: the next twelve months of
// renewals with their churn probability (the active model's last backtest calibration), and
// the ARR of red and amber accounts on each of the past twelve months' days, point in time.
// Reads only. CSM calls are not included: the page reads them live and sets them beside these.
import {
  archivedAccounts,
  arrAtRisk,
  monthlyDays,
  renewalsView,
  type AtRiskAccount,
  type AtRiskPoint,
  type HorizonCalibration,
  type RenewalInput,
  type RenewalsView,
} from '../../engine';
import { readFitDescription } from '../../engine/backtest';
import type { DayNumber } from '../../engine/types';
import {
  DATED_ARR_METRICS,
  getActiveModel,
  getDb,
  getSetting,
  readAtRiskHistory,
  readRenewalsBook,
  SCORING_DAY_SETTING,
  type CurrentScoreRecord,
  type ScoringDayRecord,
} from '../../db';
import type { HorizonSummary, StoredBacktest } from './backtest-summary';

/** What to build. */
export interface RenewalsRequest {
  /** Today's day (the app passes todayDay()). */
  today: DayNumber;
}

/** The backtest the probabilities come from. */
export interface RenewalsBacktest {
  ranAt: number;
  excludeUnavoidable: boolean;
  /** Horizons with a calibration, with their outcome counts and out-of-sample Brier score. */
  horizons: { horizonDays: number; n: number; churned: number; brier: number | null }[];
  /** Backtested horizons that could not be calibrated (one class only, too few accounts). */
  uncalibrated: number[];
  /** The model version was fitted to these outcomes: its backtest is in sample. */
  inSample: boolean;
}

/** The renewals page's data. */
export interface RenewalsData {
  today: DayNumber;
  model: { key: string; name: string; version: number } | null;
  /** Null: the active model has no backtest yet (or one stored before calibrations were kept). */
  backtest: RenewalsBacktest | null;
  view: RenewalsView;
  atRisk: {
    points: AtRiskPoint[];
    /** The last day of the series: the book's scoring day. */
    endDay: DayNumber;
  };
  ms: number;
}

function statusOf(score: CurrentScoreRecord | undefined): RenewalInput['status'] {
  if (!score) return 'unscored';
  return score.summary.status ?? (score.band ? 'scored' : 'unscored');
}

function readBacktest(stored: unknown, description: string): RenewalsBacktest | null {
  const b = stored as Partial<StoredBacktest> | undefined;
  if (!b || !Array.isArray(b.horizons) || typeof b.ranAt !== 'number') return null;
  const horizons = b.horizons as HorizonSummary[];
  // Summaries stored before calibrations were kept have no `calibration` field: run it again.
  if (!horizons.some((h) => 'calibration' in h)) return null;
  const calibrated = horizons.filter((h) => h.calibration);
  return {
    ranAt: b.ranAt,
    excludeUnavoidable: b.excludeUnavoidable === true,
    horizons: calibrated.map((h) => ({
      horizonDays: h.horizon_days,
      n: h.n_outcomes,
      churned: h.n_churned,
      brier: h.calibration!.brier,
    })),
    uncalibrated: horizons.filter((h) => !h.calibration).map((h) => h.horizon_days),
    inSample: readFitDescription(description) !== null,
  };
}

function calibrationsOf(stored: unknown): HorizonCalibration[] {
  const horizons = ((stored as StoredBacktest | undefined)?.horizons ?? []) as HorizonSummary[];
  return horizons
    .filter((h) => h.calibration)
    .map((h) => ({
      horizonDays: h.horizon_days,
      mapping: { a: h.calibration!.a, b: h.calibration!.b },
      n: h.n_outcomes,
      churned: h.n_churned,
    }));
}

/** Builds the renewals view and ARR at risk. */
export default async function renewals(request: RenewalsRequest): Promise<RenewalsData> {
  const started = performance.now();
  const db = getDb();
  const [book, active, scoringDay] = await Promise.all([
    readRenewalsBook(db),
    getActiveModel(db),
    getSetting<ScoringDayRecord>(db, SCORING_DAY_SETTING),
  ]);
  const description = String((active?.document as { description?: unknown })?.description ?? '');
  const backtest = active ? readBacktest(active.backtest, description) : null;
  const calibrations = backtest ? calibrationsOf(active!.backtest) : [];
  const archived = archivedAccounts(book.outcomes);
  const scores = new Map(book.scores.map((s) => [s.accountId, s]));

  const inputs: RenewalInput[] = [];
  for (const a of book.accounts) {
    if (a.renewalDate === null || archived.has(a.id)) continue;
    const s = scores.get(a.id);
    inputs.push({
      accountId: a.id,
      name: a.name || a.id,
      owner: a.owner,
      renewalDay: a.renewalDate,
      arr: a.arr,
      score: s?.score ?? null,
      band: s?.band ?? null,
      status: statusOf(s),
    });
  }
  const view = renewalsView(inputs, calibrations, request.today);

  const endDay = scoringDay?.day ?? request.today;
  const history = active ? await readAtRiskHistory(db, active.key) : { history: [], arrSeries: [] };
  const arrSeries = new Map<string, { days: Int32Array; values: Float64Array }>();
  for (const s of history.arrSeries) {
    const factor = DATED_ARR_METRICS[s.metric.toLowerCase()];
    // An account with both keeps its arr series: it is the annual figure as recorded.
    if (arrSeries.has(s.accountId) && factor !== 1) continue;
    arrSeries.set(s.accountId, {
      days: s.days,
      values: factor === 1 ? s.values : Float64Array.from(s.values, (v) => v * factor),
    });
  }
  const outcomesOf = new Map<string, AtRiskAccount['outcomes'][number][]>();
  for (const o of book.outcomes) {
    let list = outcomesOf.get(o.accountId);
    if (!list) outcomesOf.set(o.accountId, (list = []));
    list.push({ day: o.day, outcome: o.outcome });
  }
  const arrToday = new Map(book.accounts.map((a) => [a.id, a.arr]));
  const atRiskAccounts: AtRiskAccount[] = history.history.map((h) => {
    const series = arrSeries.get(h.accountId);
    return {
      accountId: h.accountId,
      historyDays: h.days,
      historyBands: h.bands,
      arrDays: series?.days ?? null,
      arrValues: series?.values ?? null,
      arrToday: arrToday.get(h.accountId) ?? null,
      outcomes: outcomesOf.get(h.accountId) ?? [],
    };
  });

  return {
    today: request.today,
    model: active ? { key: active.key, name: active.name, version: active.version } : null,
    backtest,
    view,
    atRisk: {
      points: arrAtRisk(atRiskAccounts, monthlyDays(endDay, 12)),
      endDay,
    },
    ms: performance.now() - started,
  };
}
