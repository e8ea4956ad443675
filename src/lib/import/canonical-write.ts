// Writes a book as the canonical CSV files of PRODUCT.md. Series are written in book order and
// each in day order, so reading the files back gives an equal book.
import { dayToIso } from '../engine/dates';
import type { Book, DayNumber } from '../engine/types';
import { ACCOUNT_COLUMNS } from './canonical-accounts';
import { formatCell, formatCsv, type CsvCell } from './canonical-csv';

/** A named file's text. */
export interface CanonicalFile {
  name: string;
  text: string;
}

const iso = (day: DayNumber | null): string => (day === null ? '' : dayToIso(day));

/** Attribute names in first-seen order; a name clashing with a known column gets " (attribute)". */
function attributeColumns(book: Book): { key: string; header: string }[] {
  const known = new Set<string>(ACCOUNT_COLUMNS);
  const seen = new Set<string>();
  const cols: { key: string; header: string }[] = [];
  for (const a of book.accounts) {
    for (const key of Object.keys(a.attributes)) {
      if (seen.has(key)) continue;
      seen.add(key);
      const clash = known.has(key.trim().toLowerCase());
      cols.push({ key, header: clash ? `${key} (attribute)` : key });
    }
  }
  return cols;
}

/**
 * signals.csv in long form. Written per series rather than through formatCsv: the account and
 * metric cells are formatted once per series and dates once per day, which keeps a
 * million-row book to a fraction of the time.
 */
function signalsCsv(book: Book): string {
  const isoCache = new Map<number, string>();
  const chunks: string[] = [formatCsv([['account_id', 'date', 'metric', 'value']])];
  for (const s of book.series) {
    const account = formatCell(s.accountId);
    const metric = formatCell(s.metric);
    const lines = new Array<string>(s.days.length);
    for (let i = 0; i < s.days.length; i++) {
      const day = s.days[i];
      let iso = isoCache.get(day);
      if (iso === undefined) isoCache.set(day, (iso = dayToIso(day)));
      const v = s.values[i];
      lines[i] = `${account},${iso},${metric},${Number.isFinite(v) ? v : ''}\n`;
    }
    chunks.push(lines.join(''));
  }
  return chunks.join('');
}

/** The book as accounts.csv, signals.csv (long form), outcomes.csv and, when present, pulses.csv and overrides.csv. */
export function writeCanonicalBook(book: Book): CanonicalFile[] {
  const attrs = attributeColumns(book);
  const accounts: CsvCell[][] = [[...ACCOUNT_COLUMNS, ...attrs.map((c) => c.header)]];
  for (const a of book.accounts) {
    accounts.push([
      a.id,
      a.name,
      a.segment,
      a.arr,
      a.seats,
      iso(a.contractStart),
      iso(a.renewalDate),
      a.owner,
      ...attrs.map((c) => a.attributes[c.key] ?? null),
    ]);
  }
  const outcomes: CsvCell[][] = [['account_id', 'date', 'outcome', 'reason', 'avoidable']];
  for (const o of book.outcomes) {
    outcomes.push([o.accountId, dayToIso(o.day), o.outcome, o.reason, o.avoidable]);
  }
  const files: CanonicalFile[] = [
    { name: 'accounts.csv', text: formatCsv(accounts) },
    { name: 'signals.csv', text: signalsCsv(book) },
    { name: 'outcomes.csv', text: formatCsv(outcomes) },
  ];
  if (book.pulses.length > 0) {
    const rows: CsvCell[][] = [['account_id', 'date', 'value', 'reason']];
    for (const p of book.pulses) rows.push([p.accountId, dayToIso(p.day), p.value, p.reason]);
    files.push({ name: 'pulses.csv', text: formatCsv(rows) });
  }
  if (book.overrides.length > 0) {
    const rows: CsvCell[][] = [['account_id', 'date', 'band', 'reason', 'expires']];
    for (const o of book.overrides) {
      rows.push([o.accountId, dayToIso(o.day), o.band, o.reason, dayToIso(o.expiresDay)]);
    }
    files.push({ name: 'overrides.csv', text: formatCsv(rows) });
  }
  return files;
}
