// Saves a model document as the next version of its model id and makes it the active model;
// registered wrapped in `thenRescore`, so the same call rescores the book with it.
import { parseModel, type ModelDocument } from '../../engine';
import { getDb, listModelVersions, saveModelVersion, setActiveModel } from '../../db';
import type { ModelVersionRecord } from '../../db';
import { InputError } from '../errors';

export interface ModelSaveRequest {
  /** A model document (validated again here: nothing is saved when it is invalid). */
  document: ModelDocument;
}

export default async function modelSave(request: ModelSaveRequest): Promise<ModelVersionRecord> {
  const parsed = parseModel(request.document);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new InputError(`The model is invalid (${first.path}: ${first.message}).`);
  }
  const db = getDb();
  const versions = await listModelVersions(db, parsed.model.id);
  const version = versions.reduce((max, v) => Math.max(max, v.version), 0) + 1;
  const record = await saveModelVersion(db, {
    modelId: parsed.model.id,
    version,
    name: parsed.model.name,
    document: { ...parsed.model, version },
  });
  await setActiveModel(db, record.key);
  return record;
}
