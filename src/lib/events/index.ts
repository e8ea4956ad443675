// The app's one typed event map (in the style of Immich web's event manager): services emit
// what happened to the book — a rescore with the accounts it moved, the book replaced — and
// rune stores or pages subscribe, instead of each write path refreshing what it knows about.
import type { ScoreChange } from '$lib/engine';
import type { RescoreSummary } from '$lib/worker/ops/rescore';

/** Every event, with its payload. */
export interface CanaryEvents {
  /**
   * A rescore finished (after any change: an account edit, an import or its undo, a model
   * saved or activated, a backup restored, the daily start-up rescore).
   */
  'scores.changed': { summary: RescoreSummary; changes: ScoreChange[]; cause: string };
  /** The whole book was replaced (demo loaded, backup restored) or erased. */
  'book.replaced': { reason: 'demo' | 'restore' | 'erase' };
}

export type EventName = keyof CanaryEvents;
type Handler<E extends EventName> = (payload: CanaryEvents[E]) => void;

/** A small typed publish/subscribe hub; handlers run in order of subscription. */
export class EventManager<Events extends object> {
  #handlers = new Map<keyof Events, Set<(payload: never) => void>>();

  /** Subscribes; returns the function that unsubscribes. */
  on<E extends keyof Events>(event: E, handler: (payload: Events[E]) => void): () => void {
    let set = this.#handlers.get(event);
    if (!set) this.#handlers.set(event, (set = new Set()));
    set.add(handler as (payload: never) => void);
    return () => void set.delete(handler as (payload: never) => void);
  }

  /** Subscribes for the next event only. */
  once<E extends keyof Events>(event: E, handler: (payload: Events[E]) => void): () => void {
    const off = this.on(event, (payload) => {
      off();
      handler(payload);
    });
    return off;
  }

  /**
   * Calls every handler of `event` with `payload`. A handler that throws is reported on the
   * console and does not stop the others.
   */
  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const handler of [...(this.#handlers.get(event) ?? [])]) {
      try {
        (handler as (p: Events[E]) => void)(payload);
      } catch (e) {
        console.error(`A "${String(event)}" handler failed`, e);
      }
    }
  }
}

/** The app's events. */
export const events = new EventManager<CanaryEvents>();

export type { Handler as EventHandler };
