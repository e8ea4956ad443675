// Errors of the import pipeline, backups and the database that are about the user's input: they
// cross to the main thread as InputError, so the page shows their message as written.
import { isQuotaError } from '../../db';
import { InputError } from '../errors';

const INPUT_ERRORS = new Set([
  'ImportFileError',
  'BackupFileError',
  'BackupCryptoError',
  'BackupInvalidError',
  'ImportUndoError',
  'InvalidSeriesError',
  'DatabaseOutdatedError',
]);

/** Rethrows `e` as an InputError when it is about the input, or as a named quota error. */
export function rethrowForUser(e: unknown): never {
  if (isQuotaError(e)) {
    const quota = new Error('Storage quota exceeded');
    quota.name = 'QuotaExceededError';
    throw quota;
  }
  const err = e as { name?: string; message?: string } | null;
  if (err?.name && INPUT_ERRORS.has(err.name)) throw new InputError(err.message ?? String(e));
  throw e;
}
