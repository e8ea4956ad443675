// The one long-running book operation in progress (demo load, rescore, import…): its progress
// and a way to cancel it. Pages read it to show a progress bar; services drive it.
import { refreshLiveQueries } from '$lib/db/live';
import type { Progress } from '$lib/worker/client';

class BookStatus {
  /** True from page load until the start-up check (first-visit demo, stale scores) has decided. */
  starting = $state(true);
  busy = $state(false);
  cancellable = $state(false);
  progress = $state<Progress>({ fraction: 0, label: '' });
  #controller: AbortController | null = null;
  #idleListeners = new Set<() => void>();

  /** Calls `listener` each time an operation ends; returns the unsubscribe. */
  onIdle(listener: () => void): () => void {
    this.#idleListeners.add(listener);
    return () => this.#idleListeners.delete(listener);
  }

  /** Runs `work` as the current operation, exposing progress and an abort signal. */
  async run<T>(
    label: string,
    work: (signal: AbortSignal, onProgress: (p: Progress) => void) => Promise<T>,
    { cancellable = true } = {},
  ): Promise<T> {
    this.#controller = new AbortController();
    this.busy = true;
    this.cancellable = cancellable;
    this.progress = { fraction: 0, label };
    try {
      return await work(this.#controller.signal, (p) => (this.progress = p));
    } finally {
      refreshLiveQueries();
      this.busy = false;
      for (const listener of this.#idleListeners) listener();
      this.cancellable = false;
      this.#controller = null;
    }
  }

  /** Cancels the current operation, if any. */
  cancel(): void {
    this.#controller?.abort();
  }
}

/** The app's single book-operation status. */
export const bookStatus = new BookStatus();
