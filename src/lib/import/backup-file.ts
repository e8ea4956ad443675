// Reading a backup file the user picked: plain JSON or encrypted, into a parsed document that
// the database layer then validates completely before restoring anything.
import { BackupCryptoError, decryptBackup, isEncryptedBackup } from './backup-crypto';

/** Why a backup file could not be read. */
export type BackupFileProblem = 'needs-passphrase' | 'not-json';

/** A backup file that is not readable JSON, or needs a passphrase. */
export class BackupFileError extends Error {
  readonly name = 'BackupFileError';
  constructor(
    readonly problem: BackupFileProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses a backup file's bytes (decrypting when encrypted) into unvalidated JSON. Throws
 * BackupFileError or BackupCryptoError with a message for the user.
 */
export async function readBackupFile(bytes: Uint8Array, passphrase?: string): Promise<unknown> {
  let text: string;
  if (isEncryptedBackup(bytes)) {
    if (!passphrase) {
      throw new BackupFileError(
        'needs-passphrase',
        'This backup is encrypted: enter its passphrase.',
      );
    }
    text = await decryptBackup(bytes, passphrase);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new BackupFileError('not-json', 'This file is not a Canary backup (it is not text).');
    }
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BackupFileError(
      'not-json',
      'This file is not a Canary backup (it is not valid JSON).',
    );
  }
}

export { BackupCryptoError };
