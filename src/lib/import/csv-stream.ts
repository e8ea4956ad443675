// Streaming CSV parse over decoded text with papaparse's core parser, chunk by chunk: rows go
// straight to the caller's sink (no object per row), progress is reported, and the loop yields
// between chunks so an AbortSignal can stop it.
import Papa from 'papaparse';
import { ImportFileError, throwIfAborted } from './errors';
import { uniqueHeaders, type HeaderRename } from './headers';
import { sniffDelimiter, sniffLineEnding, type Delimiter, type LineEnding } from './sniff';

/** The header row and dialect of a file. */
export interface CsvHeader {
  /** Unique column names (duplicates renamed "Amount (2)", blanks "Column N"). */
  names: string[];
  renamed: HeaderRename[];
  delimiter: Delimiter;
  newline: LineEnding;
  /** 1-based record number of the header row (1 unless blank lines precede it). */
  rowNumber: number;
}

/** Receives data rows chunk by chunk; `rowNumbers[i]` is the 1-based record number of `rows[i]`. */
export type CsvRowSink = (rows: string[][], rowNumbers: Int32Array) => void;

/** Options for streaming and parsing. */
export interface CsvParseOptions {
  delimiter?: Delimiter;
  /** Characters per chunk (default 1 MiB). */
  chunkSize?: number;
  signal?: AbortSignal;
  /** Called after each chunk with the share of the input consumed, 0–1. */
  onProgress?: (fraction: number) => void;
}

/** A problem papaparse reported (an unclosed quote swallows the rest of the file). */
export interface CsvParseWarning {
  row: number;
  message: string;
}

/** What streaming found besides the rows. */
export interface CsvStreamSummary {
  header: CsvHeader;
  dataRows: number;
  /** Blank lines (and rows of only empty cells) skipped. */
  blankRows: number;
  /** Report footers (Salesforce "Grand Totals", "Confidential…", "Copyright…") skipped. */
  footerRows: number;
  warnings: CsvParseWarning[];
}

const FOOTER = /^(grand totals? \(|confidential information|copyright (\(c\)|©))/i;
const DEFAULT_CHUNK = 1 << 20;

function isBlank(row: string[]): boolean {
  for (let i = 0; i < row.length; i++) if (row[i].trim() !== '') return false;
  return true;
}

// These first cells are specific enough that the rest of the row (report totals) is ignored.
function isFooter(row: string[]): boolean {
  return FOOTER.test(row[0].trim());
}

const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Streams `text` as CSV: calls `onHeader` once, then `onRows` per chunk of data rows. Throws
 * ImportFileError for an empty or header-only file, ImportAbortedError when `signal` fires.
 */
export async function streamCsv(
  text: string,
  onHeader: (header: CsvHeader) => void,
  onRows: CsvRowSink,
  options: CsvParseOptions = {},
): Promise<CsvStreamSummary> {
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  if (text.trim() === '') {
    throw new ImportFileError('empty', 'This file is empty: it has no header row and no data.');
  }
  const newline = sniffLineEnding(text);
  const delimiter = options.delimiter ?? sniffDelimiter(text, newline);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  let header: CsvHeader | null = null;
  let record = 0;
  let dataRows = 0;
  let blankRows = 0;
  let footerRows = 0;
  const warnings: CsvParseWarning[] = [];
  let pos = 0;
  let carry = '';

  while (pos < text.length || carry !== '') {
    const end = Math.min(text.length, pos + chunkSize);
    const last = end >= text.length;
    const input = carry + text.slice(pos, end);
    pos = end;
    const result = parser.parse(input, 0, !last) as Papa.ParseResult<string[]>;
    const rows = result.data;
    carry = last ? '' : input.slice(result.meta.cursor);
    for (const e of result.errors) {
      warnings.push({ row: record + (e.row ?? 0) + 1, message: e.message });
    }
    const kept: string[][] = [];
    const numbers = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      record++;
      // The final empty record is the file's trailing newline, not a blank line.
      const trailing = last && i === rows.length - 1 && row.length === 1 && row[0] === '';
      if (isBlank(row)) {
        if (!trailing) blankRows++;
        continue;
      }
      if (header === null) {
        const { names, renamed } = uniqueHeaders(row);
        header = { names, renamed, delimiter, newline, rowNumber: record };
        onHeader(header);
        continue;
      }
      if (isFooter(row)) {
        footerRows++;
        continue;
      }
      numbers[kept.length] = record;
      kept.push(row);
    }
    if (kept.length > 0) {
      dataRows += kept.length;
      onRows(kept, numbers.subarray(0, kept.length));
    }
    onProgress?.(text.length === 0 ? 1 : pos / text.length);
    if (!last) {
      await nextTick();
      throwIfAborted(signal);
    }
  }
  if (header === null) {
    throw new ImportFileError('empty', 'This file is empty: it has no header row and no data.');
  }
  if (dataRows === 0) {
    throw new ImportFileError(
      'header-only',
      `This file has column names (${header.names.join(', ')}) but no data rows.`,
    );
  }
  return { header, dataRows, blankRows, footerRows, warnings };
}
