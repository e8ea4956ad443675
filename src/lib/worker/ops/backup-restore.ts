// Restoring a backup file: read (decrypt when needed), check the checksum of its content and
// validate the WHOLE document before replacing anything; restoreBackup then replaces every
// table in one transaction. A wrong passphrase, a changed or a corrupt file changes nothing.
import { getDb, countBook } from '../../db';
import { restoreBackup } from '../../db/backup';
import { readBackupFile } from '../../import';
import type { ProgressFn } from '../progress';
import { rethrowForUser } from './import-errors';

/** What a restore brought back. */
export interface RestoreSummary {
  accounts: number;
  imports: number;
  exportedAt: number | null;
  /** 'absent': the backup was made by a Canary that wrote no checksum (still fully validated). */
  checksum: 'verified' | 'absent';
}

/** Restores a backup file the user picked (a File handed to the worker). */
export default async function backupRestore(
  request: { file: Blob; passphrase?: string | null },
  onProgress?: ProgressFn,
): Promise<RestoreSummary> {
  try {
    onProgress?.({ fraction: 0.05, label: 'Reading the backup' });
    const bytes = new Uint8Array(await request.file.arrayBuffer());
    const document = await readBackupFile(bytes, request.passphrase ?? undefined);
    onProgress?.({ fraction: 0.4, label: 'Checking and restoring' });
    const db = getDb();
    const { checksum } = await restoreBackup(db, document);
    const { accounts, imports } = await countBook(db);
    onProgress?.({ fraction: 1, label: 'Restored' });
    const exportedAt = (document as { exportedAt?: unknown }).exportedAt;
    return {
      accounts,
      imports,
      exportedAt: typeof exportedAt === 'number' ? exportedAt : null,
      checksum,
    };
  } catch (e) {
    rethrowForUser(e);
  }
}
