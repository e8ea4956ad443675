// Key/value settings (plain JSON values).
import type { CanaryDb } from './canary-db';

/** Setting key holding the key of the active model version. */
export const ACTIVE_MODEL_SETTING = 'activeModelKey';

/** The value of setting `key`, or undefined when unset. */
export async function getSetting<T = unknown>(db: CanaryDb, key: string): Promise<T | undefined> {
  const record = await db.settings.get(key);
  return record?.value as T | undefined;
}

/** Sets setting `key` to a plain-JSON `value`. */
export async function setSetting(db: CanaryDb, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}

/** Removes setting `key`. */
export async function deleteSetting(db: CanaryDb, key: string): Promise<void> {
  await db.settings.delete(key);
}
