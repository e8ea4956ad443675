// Shared by the crosswalk ops: a picked vendor file parsed, its preset chosen (recognised
// from the header row, or named by the user) and any columns the user pointed at applied.
import { parseCsv, type CsvTable } from '../../import';
import {
  VENDOR_PRESETS,
  assignColumn,
  vendorPresetById,
  matchVendorPreset,
  recognizeVendorFile,
  type VendorMatch,
} from '../../import/vendors';
import { InputError } from '../errors';
import { readSourceText, type ImportSource } from './import-source';

/** Which export a file is, as the main thread names it. */
export interface VendorFileRequest {
  source: ImportSource;
  /** The preset to use; null/absent = the best recognised one. */
  presetId?: string | null;
  /** Columns the user mapped by hand: preset column key → header index. */
  columns?: Record<string, number>;
}

/** A preset checked against the file, as plain data for the page. */
export interface VendorMatchInfo {
  presetId: string;
  name: string;
  source: string;
  complete: boolean;
  score: number;
  /** Column key → header index (-1 = not found). */
  columns: Record<string, number>;
  /** Every column the preset reads, with its spellings and whether it is required. */
  known: { key: string; labels: readonly string[]; required: boolean }[];
  missing: { key: string; labels: readonly string[] }[];
}

/** Plain data of a match. */
export function matchInfo(m: VendorMatch): VendorMatchInfo {
  return {
    presetId: m.preset.id,
    name: m.preset.name,
    source: m.preset.source,
    complete: m.complete,
    score: m.score,
    columns: m.columns,
    known: m.preset.columns.map((c) => ({ key: c.key, labels: c.labels, required: c.required })),
    missing: m.missing,
  };
}

/** The parsed file, every preset it fits, and the chosen match (null when none fits). */
export async function openVendorFile(
  request: VendorFileRequest,
  onFraction?: (f: number) => void,
): Promise<{ table: CsvTable; matches: VendorMatch[]; match: VendorMatch | null; name: string }> {
  const text = await readSourceText(request.source);
  const table = await parseCsv(text.text, { onProgress: onFraction });
  const matches = recognizeVendorFile(table.headers, VENDOR_PRESETS);
  let match: VendorMatch | null = matches[0] ?? null;
  if (request.presetId) {
    const preset = vendorPresetById(request.presetId);
    if (!preset) throw new InputError(`Unknown export preset ${request.presetId}.`);
    match = matchVendorPreset(preset, table.headers);
  }
  for (const [key, index] of Object.entries(request.columns ?? {})) {
    if (!match) break;
    if (index >= table.headers.length) throw new InputError(`The file has no column ${index + 1}.`);
    match = assignColumn(match, key, index);
  }
  return { table, matches, match, name: text.displayName };
}
