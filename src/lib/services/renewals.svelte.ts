// The renewals page's state: the worker-built view (rebuilt when the book is rescored or the
// active model or its backtest changes) and the CSM's calls, live, set beside the model's.
import {
  ACTIVE_MODEL_SETTING,
  countAccounts,
  getDb,
  getModel,
  getSetting,
  listRenewalCalls,
  SCORING_DAY_SETTING,
  watchQuery,
  type RenewalCallRecord,
} from '$lib/db';
import { todayDay } from '$lib/engine/dates';
import type { RenewalsData } from '$lib/worker/ops/renewals';
import { loadRenewalsInWorker } from './renewals.service';

class RenewalsState {
  data = $state.raw<RenewalsData | null>(null);
  calls = $state.raw<Map<string, RenewalCallRecord>>(new Map());
  loading = $state(false);
  error = $state<string | null>(null);
  #generation = 0;

  /** The stored call on a renewal, if any. */
  callOf(accountId: string, renewalDay: number): RenewalCallRecord | undefined {
    return this.calls.get(`${accountId}\u0000${renewalDay}`);
  }

  /** Watches what the view depends on and the calls; returns a stop function. */
  connect(): () => void {
    const db = getDb();
    // Cheap reads that change whenever the view would: a rescore rewrites the scoring day, a
    // backtest the active model's record, an import or edit the accounts.
    const inputs = watchQuery(async () => {
      const [day, key, accounts] = await Promise.all([
        getSetting(db, SCORING_DAY_SETTING),
        getSetting<string>(db, ACTIVE_MODEL_SETTING),
        countAccounts(db),
      ]);
      const model = key ? await getModel(db, key) : undefined;
      return JSON.stringify([day, key, accounts, (model?.backtest as { ranAt?: number })?.ranAt]);
    }).subscribe({
      next: () => void this.#load(),
      error: (e) => (this.error = String(e)),
    });
    const calls = watchQuery(() => listRenewalCalls(db)).subscribe({
      next: (list) =>
        (this.calls = new Map(list.map((c) => [`${c.accountId}\u0000${c.renewalDay}`, c]))),
      error: (e) => console.error('Renewal calls query failed', e),
    });
    return () => {
      inputs.unsubscribe();
      calls.unsubscribe();
      this.#generation++;
    };
  }

  async #load(): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    try {
      const data = await loadRenewalsInWorker(todayDay());
      if (generation !== this.#generation) return;
      this.data = data;
      this.error = null;
    } catch (e) {
      if (generation === this.#generation) this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }
}

/** The one renewals page state. */
export const renewalsState = new RenewalsState();
