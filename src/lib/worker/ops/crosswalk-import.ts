// Crosswalk step 2: with every open customer decided (match, create or skip), map the export
// through the import core and — when asked — write the import and its crosswalk entries in
// one transaction. The caller rescores the book afterwards.
import {
  applyImportWithCrosswalk,
  getDb,
  listCrosswalk,
  type CrosswalkUpsertCounts,
  type ImportRecord,
  listAccounts,
  listAllOutcomes,
} from '../../db';
import type { DayNumber } from '../../engine/types';
import {
  countOutcomes,
  outcomeFactsOf,
  type ErrorPolicy,
  type OutcomeCounts,
  type RowIssue,
} from '../../import';
import {
  planCrosswalk,
  prepareVendorFile,
  readVendorFile,
  resolveVendorFile,
  type AmountUnit,
  type CrosswalkDecision,
} from '../../import/vendors';
import { InputError } from '../errors';
import type { ProgressFn } from '../progress';
import { openVendorFile, type VendorFileRequest } from './crosswalk-file';
import { rethrowForUser } from './import-errors';

/** The decisions and options of one export import. */
export interface CrosswalkImportRequest extends VendorFileRequest {
  /** `SourceKey.key` → decision, for every suggested or unmatched key. */
  decisions: [string, CrosswalkDecision][];
  today: DayNumber;
  /** The day snapshot facts are recorded on (default today). */
  snapshotDay?: DayNumber;
  errorPolicy?: ErrorPolicy;
  amountUnit?: AmountUnit;
  /** false = only check (dry run); true = write when the file is ready. */
  apply: boolean;
}

/** What the import would write (or wrote). */
export interface CrosswalkImportResult {
  status: 'ready' | 'rejected';
  rows: number;
  skippedRows: number;
  accounts: number;
  newAccounts: { id: string; name: string }[];
  series: number;
  outcomes: number;
  /** The outcomes per kind (renewed, churned, …). */
  outcomeCounts: OutcomeCounts;
  /** Stored inferred renewals the import withdraws (on or after a churn it records). */
  withdrawnRenewals: number;
  /** Accounts whose ARR / renewal date the import sets from subscriptions. */
  accountPatches: number;
  /** Plain notes about the outcomes: how renewals were inferred, or why there are none. */
  outcomeNotes: string[];
  /** The first 200 errors and notices (the rest are counted). */
  errors: RowIssue[];
  errorCount: number;
  notices: RowIssue[];
  noticeCount: number;
  fileNotes: string[];
  record: ImportRecord | null;
  crosswalk: CrosswalkUpsertCounts | null;
}

const SHOWN = 200;

/** Prepares (and optionally applies) an export with the user's crosswalk decisions. */
export default async function crosswalkImport(
  request: CrosswalkImportRequest,
  onProgress?: ProgressFn,
): Promise<CrosswalkImportResult> {
  try {
    onProgress?.({ fraction: 0.02, label: 'Reading the file' });
    const { table, match, name } = await openVendorFile(request, (f) =>
      onProgress?.({ fraction: 0.02 + 0.4 * f, label: 'Reading the file' }),
    );
    if (!match) throw new InputError('This file is not a recognised export.');
    if (!match.complete) {
      throw new InputError(
        `Map these columns first: ${match.missing.map((m) => m.labels[0]).join(', ')}.`,
      );
    }
    const db = getDb();
    const [accounts, crosswalk, stored] = await Promise.all([
      listAccounts(db),
      listCrosswalk(db),
      listAllOutcomes(db),
    ]);
    onProgress?.({ fraction: 0.5, label: 'Matching customers to accounts' });
    const file = readVendorFile(table, match);
    const resolution = resolveVendorFile(file, accounts, crosswalk);
    const known = new Set(accounts.map((a) => a.id));
    const plan = planCrosswalk(resolution, new Map(request.decisions), known);
    if (plan.undecided.length > 0) {
      throw new InputError(
        `${plan.undecided.length} customer(s) still need a decision: match, create or skip.`,
      );
    }
    onProgress?.({ fraction: 0.6, label: 'Checking every row' });
    const {
      prepared: p,
      crosswalk: entries,
      presetId,
    } = prepareVendorFile(file, plan, {
      fileName: name,
      today: request.today,
      snapshotDay: request.snapshotDay,
      accounts,
      errorPolicy: request.errorPolicy,
      amountUnit: request.amountUnit,
      outcomeFacts: outcomeFactsOf(stored),
    });
    let record: ImportRecord | null = null;
    let counts: CrosswalkUpsertCounts | null = null;
    if (request.apply && p.status === 'ready') {
      onProgress?.({ fraction: 0.8, label: 'Saving (one transaction)' });
      const written = await applyImportWithCrosswalk(
        db,
        {
          fileName: p.fileName,
          kind: p.kind,
          rows: p.rows,
          skippedRows: p.skippedRows,
          mapping: { name: match.preset.name, presetId },
          accounts: p.accounts,
          series: p.series,
          outcomes: p.outcomes,
          accountPatches: p.accountPatches,
          removeOutcomes: p.withdrawnOutcomes,
          duplicatePolicy: p.duplicatePolicy,
        },
        entries,
      );
      record = written.record;
      counts = written.crosswalk;
    }
    onProgress?.({ fraction: 1, label: record ? 'Saved' : 'Checked' });
    return {
      status: p.status,
      rows: p.rows,
      skippedRows: p.skippedRows,
      accounts: p.accounts.length,
      newAccounts: plan.newAccounts.map((a) => ({ id: a.id, name: a.name })),
      series: p.series.length,
      outcomes: p.outcomes.length,
      outcomeCounts: countOutcomes(p.outcomes),
      withdrawnRenewals: p.withdrawnOutcomes.length,
      accountPatches: p.accountPatches.length,
      outcomeNotes: p.outcomeNotes,
      errors: p.errors.slice(0, SHOWN),
      errorCount: p.errors.length,
      notices: p.notices.slice(0, SHOWN),
      noticeCount: p.notices.length,
      fileNotes: p.fileNotes,
      record,
      crosswalk: counts,
    };
  } catch (e) {
    rethrowForUser(e);
  }
}
