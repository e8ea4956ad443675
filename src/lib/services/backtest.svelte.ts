// The backtest page's state: saved versions (live, with their stored backtests), the chosen
// version and options, the one worker task in progress (backtest, fit or compare) with its
// progress and Cancel, and the latest result of each.
import {
  ACTIVE_MODEL_SETTING,
  getDb,
  getSetting,
  watchQuery,
  type ModelVersionRecord,
  listModelVersions,
} from '$lib/db';
import type { Progress } from '$lib/worker/client';
import type { BacktestRun } from '$lib/worker/ops/backtest';
import type { VersionComparison } from '$lib/worker/ops/compare';
import type { FitRequest, FitSuggestion } from '$lib/worker/ops/fit';
import type { BacktestCoverage } from '$lib/worker/ops/backtest-coverage';
import {
  acceptFittedModel,
  compareInWorker,
  coverageInWorker,
  failureMessage,
  isCancelled,
  runBacktestInWorker,
  suggestWeightsInWorker,
} from './backtest.service';
import { versionOptions, type VersionOption } from '$lib/state/backtest-view';

/** The horizons offered (days before the outcome); 0 is the same-day test (weaker evidence). */
export const HORIZON_CHOICES = [0, 30, 60, 90] as const;
const DEFAULT_HORIZONS = [30, 60, 90];

type TaskKind = 'backtest' | 'fit' | 'compare';

/** Options of "Suggest weights" the user sets. */
export interface FitChoices {
  horizonDays: number;
  folds: number;
  split: 'account' | 'time';
  thresholdRule: 'share' | 'capacity';
  /** Percent of churn the red band should catch. */
  redCatchPercent: number;
  capacity: number;
}

class BacktestState {
  loaded = $state(false);
  records = $state.raw<ModelVersionRecord[]>([]);
  activeKey = $state<string | null>(null);
  options = $derived<VersionOption[]>(versionOptions(this.records, this.activeKey));
  /** Chosen version key; null follows the active model. */
  selectedKey = $state<string | null>(null);
  horizons = $state<number[]>([...DEFAULT_HORIZONS]);
  /** Outcomes with dated data per horizon, measured when the page opens (null until known). */
  coverage = $state.raw<BacktestCoverage | null>(null);
  excludeUnavoidable = $state(false);
  /** Horizon whose details are shown. */
  viewHorizon = $state(60);

  task = $state<TaskKind | null>(null);
  progress = $state<Progress>({ fraction: 0, label: '' });
  /** Outcome of the last task that did not produce a result (cancelled or failed). */
  notice = $state<{ kind: 'info' | 'error'; text: string } | null>(null);

  run = $state.raw<BacktestRun | null>(null);
  fit = $state.raw<FitSuggestion | null>(null);
  fitChoices = $state<FitChoices>({
    horizonDays: 60,
    folds: 5,
    split: 'account',
    thresholdRule: 'share',
    redCatchPercent: 50,
    capacity: 20,
  });
  accepting = $state(false);
  comparison = $state.raw<VersionComparison | null>(null);
  compareKeys = $state<{ before: string | null; after: string | null }>({
    before: null,
    after: null,
  });

  #controller: AbortController | null = null;
  /** The user chose horizons themselves: coverage no longer picks them. */
  #horizonsTouched = false;
  /** Horizon 0 was chosen because the book could only be tested on the same day. */
  #sameDayChosen = false;

  /** The version a backtest or fit runs on (the chosen one, else the active one). */
  get targetKey(): string | null {
    return this.selectedKey ?? this.activeKey;
  }

  /** Starts watching saved versions and the active key; returns a stop function. */
  connect(): () => void {
    const db = getDb();
    const sub = watchQuery(async () => {
      const [activeKey, records] = await Promise.all([
        getSetting<string>(db, ACTIVE_MODEL_SETTING),
        listModelVersions(db),
      ]);
      return { activeKey: activeKey ?? null, records };
    }).subscribe({
      next: (s) => {
        this.records = s.records;
        this.activeKey = s.activeKey;
        if (this.selectedKey && !s.records.some((r) => r.key === this.selectedKey))
          this.selectedKey = null;
        this.#defaultCompareKeys();
        this.loaded = true;
      },
      error: (e) => console.error('Backtest versions query failed', e),
    });
    void this.#loadCoverage();
    return () => {
      sub.unsubscribe();
      this.cancel();
    };
  }

  /** Turns a horizon on or off (the user's choice from now on). */
  setHorizon(h: number, on: boolean): void {
    this.#horizonsTouched = true;
    this.horizons = on ? [...new Set([...this.horizons, h])] : this.horizons.filter((x) => x !== h);
  }

