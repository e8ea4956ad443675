// The first step of every import: what the picked file is, decoded to text where it is text.
import { decodeBytes, type DecodedText } from './decode';
import { assertNotSpreadsheet, assertTextContent } from './file-kind';
import { listZipCsvEntries, type ZipCsvEntry } from './zip';

/** A picked file, opened: CSV text, or the CSV entries of a zip. */
export type OpenedFile =
  | { kind: 'csv'; fileName: string; decoded: DecodedText }
  | { kind: 'zip'; fileName: string; entries: ZipCsvEntry[] };

/** Decodes bytes that must be text; ImportFileError('not-text') for binary content. */
export function decodeTextFile(bytes: Uint8Array, fileName: string): DecodedText {
  const decoded = decodeBytes(bytes);
  assertTextContent(bytes, decoded, fileName);
  return decoded;
}

/**
 * Opens a picked file's bytes. Throws ImportFileError for a spreadsheet (with how to save it as
 * CSV), for a zip without CSV files or one that is damaged, and for binary content.
 */
export function openImportFile(bytes: Uint8Array, fileName: string): OpenedFile {
  if (assertNotSpreadsheet(bytes, fileName) === 'zip') {
    return { kind: 'zip', fileName, entries: listZipCsvEntries(bytes) };
  }
  return { kind: 'csv', fileName, decoded: decodeTextFile(bytes, fileName) };
}
