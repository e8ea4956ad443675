// The app's one shared database connection, created lazily so that importing db code during
// prerender (no IndexedDB) or in the worker before it needs data does nothing.
import { CanaryDb, DB_NAME, type VersionChangeListener } from './canary-db';

let shared: CanaryDb | null = null;
const listeners = new Set<VersionChangeListener>();

/** The app's database instance; constructed on first call, opened by Dexie on first query. */
export function getDb(): CanaryDb {
  if (!shared) {
    shared = new CanaryDb(DB_NAME);
    shared.onVersionChange((notice) => {
      for (const listener of listeners) listener(notice);
    });
  }
  return shared;
}

/** Opens the shared database now, sending an "outdated" notice if disk holds a newer schema. */
export function openDb(): Promise<CanaryDb> {
  return getDb().openChecked();
}

/**
 * Subscribes to version-change notices of the shared database, whenever it is constructed (and
 * again after closeDb); returns the unsubscribe. Subscribing does not construct it: building the
 * Dexie schema costs the main thread ~10 ms, which a page's start-up need not pay up front.
 */
export function onVersionChange(listener: VersionChangeListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Closes and forgets the shared instance (the next getDb() makes a new one). */
export function closeDb(): void {
  shared?.close();
  shared = null;
}

/**
 * Whether the app's database exists yet (false on a first visit), asked without opening it.
 * Resolves true when the browser cannot tell (no indexedDB.databases()), so callers treat an
 * unknown as "not a first visit".
 */
export async function databaseExists(name: string = DB_NAME): Promise<boolean> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return true;
  try {
    return (await indexedDB.databases()).some((d) => d.name === name);
  } catch {
    return true;
  }
}
