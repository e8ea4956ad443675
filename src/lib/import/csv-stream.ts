// Streaming CSV parse over decoded text with papaparse's core parser, chunk by chunk: rows go
// straight to the caller's sink (no object per row), progress is reported, and the loop yields
// between chunks so an AbortSignal can stop it. The same record loop also runs synchronously
// (readCsvSync) for the CLI, so both read files alike.
import Papa from 'papaparse';
import { ImportFileError, throwIfAborted } from './errors';
import { uniqueHeaders, type HeaderRename } from './headers';
import { sniffDelimiter, unifyLineEndings, type Delimiter, type LineEnding } from './sniff';

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

/** What the record loop found, before the empty and header-only rules are applied. */
export interface CsvReadSummary extends Omit<CsvStreamSummary, 'header'> {
  /** Null when the file holds no row with a non-blank cell. */
  header: CsvHeader | null;
}

/**
 * The record loop shared by streamCsv (chunked, yielding, cancellable) and readCsvSync (one pass,
 * for the CLI): one dialect, one way to count rows, skip blanks and footers and find the header.
 */
class CsvRecords {
  readonly #text: string;
  readonly #newline: LineEnding;
  readonly #delimiter: Delimiter;
  readonly #chunkSize: number;
  readonly #parser: Papa.Parser;
  #header: CsvHeader | null = null;
  #record = 0;
  #dataRows = 0;
  #blankRows = 0;
  #footerRows = 0;
  readonly #warnings: CsvParseWarning[] = [];
  #pos = 0;
  #carry = '';

  constructor(
    text: string,
    readonly onHeader: (header: CsvHeader) => void,
    readonly onRows: CsvRowSink,
    options: CsvParseOptions,
  ) {
    const unified = unifyLineEndings(text);
    this.#text = unified.text;
    this.#newline = unified.newline;
    this.#delimiter = options.delimiter ?? sniffDelimiter(this.#text, this.#newline);
    this.#chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
    this.#parser = new Papa.Parser({
      delimiter: this.#delimiter,
      newline: this.#newline,
      quoteChar: '"',
    });
  }

  /** True when every character has been parsed. */
  get done(): boolean {
    return this.#pos >= this.#text.length && this.#carry === '';
  }

  /** The share of the input consumed, 0–1. */
  get fraction(): number {
    return this.#text.length === 0 ? 1 : this.#pos / this.#text.length;
  }

  /** Parses the next chunk and hands its rows on. */
  step(): void {
    const text = this.#text;
    const end = Math.min(text.length, this.#pos + this.#chunkSize);
    const last = end >= text.length;
    const input = this.#carry + text.slice(this.#pos, end);
    this.#pos = end;
    const result = this.#parser.parse(input, 0, !last) as Papa.ParseResult<string[]>;
    const rows = result.data;
    this.#carry = last ? '' : input.slice(result.meta.cursor);
    for (const e of result.errors) {
      this.#warnings.push({ row: this.#record + (e.row ?? 0) + 1, message: e.message });
    }
    const kept: string[][] = [];
    const numbers = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      this.#record++;
      // The final empty record is the file's trailing newline, not a blank line.
      const trailing = last && i === rows.length - 1 && row.length === 1 && row[0] === '';
      if (isBlank(row)) {
        if (!trailing) this.#blankRows++;
        continue;
      }
      if (this.#header === null) {
        const { names, renamed } = uniqueHeaders(row);
        this.#header = {
          names,
          renamed,
          delimiter: this.#delimiter,
          newline: this.#newline,
          rowNumber: this.#record,
        };
        this.onHeader(this.#header);
        continue;
      }
      if (isFooter(row)) {
        this.#footerRows++;
        continue;
      }
      numbers[kept.length] = this.#record;
      kept.push(row);
    }
    if (kept.length > 0) {
      this.#dataRows += kept.length;
      this.onRows(kept, numbers.subarray(0, kept.length));
    }
  }

  /** What was found so far. */
  summary(): CsvReadSummary {
    return {
      header: this.#header,
      dataRows: this.#dataRows,
      blankRows: this.#blankRows,
      footerRows: this.#footerRows,
      warnings: this.#warnings,
    };
  }
}

function emptyFile(): ImportFileError {
  return new ImportFileError('empty', 'This file is empty: it has no header row and no data.');
}

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
  if (text.trim() === '') throw emptyFile();
  const records = new CsvRecords(text, onHeader, onRows, options);
  while (!records.done) {
    records.step();
    onProgress?.(records.fraction);
    if (!records.done) {
      await nextTick();
      throwIfAborted(signal);
    }
  }
  const summary = records.summary();
  const { header } = summary;
  if (header === null) throw emptyFile();
  if (summary.dataRows === 0) {
    throw new ImportFileError(
      'header-only',
      `This file has column names (${header.names.join(', ')}) but no data rows.`,
    );
  }
  return { ...summary, header };
}

/**
 * Reads `text` as CSV in one synchronous pass with exactly streamCsv's dialect sniffing, row
 * numbers, blank-line and footer rules. An empty or header-only file is returned (header null,
 * or no rows), not refused: the CLI's canonical files may be header-only.
 */
export function readCsvSync(
  text: string,
  onHeader: (header: CsvHeader) => void,
  onRows: CsvRowSink,
  options: Pick<CsvParseOptions, 'delimiter' | 'chunkSize'> = {},
): CsvReadSummary {
  const records = new CsvRecords(text, onHeader, onRows, options);
  while (!records.done) records.step();
  return records.summary();
}
