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

  /**
   * The book is not ready to read or change: the start-up check has not decided yet (a first
   * visit's demo load, a start-up rescore) or an operation is writing it.
   */
  get waiting(): boolean {
    return this.starting || this.busy;
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
      // The worker's change notices can reach this tab after the operation resolves; re-run
      // every live query now so pages show the final state (they answer once busy is false).
      refreshLiveQueries();
      this.busy = false;
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
