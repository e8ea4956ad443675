// Live queries for the pages: re-run a read whenever the tables it read change, in this tab or
// another (Dexie propagates changes across tabs). Re-exported so only db/ imports Dexie.
import { Dexie, liveQuery, RangeSet, type Observable } from 'dexie';

/** A query result that updates itself; `subscribe` matches the Svelte store contract. */
export type LiveResult<T> = Observable<T>;

/** Runs `query` now and again after every committed change to the data it read. */
export function watchQuery<T>(query: () => Promise<T> | T): LiveResult<T> {
  return liveQuery(query);
}

/**
 * Makes every live query in this tab (and other tabs) run again. Called after the worker
 * finishes writing: its change notices reach this tab asynchronously and, under load, a query
 * could otherwise keep showing the state from before the worker's last commit.
 */
export function refreshLiveQueries(): void {
  Dexie.on.storagemutated.fire({ all: new RangeSet(-Infinity, [[]]) });
}
