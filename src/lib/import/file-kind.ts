// What a dropped file is, from its first bytes (and its name as a tie-breaker): a CSV, a zip of
// CSVs, or a spreadsheet that has to be saved as CSV first.
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
