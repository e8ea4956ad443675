// Model versions: immutable saved documents, plus which one is active.
import type { CanaryDb } from './canary-db';
import { ModelVersionError } from './errors';
import { modelKeyOf, type ModelVersionRecord } from './records';
import { ACTIVE_MODEL_SETTING } from './settings-repo';

/** A model version to save; `key` is derived, `createdAt` defaults to now. */
export type NewModelVersion = Omit<ModelVersionRecord, 'key' | 'createdAt'> & {
  createdAt?: number;
};

/**
 * Saves a new model version. Versions are immutable (scores and backtests refer to them), so
 * saving an existing `modelId@version` throws ModelVersionError.
 */
export async function saveModelVersion(
  db: CanaryDb,
  version: NewModelVersion,
): Promise<ModelVersionRecord> {
  const record: ModelVersionRecord = {
    ...version,
    key: modelKeyOf(version.modelId, version.version),
    createdAt: version.createdAt ?? Date.now(),
  };
  return db.transaction('rw', db.models, async () => {
    if (await db.models.get(record.key)) {
      throw new ModelVersionError(`Model version ${record.key} already exists.`);
    }
    await db.models.add(record);
    return record;
  });
}

/** Attaches (or replaces) the backtest results of a saved model version. */
export async function attachBacktest(db: CanaryDb, key: string, backtest: unknown): Promise<void> {
  const updated = await db.models.update(key, { backtest });
  if (updated === 0) throw new ModelVersionError(`Model version ${key} does not exist.`);
}

/** Saved model versions (of one model, or all), by model id then version. */
export async function listModelVersions(
  db: CanaryDb,
  modelId?: string,
): Promise<ModelVersionRecord[]> {
  const all =
    modelId === undefined
      ? await db.models.toArray()
      : await db.models.where('modelId').equals(modelId).toArray();
  return all.sort((a, b) => a.modelId.localeCompare(b.modelId) || a.version - b.version);
}

/** One saved model version by key. */
export function getModelVersion(
  db: CanaryDb,
  key: string,
): Promise<ModelVersionRecord | undefined> {
  return db.models.get(key);
}

/** The active model version, or undefined when none is set (or it no longer exists). */
export async function getActiveModel(db: CanaryDb): Promise<ModelVersionRecord | undefined> {
  return db.transaction('r', [db.settings, db.models], async () => {
    const key = (await db.settings.get(ACTIVE_MODEL_SETTING))?.value;
    return typeof key === 'string' ? db.models.get(key) : undefined;
  });
}

/** Makes a saved model version the active one; throws ModelVersionError if it is not saved. */
export async function setActiveModel(db: CanaryDb, key: string): Promise<void> {
  await db.transaction('rw', [db.settings, db.models], async () => {
    if (!(await db.models.get(key))) {
      throw new ModelVersionError(`Model version ${key} does not exist.`);
    }
    await db.settings.put({ key: ACTIVE_MODEL_SETTING, value: key });
  });
}
