// One account as the account page sees it: a live snapshot of everything stored about it
// (kept current across tabs by watchQuery) and the worker's what-if analysis of its score.
import { getDb, watchQuery } from '$lib/db';
import type { WhatIfResult } from '$lib/worker/ops/what-if';
import { readAccount, type AccountSnapshot } from './account-read';

class AccountState {
  /** The latest snapshot of the connected account (null until the first read). */
  data = $state.raw<AccountSnapshot | null>(null);
  /** The worker's what-if analysis of the current score, when computed. */
  whatIf = $state.raw<WhatIfResult | null>(null);
  whatIfError = $state<string | null>(null);
  loadError = $state<string | null>(null);
  /** When (performance.now()) the read behind `data` started: a read older than a book change may miss it. */
  readAt = $state(0);
  /** The engine's breakdown of the current score. */
  score = $derived(this.data?.breakdown ?? null);
  #unsubscribe: (() => void) | null = null;
  #accountId: string | null = null;

  /** Watches one account; returns a function that stops watching. */
  connect(accountId: string): () => void {
    this.#unsubscribe?.();
    if (this.#accountId !== accountId) {
      this.data = null;
      this.whatIf = null;
      this.whatIfError = null;
    }
    this.#accountId = accountId;
    this.loadError = null;
    const db = getDb();
    const sub = watchQuery(async () => {
      const startedAt = performance.now();
      return { startedAt, snapshot: await readAccount(db, accountId) };
    }).subscribe({
      next: ({ startedAt, snapshot }) => {
        if (snapshot.accountId !== this.#accountId) return;
        this.data = snapshot;
        this.readAt = startedAt;
      },
      error: (e) => {
        console.error('Account query failed', e);
        this.loadError = e instanceof Error ? e.message : String(e);
      },
    });
    const stop = () => sub.unsubscribe();
    this.#unsubscribe = stop;
    return () => {
      stop();
      if (this.#unsubscribe === stop) this.#unsubscribe = null;
    };
  }

  /** The id of the account being watched. */
  get accountId(): string | null {
    return this.#accountId;
  }
}

/** The one account-page state. */
export const account = new AccountState();
