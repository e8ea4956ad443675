// The changes page's and the digest's state: the worker-built list and digest for the period in
// the address, and a watch on what they depend on (a rescore rewrites the scoring day; a model
// change the active key; a pulse or override is a new row), so the page can ask again.
import { getDb, readChangesInputsKey, watchQuery } from '$lib/db';
import type { ChangesData } from '$lib/worker/ops/changes';

class ChangesState {
  data = $state.raw<ChangesData | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #generation = 0;

  /** Starts a load; returns its ticket (a later load makes an earlier one's result stale). */
  begin(): number {
    this.loading = true;
    return ++this.#generation;
  }

  /** Settles load `ticket` with its data or error, unless a later load started since. */
  settle(ticket: number, result: { data: ChangesData } | { error: string }): void {
    if (ticket !== this.#generation) return;
    this.loading = false;
    if ('data' in result) {
      this.data = result.data;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }

  /** Calls `onChange` now and whenever the book is rescored or edited; returns a stop function. */
  watchInputs(onChange: () => void): () => void {
    const db = getDb();
    const sub = watchQuery(() => readChangesInputsKey(db)).subscribe({
      next: () => onChange(),
      error: (e) => (this.error = e instanceof Error ? e.message : String(e)),
    });
    return () => {
      sub.unsubscribe();
      this.#generation++;
    };
  }
}

/** The one changes page state. */
export const changesState = new ChangesState();
