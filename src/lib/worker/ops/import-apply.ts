// Import step 4: write the validated rows in ONE applyImport transaction (data, log entry and
// undo data together). Nothing is written anywhere else, so a cancel (the worker is
// terminated), an error or a full disk leaves the database exactly as it was.
import { applyImport, getDb, type ImportRecord } from '../../db';
import { InputError } from '../errors';
import type { ProgressFn } from '../progress';
import { rethrowForUser } from './import-errors';
import { forgetPrepared, prepareRequest, type ImportRequest } from './import-plan';

/** An import to apply: the validated request and the name the mapping is logged under. */
export interface ImportApplyRequest extends ImportRequest {
  /** The preset or mapping name shown in the import history (null: "custom mapping"). */
  mappingName: string | null;
}

/** The mapping as logged with each import. */
export interface LoggedMapping {
  name: string | null;
  document: ImportRequest['mapping'];
}

/** Applies the valid rows of an import request (bad rows are skipped, as the user chose). */
export default async function importApply(
  request: ImportApplyRequest,
  onProgress?: ProgressFn,
): Promise<ImportRecord> {
  try {
    onProgress?.({ fraction: 0.02, label: 'Checking every row' });
    const p = await prepareRequest(request, (f) =>
      onProgress?.({ fraction: 0.02 + 0.5 * f, label: 'Checking every row' }),
    );
    if (p.status === 'rejected') {
      throw new InputError(
        p.errors[0]
          ? `This file cannot be imported: ${p.errors[0].reason}.`
          : 'This file cannot be imported.',
      );
    }
    onProgress?.({ fraction: 0.55, label: 'Saving (one transaction)' });
    const logged: LoggedMapping = { name: request.mappingName, document: p.mapping };
    const record = await applyImport(getDb(), {
      fileName: p.fileName,
      kind: p.kind,
      rows: p.rows,
      skippedRows: p.skippedRows,
      mapping: logged,
      accounts: p.accounts,
      series: p.series,
      outcomes: p.outcomes,
      accountPatches: p.accountPatches,
      removeOutcomes: p.withdrawnOutcomes,
      duplicatePolicy: p.duplicatePolicy,
    });
    forgetPrepared();
    onProgress?.({ fraction: 1, label: 'Saved' });
    return record;
  } catch (e) {
    rethrowForUser(e);
  }
}
