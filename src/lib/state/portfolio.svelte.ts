// The portfolio as the pages see it: live rows from IndexedDB (kept current across tabs),
// the current view (filters, search, sort) and the saved views.
import {
  ACTIVE_MODEL_SETTING,
  getDb,
  getSetting,
  setSetting,
  watchQuery,
  type AccountRecord,
  type CurrentScoreRecord,
  type ScoreHistoryRecord,
} from '$lib/db';
import { buildRows, type PortfolioRow } from './portfolio-row';
import { applyView, DEFAULT_VIEW, summarise, type PortfolioView } from './portfolio-view';

const SAVED_VIEWS_SETTING = 'portfolioSavedViews';

/** A named saved view. */
export interface SavedView {
  name: string;
  view: PortfolioView;
}

interface Snapshot {
  accounts: AccountRecord[];
  scores: CurrentScoreRecord[];
  history: ScoreHistoryRecord[];
}

class PortfolioState {
  rows = $state.raw<PortfolioRow[]>([]);
  loaded = $state(false);
  view = $state<PortfolioView>({ ...DEFAULT_VIEW });
  savedViews = $state<SavedView[]>([]);
  visible = $derived(applyView(this.rows, this.view));
  summary = $derived(summarise(this.rows));
  #unsubscribe: (() => void) | null = null;
  #users = 0;

  /** Starts watching the database; returns a function that stops (reference-counted). */
  connect(): () => void {
    this.#users++;
    if (!this.#unsubscribe) {
      const db = getDb();
      const sub = watchQuery<Snapshot>(async () => {
        const activeKey = await getSetting<string>(db, ACTIVE_MODEL_SETTING);
        const [accounts, scores, history] = await Promise.all([
          db.accounts.toArray(),
          db.currentScores.toArray(),
          activeKey ? db.scoreHistory.where('modelKey').equals(activeKey).toArray() : [],
        ]);
        return { accounts, scores, history };
      }).subscribe({
        next: (s) => {
          this.rows = buildRows(s.accounts, s.scores, s.history);
          this.loaded = true;
        },
        error: (e) => console.error('Portfolio query failed', e),
      });
      this.#unsubscribe = () => sub.unsubscribe();
      void getSetting<SavedView[]>(db, SAVED_VIEWS_SETTING).then((v) => {
        if (Array.isArray(v)) this.savedViews = v;
      });
    }
    return () => {
      this.#users--;
      if (this.#users === 0) {
        this.#unsubscribe?.();
        this.#unsubscribe = null;
      }
    };
  }

  /** Resets filters, search and sort. */
  resetView(): void {
    this.view = { ...DEFAULT_VIEW };
  }

  /** Sorts by a column; choosing the current column again flips the direction. */
  sortBy(key: PortfolioView['sort']): void {
    if (this.view.sort === key) this.view.descending = !this.view.descending;
    else this.view = { ...this.view, sort: key, descending: key === 'arr' };
  }

  /** Saves the current view under a name (replacing one of the same name). */
  async saveView(name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    const next = [
      ...this.savedViews.filter((v) => v.name !== trimmed),
      { name: trimmed, view: $state.snapshot(this.view) },
    ];
    this.savedViews = next;
    await setSetting(getDb(), SAVED_VIEWS_SETTING, next);
  }

  /** Applies a saved view. */
  applySaved(name: string): void {
    const found = this.savedViews.find((v) => v.name === name);
    if (found) this.view = { ...DEFAULT_VIEW, ...found.view };
  }

  /** Deletes a saved view. */
  async deleteView(name: string): Promise<void> {
    this.savedViews = this.savedViews.filter((v) => v.name !== name);
    await setSetting(getDb(), SAVED_VIEWS_SETTING, $state.snapshot(this.savedViews));
  }
}

/** The one portfolio state. */
export const portfolio = new PortfolioState();
