// Live queries for the pages: re-run a read whenever the tables it read change, in this tab or
// another (Dexie propagates changes across tabs). Re-exported so only db/ imports Dexie.
import { liveQuery, type Observable } from 'dexie';

/** A query result that updates itself; `subscribe` matches the Svelte store contract. */
export type LiveResult<T> = Observable<T>;

/** Runs `query` now and again after every committed change to the data it read. */
export function watchQuery<T>(query: () => Promise<T> | T): LiveResult<T> {
  return liveQuery(query);
}
