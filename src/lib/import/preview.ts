// The mapping step's view of a file: its first rows, and every column profiled over the whole
// file while it streams past (no row is kept beyond the preview).
import { ColumnProfiler, type ColumnProfile } from './column-types';
import { streamCsv, type CsvParseOptions, type CsvStreamSummary } from './csv-stream';

/** A file's header, first rows and whole-column profiles. */
export interface CsvPreview {
  headers: string[];
  /** The first data rows, as parsed. */
  rows: string[][];
  rowNumbers: number[];
  profiles: ColumnProfile[];
  summary: CsvStreamSummary;
}

/** Streams CSV text once: keeps `previewRows` rows and profiles every column in full. */
export async function previewCsv(
  text: string,
  options: CsvParseOptions & { previewRows?: number } = {},
): Promise<CsvPreview> {
  const limit = options.previewRows ?? 20;
  let profilers: ColumnProfiler[] = [];
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const summary = await streamCsv(
    text,
    (h) => (profilers = h.names.map((name, i) => new ColumnProfiler(name, i))),
    (chunk, numbers) => {
      for (let r = 0; r < chunk.length; r++) {
        const row = chunk[r];
        if (rows.length < limit) {
          rows.push(row);
          rowNumbers.push(numbers[r]);
        }
        for (const p of profilers) p.add(row[p.index] ?? '');
      }
    },
    options,
  );
  return {
    headers: summary.header.names,
    rows,
    rowNumbers,
    profiles: profilers.map((p) => p.profile()),
    summary,
  };
}
