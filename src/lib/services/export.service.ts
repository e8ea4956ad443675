// Exports and backups: CSV files and the JSON backup are built in the worker and handed back as
// bytes, then saved through a download link. Restore validates the whole file in the worker
// before anything is replaced, and rescores afterwards.
import { dateToDay, todayDay, dayToIso } from '$lib/engine/dates';
import { callWorker, WorkerError } from '$lib/worker/client';
import type { CsvExportKind, ExportFile } from '$lib/worker/ops/export-csv';
import type { RestoreSummary } from '$lib/worker/ops/backup-restore';
import { bookStatus } from '$lib/state/book-status.svelte';
import { toasts } from '$lib/state/toasts.svelte';
import { runChange } from './book.service';
import { events } from '$lib/events';
import { formatDay, formatInteger } from '$lib/format';

/** Saves bytes as a file through a temporary download link. */
export function saveBytes(
  fileName: string,
  mimeType: string,
  bytes: ArrayBuffer | Uint8Array,
): void {
  const blob = new Blob([bytes as BlobPart], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function messageOf(e: unknown): string {
  if (e instanceof DOMException && e.name === 'AbortError')
    return 'Cancelled. Nothing was changed.';
  if (e instanceof WorkerError && e.type === 'InputError') return e.message;
  return `Something went wrong: ${e instanceof Error ? e.message : String(e)}`;
}

const EXPORT_LABELS: Record<CsvExportKind, string> = {
  accounts: 'accounts',
  scores: 'current scores with explanations',
  history: 'score history',
  signals: 'signals (long form)',
  outcomes: 'outcomes',
};

/** Downloads one CSV export. */
export async function exportCsvFile(kind: CsvExportKind): Promise<void> {
  try {
    const file: ExportFile = await bookStatus.run(
      `Exporting ${EXPORT_LABELS[kind]}`,
      (signal, onProgress) =>
        callWorker('exportCsv', [{ kind, todayIso: dayToIso(todayDay()) }], { signal, onProgress }),
    );
    saveBytes(file.fileName, file.mimeType, file.bytes);
    toasts.show(
      'success',
      `Exported ${EXPORT_LABELS[kind]}: ${formatInteger(file.rows)} rows in ${file.fileName}.`,
    );
  } catch (e) {
    toasts.show('error', `Export failed: ${messageOf(e)}`);
  }
}

/** Downloads a backup of everything; encrypted when a passphrase is given. */
export async function exportBackupFile(passphrase: string | null): Promise<boolean> {
  try {
    const file = await bookStatus.run(
      passphrase ? 'Writing an encrypted backup' : 'Writing a backup',
      (signal, onProgress) =>
        callWorker('backupExport', [{ passphrase, todayIso: dayToIso(todayDay()) }], {
          signal,
          onProgress,
        }),
    );
    saveBytes(file.fileName, file.mimeType, file.bytes);
    toasts.show(
      'success',
      `Backup saved as ${file.fileName} (${formatInteger(file.accounts)} accounts${passphrase ? ', encrypted' : ''}).`,
    );
    return true;
  } catch (e) {
    toasts.show('error', `Backup failed: ${messageOf(e)}`);
    return false;
  }
}

/** What a restore says about a backup without a checksum (made by an earlier Canary). */
export const NO_CHECKSUM_NOTE =
  'This backup was made by an earlier version of Canary and carried no checksum: every record was checked, but a changed value inside it could not be detected.';

/**
 * Replaces everything with a backup file (its checksum and every record checked first), then
 * rescores. A refusal's message says nothing was changed.
 */
export async function restoreBackupFile(
  file: File,
  passphrase: string | null,
): Promise<{ ok: true; summary: RestoreSummary } | { ok: false; message: string }> {
  try {
    const { result: summary } = await runChange('Restoring the backup', (signal, onProgress) =>
      callWorker('backupRestore', [{ file, passphrase, today: todayDay() }], {
        signal,
        onProgress,
      }),
    );
    events.emit('book.replaced', { reason: 'restore' });
    toasts.show(
      'success',
      `Backup restored: ${formatInteger(summary.accounts)} accounts${summary.exportedAt ? ` as of ${formatDay(dateToDay(new Date(summary.exportedAt)))}` : ''}.`,
    );
    return { ok: true, summary };
  } catch (e) {
    const message = messageOf(e);
    return {
      ok: false,
      message: /Nothing was changed/.test(message) ? message : `${message} Nothing was changed.`,
    };
  }
}