  /**
   * Measures which horizons the book supports; a book whose outcomes can only be tested on the
   * same day (a snapshot dated on its outcomes' day) gets horizon 0 by default, and back.
   */
  async #loadCoverage(): Promise<void> {
    try {
      const coverage = await coverageInWorker({
        horizons: [...HORIZON_CHOICES],
        excludeUnavoidable: this.excludeUnavoidable,
      });
      this.coverage = coverage;
      if (this.#horizonsTouched || this.task) return;
      if (coverage.sameDayOnly && !this.#sameDayChosen) {
        this.#sameDayChosen = true;
        this.horizons = [0];
        this.viewHorizon = 0;
        this.fitChoices.horizonDays = 0;
      } else if (!coverage.sameDayOnly && this.#sameDayChosen) {
        this.#sameDayChosen = false;
        this.horizons = [...DEFAULT_HORIZONS];
        this.viewHorizon = 60;
        this.fitChoices.horizonDays = 60;
      }
    } catch (e) {
      // Advisory only: the run itself reports outcomes it had to leave out.
      console.error('Backtest coverage failed', e);
    }
  }

  #defaultCompareKeys(): void {
    const keys = this.options.map((o) => o.key);
    const valid = (k: string | null) => k !== null && keys.includes(k);
    if (!valid(this.compareKeys.after)) this.compareKeys.after = this.activeKey ?? keys[0] ?? null;
    if (!valid(this.compareKeys.before) || this.compareKeys.before === this.compareKeys.after)
      this.compareKeys.before = keys.find((k) => k !== this.compareKeys.after) ?? null;
  }

  async #task<T>(
    kind: TaskKind,
    label: string,
    work: (signal: AbortSignal, onProgress: (p: Progress) => void) => Promise<T>,
  ): Promise<T | null> {
    if (this.task) return null;
    this.#controller = new AbortController();
    this.task = kind;
    this.notice = null;
    this.progress = { fraction: 0, label };
    try {
      return await work(this.#controller.signal, (p) => (this.progress = p));
    } catch (e) {
      const what = { backtest: 'Backtest', fit: 'Fitting', compare: 'Comparison' }[kind];
      this.notice = isCancelled(e)
        ? { kind: 'info', text: `${what} cancelled. Nothing was changed.` }
        : { kind: 'error', text: `${what} failed: ${failureMessage(e)}` };
      return null;
    } finally {
      this.task = null;
      this.#controller = null;
    }
  }

  /** Cancels the running task (the worker is stopped; nothing is written). */
  cancel(): void {
    this.#controller?.abort();
  }

  /** Backtests the chosen version at the chosen horizons. */
  async runBacktest(): Promise<void> {
    const horizons = [...this.horizons].sort((a, b) => a - b);
    if (horizons.length === 0) return;
    const result = await this.#task('backtest', 'Starting the backtest', (signal, onProgress) =>
      runBacktestInWorker(
        { modelKey: this.targetKey, horizons, excludeUnavoidable: this.excludeUnavoidable },
        signal,
        onProgress,
      ),
    );
    if (!result) return;
    this.run = result;
    if (!horizons.includes(this.viewHorizon))
      this.viewHorizon = horizons.includes(60) ? 60 : horizons[0];
  }

  /** Fits suggested weights for the chosen version. */
  async suggestWeights(): Promise<void> {
    const c = this.fitChoices;
    const request: FitRequest = {
      modelKey: this.targetKey,
      horizonDays: c.horizonDays,
      folds: c.folds,
      split: c.split,
      excludeUnavoidable: this.excludeUnavoidable,
      ...(c.thresholdRule === 'share'
        ? { redCatchShare: c.redCatchPercent / 100 }
        : { capacity: c.capacity }),
    };
    const result = await this.#task('fit', 'Starting the fit', (signal, onProgress) =>
      suggestWeightsInWorker(request, signal, onProgress),
    );
    if (result) this.fit = result;
  }

  /** Saves the suggested model as a new active version (after the page confirmed). */
  async acceptFit(): Promise<void> {
    const fit = this.fit;
    if (!fit || this.accepting) return;
    this.accepting = true;
    try {
      const key = await acceptFittedModel(fit.model, fit.baseName);
      if (key) {
        this.fit = null;
        this.selectedKey = null;
        this.compareKeys = { before: fit.baseKey, after: key };
      }
    } finally {
      this.accepting = false;
    }
  }

  /** Compares the two chosen versions on the same outcomes. */
  async compare(): Promise<void> {
    const { before, after } = this.compareKeys;
    if (!before || !after || before === after) return;
    const horizons = [...this.horizons].sort((a, b) => a - b);
    const result = await this.#task('compare', 'Starting the comparison', (signal, onProgress) =>
      compareInWorker(
        {
          beforeKey: before,
          afterKey: after,
          horizons,
          excludeUnavoidable: this.excludeUnavoidable,
        },
        signal,
        onProgress,
      ),
    );
    if (result) {
      this.comparison = result;
      if (!horizons.includes(this.viewHorizon)) this.viewHorizon = horizons[0];
    }
  }
}

/** The backtest page's one state instance. */
export const backtestState = new BacktestState();
