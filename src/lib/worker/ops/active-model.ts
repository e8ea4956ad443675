// The model the app scores with: the saved active version, or the default model saved as the
// first version on first use.
import { DEFAULT_MODEL, parseModel, type ModelDocument } from '../../engine';
import {
  getActiveModel,
  modelKeyOf,
  saveModelVersion,
  setActiveModel,
  getModelVersion,
  type CanaryDb,
} from '../../db';
import { InputError } from '../errors';

/** The active model document and its storage key. */
export interface ActiveModel {
  key: string;
  model: ModelDocument;
}

/** Returns the active model, saving and activating the default model when there is none. */
export async function ensureActiveModel(db: CanaryDb): Promise<ActiveModel> {
  let record = await getActiveModel(db);
  if (!record) {
    const key = modelKeyOf(DEFAULT_MODEL.id, DEFAULT_MODEL.version);
    record = await getModelVersion(db, key);
    if (!record) {
      record = await saveModelVersion(db, {
        modelId: DEFAULT_MODEL.id,
        version: DEFAULT_MODEL.version,
        name: DEFAULT_MODEL.name,
        document: DEFAULT_MODEL,
      });
    }
    await setActiveModel(db, key);
  }
  const parsed = parseModel(record.document);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new InputError(
      `The active model ${record.key} is invalid: ${first.path}: ${first.message}`,
    );
  }
  return { key: record.key, model: parsed.model };
}
