// Import step 3: apply the mapping to the whole file and report what would be imported and
// every row that would be skipped, with a downloadable CSV of the skipped rows. Writes nothing.
import * as Comlink from 'comlink';
import { countOutcomes, skippedRowsCsv, type OutcomeCounts, type RowIssue } from '../../import';
import type { ProgressFn } from '../progress';
import { rethrowForUser } from './import-errors';
import { prepareRequest, type ImportRequest } from './import-plan';

/** What validation found. */
export interface ImportValidation {
  /** 'rejected' when the whole file fails (a mapped column missing, no snapshot date…). */
  status: 'ready' | 'rejected';
  displayName: string;
  rows: number;
  skippedRows: number;
  /** Problems, in row order; the first `ERRORS_SHOWN` only (errorCount counts them all). */
  errors: RowIssue[];
  errorCount: number;
  notices: RowIssue[];
  noticeCount: number;
  fileNotes: string[];
  accounts: number;
  series: number;
  points: number;
  outcomes: number;
  /** The outcomes per kind (renewed, churned, …). */
  outcomeCounts: OutcomeCounts;
  /** Stored inferred renewals the import withdraws (on or after a churn it records). */
  withdrawnRenewals: number;
  /** Accounts whose ARR / renewal date the import sets from subscriptions. */
  accountPatches: number;
  /** Plain notes about the outcomes: how renewals were inferred, or why there are none. */
  outcomeNotes: string[];
  /** UTF-8 CSV of every skipped row and its reason, or null when none was skipped. */
  skippedCsv: ArrayBuffer | null;
}

const ERRORS_SHOWN = 200;
const NOTICES_SHOWN = 50;

/** Validates an import request without writing anything. */
export default async function importValidate(
  request: ImportRequest,
  onProgress?: ProgressFn,
): Promise<ImportValidation> {
  try {
    onProgress?.({ fraction: 0.02, label: 'Checking every row' });
    const p = await prepareRequest(request, (f) =>
      onProgress?.({ fraction: 0.02 + 0.93 * f, label: 'Checking every row' }),
    );
    let points = 0;
    for (const s of p.series) points += s.days.length;
    const errors = [...p.errors].sort((a, b) => a.row - b.row);
    const skippedCsv =
      errors.length > 0
        ? (new TextEncoder().encode(skippedRowsCsv(errors)).buffer as ArrayBuffer)
        : null;
    const result: ImportValidation = {
      status: p.status,
      displayName: p.fileName,
      rows: p.rows,
      skippedRows: p.skippedRows,
      errors: errors.slice(0, ERRORS_SHOWN),
      errorCount: errors.length,
      notices: p.notices.slice(0, NOTICES_SHOWN),
      noticeCount: p.notices.length,
      fileNotes: p.fileNotes,
      accounts: p.accounts.length,
      series: p.series.length,
      points,
      outcomes: p.outcomes.length,
      outcomeCounts: countOutcomes(p.outcomes),
      withdrawnRenewals: p.withdrawnOutcomes.length,
      accountPatches: p.accountPatches.length,
      outcomeNotes: p.outcomeNotes,
      skippedCsv,
    };
    onProgress?.({ fraction: 1, label: 'Done' });
    return skippedCsv ? Comlink.transfer(result, [skippedCsv]) : result;
  } catch (e) {
    rethrowForUser(e);
  }
}
