// Shared by the backtest, fit and compare operations: the stored book (prepared for scoring)
// and a saved model version by key (the active one when no key is given), validated.
import { parseModel, prepareBook, type ModelDocument, type PreparedBook } from '../../engine';
import { getModelVersion, loadBook, type CanaryDb } from '../../db';
import { InputError } from '../errors';
import { ensureActiveModel } from './active-model';

/** A saved model version ready to backtest. */
export interface LoadedVersion {
  key: string;
  name: string;
  model: ModelDocument;
}

/** Loads and validates a saved model version (the active one when `key` is null). */
export async function loadVersion(db: CanaryDb, key: string | null): Promise<LoadedVersion> {
  if (key === null) {
    const active = await ensureActiveModel(db);
    return { key: active.key, name: active.model.name, model: active.model };
  }
  const record = await getModelVersion(db, key);
  if (!record) throw new InputError(`Model version ${key} is not saved in this browser.`);
  const parsed = parseModel(record.document);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new InputError(`Model version ${key} is invalid: ${first.path}: ${first.message}`);
  }
  return { key, name: record.name, model: parsed.model };
}

/** The stored book prepared for scoring, with account names for display. */
export async function loadPreparedBook(
  db: CanaryDb,
): Promise<{ prepared: PreparedBook; names: Map<string, string> }> {
  const book = await loadBook(db);
  if (book.outcomes.length === 0) {
    throw new InputError(
      'This book has no renewal outcomes yet, so there is nothing to test the score against. Import an outcomes file (renewed, churned, expanded or contracted per account) first.',
    );
  }
  return {
    prepared: prepareBook(book),
    names: new Map(book.accounts.map((a) => [a.id, a.name || a.id])),
  };
}

/** Names of the given account ids (the id itself when the account has no name). */
export function namesOf(ids: Iterable<string>, names: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of ids) out[id] = names.get(id) ?? id;
  return out;
}
