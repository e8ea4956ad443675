// The typed result of applying a mapping to a file: what to write, and every row problem.
import type { Account, DayNumber, Outcome, SignalSeries } from '../engine/types';
import type { ImportKind, ImportMapping } from './mapping';
import type { OutcomeKey, StoredOutcomeFacts } from './outcome-balance';

/** Why a row (or the whole file, row 1) was not imported, or a notice about it. */
export type RowIssueCode =
  | 'missing-column'
  | 'missing-snapshot-date'
  | 'missing-outcome-timing'
  | 'missing-value'
  | 'unknown-account'
  | 'future-date'
  | 'not-a-number'
  | 'not-a-date'
  | 'not-a-boolean'
  | 'unknown-outcome'
  | 'too-many-fields'
  | 'end-before-start'
  | 'duplicate';

/** One problem: 1-based row number (the header is row 1), column, raw value and reason. */
export interface RowIssue {
  row: number;
  column: string;
  value: string;
  reason: string;
  code: RowIssueCode;
}

/** What to do with a file that has bad rows. */
export type ErrorPolicy = 'reject' | 'skip';

/** What the importer needs to know besides the file. */
export interface ImportContext {
  fileName: string;
  /** Rows dated after this day are rejected as future dates. */
  today: DayNumber;
  /** Accounts already stored (rows for other ids are errors unless unknownAccounts is 'create'). */
  knownAccountIds: ReadonlySet<string>;
  /** 'error' (default): rows of unknown accounts are skipped; 'create': bare accounts are added. */
  unknownAccounts?: 'error' | 'create';
  /** Named key → account id tables for 'account-lookup' columns (see buildLookup). */
  lookups?: Readonly<Record<string, ReadonlyMap<string, string>>>;
  /** 'reject' (default): any error rejects the file; 'skip': valid rows are kept. */
  errorPolicy?: ErrorPolicy;
  /** What the book already records about outcomes (renewals are never inferred after a churn). */
  outcomeFacts?: StoredOutcomeFacts;
}

/** Account fields an import sets on a stored (or just created) account, keeping the rest. */
export interface AccountPatch {
  id: string;
  arr?: number;
  renewalDate?: DayNumber;
}

/**
 * A mapped, validated import ready to be written in one transaction (field names match the
 * database's ImportPlan). With status 'rejected' nothing is to be written.
 */
export interface PreparedImport {
  status: 'ready' | 'rejected';
  fileName: string;
  kind: ImportKind;
  /** Data rows read (blank lines and report footers excluded). */
  rows: number;
  /** Rows not imported because of errors (or a rejected file's every row). */
  skippedRows: number;
  mapping: ImportMapping;
  accounts: Account[];
  series: SignalSeries[];
  outcomes: Outcome[];
  /** ARR and renewal dates from subscriptions, merged into the stored accounts when applied. */
  accountPatches: AccountPatch[];
  /** Stored outcomes to remove: inferred renewals on or after a churn this import records. */
  withdrawnOutcomes: OutcomeKey[];
  /** Plain notes about the outcomes (how renewals were inferred, why there are none). */
  outcomeNotes: string[];
  duplicatePolicy: 'last' | 'sum';
  /** Problems that skipped a row (row 1 = the whole file). */
  errors: RowIssue[];
  /** Duplicates resolved by the duplicate policy, and other things the user should see. */
  notices: RowIssue[];
  /** File-level notes: blank lines, footers, renamed headers, quoting problems. */
  fileNotes: string[];
}
