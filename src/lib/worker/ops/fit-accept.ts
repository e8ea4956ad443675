// Saves an accepted fit as the next version of the active model's id and makes it active. Only
// ever called after the user confirmed on the backtest page; the caller then rescores the book.
import { parseModel, type ModelDocument } from '../../engine';
import {
  getActiveModel,
  getDb,
  listModelVersions,
  saveModelVersion,
  setActiveModel,
} from '../../db';
import { InputError } from '../errors';

/** The fitted document renamed as the next version of `modelId` ("Health (fitted)"). */
export function asNextVersion(
  fitted: ModelDocument,
  modelId: string,
  version: number,
  baseName: string,
): ModelDocument {
  const name = `${baseName.replace(/ \(fitted\)$/, '')} (fitted)`;
  return { ...fitted, id: modelId, version, name };
}

/** Saves the fitted model as a new, active version; returns its key and version. */
export default async function acceptFit(request: {
  fitted: ModelDocument;
  baseName: string;
}): Promise<{ key: string; version: number }> {
  const db = getDb();
  const active = await getActiveModel(db);
  const modelId = active?.modelId ?? request.fitted.id;
  const versions = await listModelVersions(db, modelId);
  const version = versions.reduce((max, v) => Math.max(max, v.version), 0) + 1;
  const parsed = parseModel(asNextVersion(request.fitted, modelId, version, request.baseName));
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new InputError(`The fitted model is invalid (${first.path}: ${first.message}).`);
  }
  const record = await saveModelVersion(db, {
    modelId,
    version,
    name: parsed.model.name,
    document: parsed.model,
  });
  await setActiveModel(db, record.key);
  return { key: record.key, version };
}
