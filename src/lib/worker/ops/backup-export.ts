// The whole database as one JSON backup file, optionally encrypted with a passphrase
// (PBKDF2-SHA256 → AES-256-GCM), built in the worker and handed back as bytes.
import * as Comlink from 'comlink';
import { getDb } from '../../db';
import { exportBackup } from '../../db/backup';
import { encryptBackup } from '../../import';
import type { ProgressFn } from '../progress';
import type { ExportFile } from './export-csv';

/** Exports a backup; with a passphrase the file is encrypted. */
export default async function backupExport(
  request: { passphrase?: string | null; todayIso: string },
  onProgress?: ProgressFn,
): Promise<ExportFile & { accounts: number }> {
  onProgress?.({ fraction: 0.05, label: 'Reading every table' });
  const backup = await exportBackup(getDb());
  onProgress?.({ fraction: 0.5, label: 'Writing the backup' });
  const json = JSON.stringify(backup);
  const encrypted = Boolean(request.passphrase);
  if (encrypted) onProgress?.({ fraction: 0.7, label: 'Encrypting' });
  const data = encrypted
    ? await encryptBackup(json, request.passphrase!)
    : new TextEncoder().encode(json);
  const bytes = (
    data.byteOffset === 0 && data.byteLength === data.buffer.byteLength
      ? data.buffer
      : data.slice().buffer
  ) as ArrayBuffer;
  onProgress?.({ fraction: 1, label: 'Done' });
  return Comlink.transfer(
    {
      fileName: `canary-backup-${request.todayIso}${encrypted ? '.canary-encrypted' : '.json'}`,
      mimeType: encrypted ? 'application/octet-stream' : 'application/json',
      bytes,
      rows: backup.tables.accounts.length,
      accounts: backup.tables.accounts.length,
    },
    [bytes],
  );
}
