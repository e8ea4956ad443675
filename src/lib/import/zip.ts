// Zendesk and Salesforce deliver exports as a zip of CSV files: list and decode them in place.
import { unzipSync } from 'fflate';
import { decodeBytes, type DecodedText } from './decode';
import { ImportFileError } from './errors';
import { assertTextContent } from './file-kind';

/** One CSV file found inside a zip. */
export interface ZipCsvEntry {
  /** Path inside the zip. */
  name: string;
  size: number;
  bytes: Uint8Array;
}

function isCsvName(name: string): boolean {
  const base = name.split('/').pop() ?? '';
  // macOS zips carry __MACOSX/._name resource forks that are not CSV data.
  if (name.startsWith('__MACOSX/') || base.startsWith('._')) return false;
  return /\.(csv|tsv|txt)$/i.test(base);
}

/** Lists the CSV (and .tsv/.txt) files of a zip, in archive order. */
export function listZipCsvEntries(bytes: Uint8Array): ZipCsvEntry[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => isCsvName(f.name) });
  } catch (e) {
    throw new ImportFileError(
      'zip-corrupt',
      `This zip file could not be opened (${(e as Error).message}). Download it again.`,
    );
  }
  const entries = Object.entries(files).map(([name, data]) => ({
    name,
    size: data.length,
    bytes: data,
  }));
  if (entries.length === 0) {
    throw new ImportFileError(
      'zip-without-csv',
      'This zip file holds no CSV files. Extract it and import the CSV exports it contains.',
    );
  }
  return entries;
}

/** Decodes one zip entry's bytes like a plain file: encoding detected, binary content refused. */
export function decodeZipEntry(entry: ZipCsvEntry): DecodedText {
  const decoded = decodeBytes(entry.bytes);
  assertTextContent(entry.bytes, decoded, entry.name);
  return decoded;
}
