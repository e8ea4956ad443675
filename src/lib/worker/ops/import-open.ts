// Import step 1: open the picked file in the worker. A zip lists its CSV entries; a CSV is
// streamed once to profile every column, and a mapping is suggested (a matching preset first).
import {
  BUILTIN_PRESETS,
  matchPreset,
  previewCsv,
  suggestMapping,
  type ColumnProfile,
  type ColumnQuestion,
  type ImportMapping,
  type LookupNeed,
  type TextEncodingName,
} from '../../import';
import { describeCsvSummary } from '../../import/prepare';
import type { ProgressFn } from '../progress';
import { rethrowForUser } from './import-errors';
import { allPresets } from './import-presets';
import { openSource, readSourceText, type ImportSource } from './import-source';

/** The preset recognised from the header row. */
export interface MatchedPreset {
  id: string;
  name: string;
  builtin: boolean;
  lookups: LookupNeed[];
}

/** A CSV file opened for the mapping step. */
export interface OpenedCsv {
  kind: 'csv';
  displayName: string;
  encoding: TextEncodingName;
  bom: boolean;
  headers: string[];
  /** The first data rows and their 1-based row numbers (header = row 1). */
  rows: string[][];
  rowNumbers: number[];
  /** Every column profiled over the whole file. */
  profiles: ColumnProfile[];
  dataRows: number;
  fileNotes: string[];
  /** The suggested mapping: the matched preset's, or one guessed from the columns. */
  mapping: ImportMapping;
  preset: MatchedPreset | null;
  /** Day/month order and decimal separator questions found over whole columns. */
  questions: ColumnQuestion[];
}

/** A zip: the CSV files it holds, to pick from. */
export interface OpenedZip {
  kind: 'zip';
  entries: { name: string; size: number }[];
}

// Rows kept for guessing the mapping; column types and questions come from whole columns.
const SUGGEST_ROWS = 2000;
const PREVIEW_ROWS = 8;

// The suggestion looked at the first rows only: use the whole-column decisions where made.
function withWholeColumnFormats(mapping: ImportMapping, profiles: ColumnProfile[]): ImportMapping {
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const columns = { ...mapping.columns };
  for (const [name, role] of Object.entries(columns)) {
    const p = byName.get(name);
    if (!p) continue;
    if (role.role === 'date') {
      columns[name] = p.dateFormat ? { role: 'date', format: p.dateFormat } : { role: 'date' };
    } else if (role.role === 'field' && p.type === 'date') {
      const { format: _old, ...rest } = role;
      columns[name] = p.dateFormat ? { ...rest, format: p.dateFormat } : rest;
    }
    if (role.role === 'metric' || role.role === 'value' || role.role === 'attribute') {
      if (p.decimal) columns[name] = { ...role, decimal: p.decimal };
    }
  }
  return { ...mapping, columns };
}

/** Opens a picked file (or a zip entry) and prepares the mapping step. */
export default async function importOpen(
  source: ImportSource,
  onProgress?: ProgressFn,
): Promise<OpenedCsv | OpenedZip> {
  try {
    onProgress?.({ fraction: 0.02, label: `Reading ${source.fileName}` });
    if (!source.entry) {
      const opened = await openSource(source);
      if (opened.kind === 'zip') {
        return {
          kind: 'zip',
          entries: opened.entries.map((e) => ({ name: e.name, size: e.size })),
        };
      }
    }
    const text = await readSourceText(source);
    onProgress?.({ fraction: 0.1, label: 'Reading the columns' });
    const preview = await previewCsv(text.text, {
      previewRows: SUGGEST_ROWS,
      onProgress: (f) => onProgress?.({ fraction: 0.1 + 0.85 * f, label: 'Reading the columns' }),
    });
    const presets = await allPresets();
    const preset = matchPreset(preview.headers, presets);
    const suggestion = suggestMapping(preview.headers, preview.rows);
    const mapping = preset
      ? preset.mapping
      : withWholeColumnFormats(suggestion.mapping, preview.profiles);
    onProgress?.({ fraction: 1, label: 'Done' });
    return {
      kind: 'csv',
      displayName: text.displayName,
      encoding: text.encoding,
      bom: text.bom,
      headers: preview.headers,
      rows: preview.rows.slice(0, PREVIEW_ROWS),
      rowNumbers: preview.rowNumbers.slice(0, PREVIEW_ROWS),
      profiles: preview.profiles,
      dataRows: preview.summary.dataRows,
      fileNotes: describeCsvSummary(preview.summary),
      mapping,
      preset: preset
        ? {
            id: preset.id,
            name: preset.name,
            builtin: BUILTIN_PRESETS.includes(preset),
            lookups: preset.lookups,
          }
        : null,
      questions: preview.profiles.flatMap((p) => (p.question ? [p.question] : [])),
    };
  } catch (e) {
    rethrowForUser(e);
  }
}
