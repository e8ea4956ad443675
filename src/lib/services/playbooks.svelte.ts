// The Playbooks page's state: the worker-built data, rebuilt whenever a task is created or
// changes status, a playbook is switched or edited, an outcome is recorded or the book is
// rescored (readPlaybooksPageStamp changes), and which playbook is being switched.
import { getDb, readPlaybooksPageStamp, watchQuery } from '$lib/db';
import { todayDay } from '$lib/engine/dates';
import type { PlaybooksPageData } from '$lib/worker/ops/playbook-effects';
import { loadPlaybooksInWorker, setPlaybookOn } from './playbooks.service';

class PlaybooksState {
  data = $state.raw<PlaybooksPageData | null>(null);
  error = $state<string | null>(null);
  /** The id of the playbook being switched on or off (its switch waits). */
  switching = $state<string | null>(null);
  #generation = 0;
  #stamp: string | null = null;

  /** Watches what the page depends on; returns a stop function. */
  connect(): () => void {
    const sub = watchQuery(() => readPlaybooksPageStamp(getDb())).subscribe({
      next: (stamp) => {
        if (stamp === this.#stamp) return;
        this.#stamp = stamp;
        void this.#load();
      },
      error: (e) => (this.error = e instanceof Error ? e.message : String(e)),
    });
    return () => {
      sub.unsubscribe();
      this.#stamp = null;
      this.#generation++;
    };
  }

  /** Switches a playbook; the page rebuilds when the stored playbook changes. */
  async setEnabled(
    playbook: { id: string; name: string; open: number },
    enabled: boolean,
  ): Promise<void> {
    if (this.switching) return;
    this.switching = playbook.id;
    try {
      await setPlaybookOn(playbook, enabled);
      await this.#load();
    } finally {
      this.switching = null;
    }
  }

  async #load(): Promise<void> {
    const generation = ++this.#generation;
    try {
      const data = await loadPlaybooksInWorker(todayDay());
      if (generation !== this.#generation) return;
      this.data = data;
      this.error = null;
    } catch (e) {
      if (generation === this.#generation) this.error = e instanceof Error ? e.message : String(e);
    }
  }
}

/** The one Playbooks page state. */
export const playbooksState = new PlaybooksState();
