// What an export preset is: the columns it knows (with every spelling vendors use), how a row
// names its customer, and how rows become accounts, signals and outcomes once the crosswalk
// has settled which account each row belongs to.
import type { Account, DayNumber } from '../../engine/types';
import type { ImportMapping } from '../mapping';
import type { RowIssue } from '../prepared-import';
import type { VendorSource, RowKey } from './source-keys';

/** One column a preset reads. */
export interface VendorColumn {
  /** The preset's own name for it ('customerId', 'closeDate', …). */
  key: string;
  /** Header spellings (API names, labels, translations); matched normalised, first found wins. */
  labels: readonly string[];
  /** Whether the preset cannot work without it. */
  required: boolean;
}

/** Reads the current row's cells by column key ('' when the column is absent or short). */
export interface RowCells {
  get(key: string): string;
  has(key: string): boolean;
  /** The header the column was found under (for messages), or the key. */
  header(key: string): string;
}

/** A derived table and the mapping the import core applies to it. */
export interface DerivedImport {
  headers: string[];
  rows: string[][];
  /** Source row number of each derived row (errors point at the user's file). */
  rowNumbers: number[];
  mapping: ImportMapping;
}

/** What a preset's build step receives. */
export interface BuildInput {
  /** Calls `visit` once per data row whose key is settled, with its account id. */
  forEachRow(visit: (cells: RowCells, accountId: string, rowNumber: number) => void): void;
  today: DayNumber;
  /** The day values without a date of their own (balances, delinquency) are recorded on. */
  snapshotDay: DayNumber;
  /** Stored accounts by id (so account fields can be updated without losing the rest). */
  accounts: ReadonlyMap<string, Account>;
  /** Amount unit chosen by the user; 'auto' lets the preset detect it. */
  amountUnit: AmountUnit;
  /** Every value of a column (settled and unsettled rows), for unit and format detection. */
  columnValues(key: string): string[];
}

/** How money amounts are written: Stripe's API/Sigma writes cents, the dashboard major units. */
export type AmountUnit = 'auto' | 'cents' | 'major';

/** What a preset's build step produces. */
export interface BuildOutput {
  imports: DerivedImport[];
  /** Account updates computed outside the core mapping (e.g. ARR from subscriptions). */
  accountUpdates: Account[];
  notes: string[];
  /** Rows the preset itself could not read (e.g. an unknown billing interval). */
  issues: RowIssue[];
}

/** A recognised vendor file. */
export interface VendorPreset {
  id: string;
  name: string;
  source: VendorSource;
  columns: readonly VendorColumn[];
  /** Column keys whose presence identifies the export (at least half must be found). */
  signature: readonly string[];
  /** What a row says about its customer. */
  rowKey(cells: RowCells): RowKey;
  /** Turns the rows into derived tables for the import core. */
  build(input: BuildInput): BuildOutput;
}

/** A column spec. */
export function col(key: string, labels: readonly string[], required = false): VendorColumn {
  return { key, labels, required };
}
