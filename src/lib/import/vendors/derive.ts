// Small helpers presets use to write derived tables for the import core.
import { dayToIso } from '../../engine/dates';
import type { DayNumber } from '../../engine/types';
import { detectDateFormat, parseDate, type DateFormat } from '../date-values';
import { createMapping, type ImportMapping } from '../mapping';
import type { DerivedImport } from './preset';

/** A derived table being filled row by row. */
export class DerivedTable {
  readonly rows: string[][] = [];
  readonly rowNumbers: number[] = [];

  constructor(
    readonly headers: string[],
    readonly mapping: ImportMapping,
  ) {}

  /** Adds one row (cells in header order) that came from source row `rowNumber`. */
  push(cells: string[], rowNumber: number): void {
    this.rows.push(cells);
    this.rowNumbers.push(rowNumber);
  }

  /** The finished import, or null when no row was added. */
  done(): DerivedImport | null {
    if (this.rows.length === 0) return null;
    return {
      headers: this.headers,
      rows: this.rows,
      rowNumbers: this.rowNumbers,
      mapping: this.mapping,
    };
  }
}

/** The derived account-id column every derived table starts with. */
export const ACCOUNT_COLUMN = 'Canary account';

/** A derived table whose first column is the account id. */
export function derivedTable(
  headers: string[],
  mapping: Omit<Parameters<typeof createMapping>[0], 'columns'> & {
    columns: ImportMapping['columns'];
  },
): DerivedTable {
  return new DerivedTable(
    [ACCOUNT_COLUMN, ...headers],
    createMapping({
      ...mapping,
      columns: { [ACCOUNT_COLUMN]: { role: 'account-id' }, ...mapping.columns },
    }),
  );
}

/** ISO text of a day (derived date cells). */
export function isoDay(day: DayNumber): string {
  return dayToIso(day);
}

/** A day from an ISO-like cell (Stripe, Zendesk, Data Loader), or null when empty/unreadable. */
export function isoCellDay(raw: string): DayNumber | null {
  const d = parseDate(raw, 'ymd');
  return d === undefined ? null : d;
}

/** Non-null derived imports. */
export function compact(list: (DerivedImport | null)[]): DerivedImport[] {
  return list.filter((d): d is DerivedImport => d !== null);
}

/** The date format of a column decided from its values ('ymd' when nothing settles it). */
export function columnDateFormat(values: readonly string[]): DateFormat {
  const d = detectDateFormat(values);
  return d.status === 'decided' ? d.format : 'ymd';
}
