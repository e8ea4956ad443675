// Storage use, quota and persistence as shown on the Settings page.
import { isStoragePersisted, requestPersistence, storageEstimate } from '$lib/db/storage';

/** Usage and quota in bytes. */
export interface StorageFigures {
  usage: number;
  quota: number;
}

const PERSIST_MESSAGES = {
  granted: 'Granted: the browser will keep Canary’s data even when disk space runs low.',
  denied:
    'Not granted. Browsers often grant it only to installed or frequently used sites: install Canary (the install icon in the address bar) or bookmark it, then ask again. Export a backup regularly meanwhile.',
  unsupported: 'This browser cannot make storage persistent. Export a backup regularly.',
} as const;

class StorageState {
  estimate = $state<StorageFigures | null>(null);
  unsupported = $state(false);
  persisted = $state<boolean | null>(null);
  persistMessage = $state('');

  /** Re-reads usage, quota and the persisted flag. */
  async refresh(): Promise<void> {
    const figures = await storageEstimate();
    if (!figures.supported) this.unsupported = true;
    else this.estimate = { usage: figures.usage, quota: figures.quota };
    this.persisted = await isStoragePersisted();
  }

  /** Asks the browser for persistent storage and records the answer in words. */
  async requestPersist(): Promise<void> {
    const result = await requestPersistence();
    this.persisted = result === 'granted' ? true : (this.persisted ?? false);
    this.persistMessage = PERSIST_MESSAGES[result];
  }
}

/** The one storage state instance. */
export const storageState = new StorageState();
