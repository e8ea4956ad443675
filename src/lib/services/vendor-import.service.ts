// User actions of the vendor-file path of the import page: recognise the export from its
// header row, resolve its customers against the accounts (crosswalk), check the rows with the
// user's decisions (nothing written), then import in one transaction, rescore and toast Undo.
import { todayDay } from '$lib/engine/dates';
import type { ImportRecord } from '$lib/db';
import type { CrosswalkDecision } from '$lib/import/vendors';
import { callWorker } from '$lib/worker/client';
import type { VendorFileRequest, VendorMatchInfo } from '$lib/worker/ops/crosswalk-file';
import type { CrosswalkImportResult } from '$lib/worker/ops/crosswalk-import';
import type { CrosswalkResolveResult } from '$lib/worker/ops/crosswalk-resolve';
import {
  announceImport,
  changeStep,
  finishedBeforeCancel,
  step,
  type StepResult,
} from './import.service';

/** Every export preset the header row fits, best first (empty for any other CSV). */
export async function recognizeVendorHeaders(headers: string[]): Promise<VendorMatchInfo[]> {
  try {
    return await callWorker('vendorRecognize', [{ headers }]);
  } catch (e) {
    // Recognition is an offer only: when it fails the generic mapping still works.
    console.error('Vendor file recognition failed', e);
    return [];
  }
}

/** Reads the export and matches its customers to accounts (stored crosswalk, ids, domains, names). */
export function matchVendorCustomers(
  request: VendorFileRequest,
): Promise<StepResult<CrosswalkResolveResult>> {
  return step('Matching customers to accounts', (signal, onProgress) =>
    callWorker('crosswalkResolve', [request], { signal, onProgress }),
  );
}

/** Checks every row with the user's crosswalk decisions; writes nothing. */
export function checkVendorImport(
  request: VendorFileRequest,
  decisions: [string, CrosswalkDecision][],
): Promise<StepResult<CrosswalkImportResult>> {
  return step('Checking every row', (signal, onProgress) =>
    callWorker('crosswalkImport', [{ ...request, decisions, today: todayDay(), apply: false }], {
      signal,
      onProgress,
    }).then((checked) => checked.result),
  );
}

/**
 * Writes the export and its crosswalk entries in one transaction, rescores and toasts with Undo
 * (the import log entry is an ordinary one). On a cancel it checks whether the write had finished.
 */
export async function applyVendorImport(
  request: VendorFileRequest,
  decisions: [string, CrosswalkDecision][],
): Promise<StepResult<ImportRecord>> {
  const startedAt = Date.now();
  const result = await changeStep('Importing', (signal, onProgress) =>
    callWorker('crosswalkImport', [{ ...request, decisions, today: todayDay(), apply: true }], {
      signal,
      onProgress,
    }),
  );
  if (!result.ok) {
    return (result.failure.cancelled && (await finishedBeforeCancel(startedAt))) || result;
  }
  const { record, status } = result.value;
  if (!record) {
    const why = status === 'rejected' ? 'the file was rejected' : 'no rows could be imported';
    return { ok: false, failure: { cancelled: false, message: `Nothing was imported: ${why}.` } };
  }
  return announceImport(record, '');
}
