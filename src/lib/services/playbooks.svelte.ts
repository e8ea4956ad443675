// The Playbooks page's state: the worker-built data, rebuilt whenever a task is created or
// changes status, a playbook is switched or edited, an outcome is recorded or the book is
// rescored (readPlaybooksPageStamp changes), which playbook is being switched, and a playbooks
// file being loaded (checked first: its problems, or what it adds and replaces).
import { getDb, readPlaybooksPageStamp, watchQuery } from '$lib/db';
import { todayDay } from '$lib/engine/dates';
import type { PlaybooksPageData } from '$lib/worker/ops/playbook-effects';
import type { PlaybookSaveResult, PlaybooksFileCheck } from '$lib/worker/ops/playbook-save';
import {
  checkPlaybooksFile,
  deletePlaybookById,
  loadPlaybooksFile,
  loadPlaybooksInWorker,
  restoreShippedPlaybooks,
  savePlaybookDocument,
  setPlaybookOn,
} from './playbooks.service';

class PlaybooksState {
  data = $state.raw<PlaybooksPageData | null>(null);
  error = $state<string | null>(null);
  /** The id of the playbook being switched on or off (its switch waits). */
  switching = $state<string | null>(null);
  /** A file chosen to load, with its check, until it is loaded or dropped. */
  file = $state.raw<{ file: File; check: PlaybooksFileCheck } | null>(null);
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

  /** Saves an edited or new playbook; the page rebuilds on success. */
  async save(mode: 'add' | 'edit', document: unknown): Promise<PlaybookSaveResult | null> {
    const r = await savePlaybookDocument(mode, document);
    if (r?.ok) await this.#load();
    return r;
  }

  async remove(playbook: { id: string; name: string; open: number }): Promise<void> {
    if (await deletePlaybookById(playbook)) await this.#load();
  }

  async restore(): Promise<void> {
    if (await restoreShippedPlaybooks()) await this.#load();
  }

  /** Checks a chosen file (nothing stored yet). */
  async chooseFile(file: File): Promise<void> {
    try {
      this.file = { file, check: await checkPlaybooksFile(file) };
    } catch (e) {
      this.file = {
        file,
        check: {
          ok: false,
          errors: [{ path: '(file)', message: e instanceof Error ? e.message : String(e) }],
        },
      };
    }
  }

  dropFile(): void {
    this.file = null;
  }

  /** Loads the checked file (all or nothing). */
  async loadFile(): Promise<void> {
    const chosen = this.file;
    if (!chosen?.check.ok) return;
    this.file = null;
    if (await loadPlaybooksFile(chosen.file)) await this.#load();
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
