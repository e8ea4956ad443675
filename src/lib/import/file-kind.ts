// What a dropped file is, from its first bytes (and its name as a tie-breaker): a CSV, a zip of
// CSVs, a spreadsheet that has to be saved as CSV first, or binary data that is not text at all.
import { ImportFileError } from './errors';

/** The container formats the importer tells apart. */
export type FileKind = 'csv' | 'zip' | 'xlsx' | 'xls';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

/** True when zip bytes look like an Office Open XML workbook (it names xl/ parts). */
function looksLikeWorkbook(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, Math.min(bytes.length, 65_536));
  const text = new TextDecoder('latin1').decode(head);
  return text.includes('xl/') || text.includes('[Content_Types].xml');
}

/** Detects the container format of a file from its magic bytes and name. */
export function detectFileKind(bytes: Uint8Array, fileName = ''): FileKind {
  const lower = fileName.toLowerCase();
  if (startsWith(bytes, OLE_MAGIC)) return 'xls';
  if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC)) {
    if (/\.(xlsx|xlsm|xltx)$/.test(lower)) return 'xlsx';
    if (!lower.endsWith('.zip') && looksLikeWorkbook(bytes)) return 'xlsx';
    return 'zip';
  }
  return 'csv';
}

/** The message shown for a spreadsheet: how to turn it into a CSV the importer reads. */
export function spreadsheetMessage(kind: 'xlsx' | 'xls', fileName: string): string {
  const what = kind === 'xlsx' ? 'an Excel workbook (.xlsx)' : 'an old Excel workbook (.xls)';
  return (
    `${fileName || 'This file'} is ${what}, not a CSV file. Open it in Excel, choose ` +
    'File → Save As, pick "CSV UTF-8 (Comma delimited) (*.csv)" and import that file ' +
    '(one CSV per sheet). In Google Sheets or Numbers use File → Download/Export → CSV.'
  );
}

/** Throws ImportFileError('spreadsheet') for .xlsx/.xls bytes; returns the kind otherwise. */
export function assertNotSpreadsheet(bytes: Uint8Array, fileName = ''): 'csv' | 'zip' {
  const kind = detectFileKind(bytes, fileName);
  if (kind === 'xlsx' || kind === 'xls') {
    throw new ImportFileError('spreadsheet', spreadsheetMessage(kind, fileName));
  }
  return kind;
}

/** Binary formats recognised by their magic bytes, with what to say and what to do instead. */
const BINARY_MAGIC: { magic: readonly (number | null)[]; what: string; instead: string }[] = [
  {
    magic: [0x1f, 0x8b],
    what: 'a gzip-compressed file',
    instead: 'Decompress it first (for example with gunzip or 7-Zip) and import the CSV inside.',
  },
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document', instead: '' },
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image', instead: '' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image', instead: '' },
  { magic: [0x47, 0x49, 0x46, 0x38, null, 0x61], what: 'a GIF image', instead: '' },
  {
    magic: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50],
    what: 'a WebP image',
    instead: '',
  },
  { magic: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image', instead: '' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image', instead: '' },
  {
    // "BZh", the block size and the block magic (π's digits): a text header cannot collide.
    magic: [0x42, 0x5a, 0x68, null, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59],
    what: 'a bzip2-compressed file',
    instead: 'Decompress it first and import the CSV inside.',
  },
  {
    magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
    what: 'an xz-compressed file',
    instead: 'Decompress it first and import the CSV inside.',
  },
  {
    magic: [0x28, 0xb5, 0x2f, 0xfd],
    what: 'a zstd-compressed file',
    instead: 'Decompress it first and import the CSV inside.',
  },
  {
    magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
    what: 'a 7-Zip archive',
    instead: 'Extract it and import the CSV files it holds.',
  },
  {
    magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07],
    what: 'a RAR archive',
    instead: 'Extract it and import the CSV files it holds.',
  },
  {
    magic: [...'SQLite format 3'].map((c) => c.charCodeAt(0)).concat(0),
    what: 'an SQLite database',
    instead: 'Export the table you need as CSV and import that file.',
  },
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: 'a program (ELF executable)', instead: '' },
];

const EXPORT_AS_CSV =
  'Export the data as CSV (UTF-8) from the system it came from and import that file.';

function matchesMagic(bytes: Uint8Array, magic: readonly (number | null)[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => b === null || bytes[i] === b);
}

// Characters text never holds: C0 controls other than tab, LF, VT, FF and CR, DEL, the C1
// controls Windows-1252 leaves undefined, and U+FFFD from undecodable bytes. NULs are counted
// by the decoder (decode.ts removes them).
function isBinaryChar(c: number): boolean {
  return (
    (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) ||
    c === 0x7f ||
    c === 0x81 ||
    c === 0x8d ||
    c === 0x8f ||
    c === 0x90 ||
    c === 0x9d ||
    c === 0xfffd
  );
}

const TEXT_SAMPLE = 65_536;

/**
 * Throws ImportFileError('not-text') when bytes that are not a spreadsheet or zip are binary:
 * known magic bytes (gzip, PDF, images, other archives) or decoded text whose first 64 KiB hold
 * control characters no CSV does (over 1 in 50, or NULs over half of the file). Runs before any
 * mapping, so a renamed binary file never reaches the importer.
 */
export function assertTextContent(
  bytes: Uint8Array,
  decoded: { text: string; nulCount: number },
  fileName = '',
): void {
  const name = fileName || 'This file';
  const known = BINARY_MAGIC.find((m) => matchesMagic(bytes, m.magic));
  if (known) {
    throw new ImportFileError(
      'not-text',
      `${name} is not a text file: it looks like ${known.what}, not CSV. ${known.instead || EXPORT_AS_CSV}`,
    );
  }
  const { text, nulCount } = decoded;
  const n = Math.min(text.length, TEXT_SAMPLE);
  let odd = 0;
  for (let i = 0; i < n; i++) if (isBinaryChar(text.charCodeAt(i))) odd++;
  if ((odd >= 2 && odd * 50 > n) || (nulCount > 0 && nulCount * 2 > text.length)) {
    throw new ImportFileError(
      'not-text',
      `${name} is not a text file: it holds binary data, not CSV text. ${EXPORT_AS_CSV}`,
    );
  }
}
