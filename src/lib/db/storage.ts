// Browser storage quota and persistence (navigator.storage), with typed results. Not Dexie:
// kept apart so the settings page can use it without touching the database.

/** Bytes used and available to this origin, when the browser can tell. */
export type StorageEstimateResult =
  { supported: true; usage: number; quota: number } | { supported: false };

/**
 * Outcome of asking for persistent storage: `granted` (the browser will not evict our data
 * under pressure), `denied`, or `unsupported` (no navigator.storage.persist here).
 */
export type PersistenceResult = 'granted' | 'denied' | 'unsupported';

interface StorageManagerLike {
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
}

function storageManager(): StorageManagerLike | undefined {
  return (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator?.storage;
}

/** Current usage and quota of this origin's storage. */
export async function storageEstimate(): Promise<StorageEstimateResult> {
  const storage = storageManager();
  if (typeof storage?.estimate !== 'function') return { supported: false };
  const { usage, quota } = await storage.estimate();
  if (typeof usage !== 'number' || typeof quota !== 'number') return { supported: false };
  return { supported: true, usage, quota };
}

/** Asks the browser to keep this origin's data persistent (exempt from eviction). */
export async function requestPersistence(): Promise<PersistenceResult> {
  const storage = storageManager();
  if (typeof storage?.persist !== 'function') return 'unsupported';
  return (await storage.persist()) ? 'granted' : 'denied';
}

/** Whether storage is already persistent; null when the browser cannot tell. */
export async function isStoragePersisted(): Promise<boolean | null> {
  const storage = storageManager();
  if (typeof storage?.persisted !== 'function') return null;
  return storage.persisted();
}
