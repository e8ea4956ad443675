// The portfolio as the pages see it: live rows from IndexedDB (kept current across tabs),
// the current view (filters, search, sort) and the saved views.
import {
  getDb,
  getSetting,
  SCORING_DAY_SETTING,
  setSetting,
  watchQuery,
  type AccountRecord,
  type CurrentScoreRecord,
  type ScoringDayRecord,
  listAccounts,
  listCurrentScores,
  listTasksToDo,
  type TaskRecord,
} from '$lib/db';
import { todayDay } from '$lib/engine/dates';
import { bookStatus } from './book-status.svelte';
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
  scoring: ScoringDayRecord | undefined;
  /** Tasks not done yet (for each row's task count). */
  tasks: TaskRecord[];
}

/**
 * Reads everything the portfolio shows, in one go: accounts, current scores and the day they
 * are as of. Each current score carries its summary and recent history, so 5,000 rows cost two
 * small getAll reads.
 */
async function readSnapshot(): Promise<Snapshot> {
  const db = getDb();
  const [accounts, scores, scoring, tasks] = await Promise.all([
    listAccounts(db),
    listCurrentScores(db),
    getSetting<ScoringDayRecord>(db, SCORING_DAY_SETTING),
    listTasksToDo(db),
  ]);
  return { accounts, scores, scoring, tasks };
}

/** Every account has a current score (true between operations, false mid-import or mid-load). */
function consistent(s: Snapshot): boolean {
  return s.scores.length >= s.accounts.length;
}

class PortfolioState {
  rows = $state.raw<PortfolioRow[]>([]);
  /** The day the scores are as of, and why (null before the first rescore that stored it). */
  scoring = $state.raw<ScoringDayRecord | null>(null);
  loaded = $state(false);
  view = $state<PortfolioView>({ ...DEFAULT_VIEW });
  savedViews = $state<SavedView[]>([]);
  visible = $derived(applyView(this.rows, this.view));
  summary = $derived(summarise(this.rows));
  #unsubscribe: (() => void) | null = null;
  #users = 0;
  #pending: Snapshot | null = null;
  #holdTimer: ReturnType<typeof setTimeout> | undefined;

  #apply(s: Snapshot): void {
    // A newer snapshot supersedes one held back earlier.
    this.#pending = null;
    clearTimeout(this.#holdTimer);
    this.rows = buildRows(s.accounts, s.scores, s.tasks, todayDay());
    this.scoring = s.scoring ?? null;
    this.loaded = true;
  }

  /** Starts watching the database; returns a function that stops (reference-counted). */
  connect(): () => void {
    this.#users++;
    if (!this.#unsubscribe) {
      const db = getDb();
      let savedViewsRead = false;
      // Nothing is read until the start-up check has decided (on a first visit the worker
      // creates the database; opening it here first would create it on the main thread) or
      // while a book operation (demo load, import, rescore) writes the book: every commit would
      // re-read every row only to hold the half-written state back, on the main thread, while
      // the page should stay responsive. When the operation ends the query starts again and
      // reads the final state once.
      this.#unsubscribe = $effect.root(() => {
        $effect(() => {
          if (bookStatus.waiting) return;
          if (!savedViewsRead) {
            savedViewsRead = true;
            void getSetting<SavedView[]>(db, SAVED_VIEWS_SETTING).then((v) => {
              if (Array.isArray(v)) this.savedViews = v;
            });
          }
          const sub = watchQuery<Snapshot>(readSnapshot).subscribe({
            next: (s) => {
              // Accounts written but not yet scored (another tab mid-import): hold the snapshot
              // back for a moment rather than re-render half-scored rows.
              if (!consistent(s)) this.#hold(s);
              else this.#apply(s);
            },
            error: (e) => console.error('Portfolio query failed', e),
          });
          return () => sub.unsubscribe();
        });
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

  #hold(s: Snapshot): void {
    this.#pending = s;
    clearTimeout(this.#holdTimer);
    // A state that stays inconsistent (no operation will complete it) is shown after a moment.
    this.#holdTimer = setTimeout(() => {
      if (!bookStatus.busy) this.#applyPending();
    }, 1500);
  }

  #applyPending(): void {
    if (this.#pending) this.#apply(this.#pending);
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

  /** Applies a saved view (views saved before the archive existed show the live portfolio). */
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
