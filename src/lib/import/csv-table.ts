// A whole CSV in memory as rows, for previews, type detection and the smaller file kinds
// (accounts, outcomes, snapshots). Long signal files stream instead (see signals-long.ts).
import { streamCsv, type CsvParseOptions, type CsvStreamSummary } from './csv-stream';

/** A parsed CSV: unique headers, data rows (raw strings) and their 1-based record numbers. */
export interface CsvTable {
  headers: string[];
  rows: string[][];
  rowNumbers: Int32Array;
  summary: CsvStreamSummary;
}

/** Parses CSV text completely (streamed in chunks, cancellable). */
export async function parseCsv(text: string, options: CsvParseOptions = {}): Promise<CsvTable> {
  const rows: string[][] = [];
  const numberChunks: Int32Array[] = [];
  const summary = await streamCsv(
    text,
    () => {},
    (chunk, numbers) => {
      for (const r of chunk) rows.push(r);
      numberChunks.push(numbers.slice());
    },
    options,
  );
  const rowNumbers = new Int32Array(rows.length);
  let at = 0;
  for (const c of numberChunks) {
    rowNumbers.set(c, at);
    at += c.length;
  }
  return { headers: summary.header.names, rows, rowNumbers, summary };
}

/** The values of one column (missing cells of short rows read as ''). */
export function columnValues(table: CsvTable, column: number): string[] {
  const out = new Array<string>(table.rows.length);
  for (let i = 0; i < table.rows.length; i++) out[i] = table.rows[i][column] ?? '';
  return out;
}
