// Converts a one-row-per-account snapshot CSV (e.g. the IBM telco file) into a book: numeric
// columns become signals dated on the snapshot day, other columns account attributes, and the
// outcome column an outcome `horizon` days later (0: on the snapshot day, as the Import page's
// "by the snapshot date"; both use ../lib/import/snapshot-outcome). Blank cells stay missing.
import type { Account, Book, Outcome, SignalSeries } from '../lib/engine/types';
import {
  isNumberColumn,
  readNumber,
  type CanonicalReadOptions,
} from '../lib/import/canonical-cells';
import { fail, parseCsv, readText, type CsvTable } from '../lib/import/canonical-csv';
import { normalizeHeader } from '../lib/import/headers';
import { snapshotOutcomeDay } from '../lib/import/snapshot-outcome';
import { InputError } from './command';

/** How to read the snapshot. */
export interface SnapshotOptions extends CanonicalReadOptions {
  idColumn: string;
  outcomeColumn: string;
  day: number;
  churnValue: string;
  /** Days after the snapshot the outcome was observed (0 = by the snapshot date). */
  horizonDays: number;
}

/** What the conversion did, for the command's summary line. */
export interface SnapshotSummary {
  signalColumns: string[];
  attributeColumns: string[];
  churned: number;
  renewed: number;
  noOutcome: number;
}

function column(t: CsvTable, name: string, option: string): number {
  const i = t.columns.get(normalizeHeader(name));
  if (i === undefined) {
    throw new InputError(
      `${t.file}: --${option} column "${name}" is not in the header (${t.header.join(', ')})`,
    );
  }
  return i;
}

/** Converts snapshot CSV text into a book; bad cells raise CanonicalInputError with file, row and column. */
export function snapshotToBook(
  file: string,
  text: string,
  o: SnapshotOptions,
): { book: Book; summary: SnapshotSummary } {
  const t = parseCsv(file, text, { decimal: o.decimal, dateOrder: o.dateOrder });
  const idCol = column(t, o.idColumn, 'id');
  const outcomeCol = column(t, o.outcomeColumn, 'outcome');
  if (idCol === outcomeCol) throw new InputError('--id and --outcome name the same column');
  const rest = t.header.map((_, i) => i).filter((i) => i !== idCol && i !== outcomeCol);
  const numeric = rest.filter((i) => isNumberColumn(t, i));
  const textual = rest.filter((i) => !numeric.includes(i));
  const accounts: Account[] = [];
  const outcomes: Outcome[] = [];
  const seen = new Map<string, number>();
  const churnValue = o.churnValue.trim().toLowerCase();
  let otherValue: string | null = null;
  const summary: SnapshotSummary = {
    signalColumns: numeric.map((i) => t.header[i]),
    attributeColumns: textual.map((i) => t.header[i]),
    churned: 0,
    renewed: 0,
    noOutcome: 0,
  };
  const points = numeric.map(() => ({ ids: [] as string[], values: [] as number[] }));
  const outcomeDay = snapshotOutcomeDay(o.day, o.horizonDays);
  for (let r = 0; r < t.rows.length; r++) {
    const row = t.rowNumbers[r];
    const id = readText(t, r, idCol);
    if (id === null) fail(file, row, t.header[idCol], 'the account id is empty');
    const first = seen.get(id);
    if (first !== undefined)
      fail(file, row, t.header[idCol], `account id "${id}" is already used on row ${first}`);
    seen.set(id, row);
    const attributes: Account['attributes'] = {};
    for (const c of textual) attributes[t.header[c]] = readText(t, r, c);
    accounts.push({
      id,
      name: id,
      segment: null,
      arr: null,
      seats: null,
      contractStart: null,
      renewalDate: outcomeDay,
      owner: null,
      attributes,
    });
    numeric.forEach((c, k) => {
      const value = readNumber(t, r, c);
      if (value === null) return; // blank = missing, never 0
      points[k].ids.push(id);
      points[k].values.push(value);
    });
    const verdict = readText(t, r, outcomeCol);
    if (verdict === null) {
      summary.noOutcome++;
      continue;
    }
    const churned = verdict.toLowerCase() === churnValue;
    if (!churned) {
      otherValue ??= verdict;
      if (verdict !== otherValue) {
        fail(
          file,
          row,
          t.header[outcomeCol],
          `"${verdict}" is neither the churn value "${o.churnValue}" nor "${otherValue}"; a snapshot outcome has two values`,
        );
      }
    }
    outcomes.push({
      accountId: id,
      day: outcomeDay,
      outcome: churned ? 'churned' : 'renewed',
      reason: null,
      avoidable: null,
    });
    if (churned) summary.churned++;
    else summary.renewed++;
  }
  if (summary.churned === 0 && t.rows.length > 0) {
    throw new InputError(
      `${file}: no row has "${o.churnValue}" in column "${t.header[outcomeCol]}"; set --churn-value`,
    );
  }
  const series: SignalSeries[] = [];
  numeric.forEach((c, k) => {
    points[k].ids.forEach((accountId, i) => {
      series.push({
        accountId,
        metric: t.header[c],
        days: Int32Array.of(o.day),
        values: Float64Array.of(points[k].values[i]),
      });
    });
  });
  return { book: { accounts, series, outcomes, pulses: [], overrides: [] }, summary };
}
