// Undoing one import as a whole (one transaction, in the database layer). When a later import
// blocks it, the message names those imports by file so the user knows which to undo first.
import { getDb, ImportUndoError, undoImport, type ImportRecord, getImports } from '../../db';
import { InputError } from '../errors';
import type { ProgressFn } from '../progress';
import { rethrowForUser } from './import-errors';

/** Undoes import `importId`; throws an InputError naming any later import that blocks it. */
export default async function importUndo(
  request: { importId: number },
  onProgress?: ProgressFn,
): Promise<ImportRecord> {
  const db = getDb();
  try {
    onProgress?.({ fraction: 0.1, label: 'Undoing the import' });
    const record = await undoImport(db, request.importId);
    onProgress?.({ fraction: 1, label: 'Undone' });
    return record;
  } catch (e) {
    if (e instanceof ImportUndoError && e.blockingImportIds.length > 0) {
      const later = await getImports(db, [...e.blockingImportIds]);
      const names = later.map((r, i) =>
        r
          ? `#${r.id} ${r.fileName} (${new Date(r.at).toLocaleString()})`
          : `#${e.blockingImportIds[i]}`,
      );
      throw new InputError(
        `This import cannot be undone yet: a later import changed the same data. Undo ${names.join(', ')} first.`,
      );
    }
    rethrowForUser(e);
  }
}
