// Named mapping presets, recognised again from an export's header row (its fingerprint), so a
// team maps a given export once.
import { z } from 'zod';
import type { CsvTable } from './csv-table';
import { findHeader, normalizeHeader } from './headers';
import { mappingSchema, type ImportMapping } from './mapping';

/** A lookup table a preset needs (e.g. subscription id → account id from another file). */
export const lookupNeedSchema = z.object({
  name: z.string().min(1),
  /** The preset of the file that provides it. */
  fromPreset: z.string().min(1),
  keyColumn: z.string().min(1),
  valueColumn: z.string().min(1),
});
/** A lookup table a preset needs. */
export type LookupNeed = z.infer<typeof lookupNeedSchema>;

/** Schema of a saved mapping preset. */
export const presetSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Header fingerprint of the export it was saved from. */
  fingerprint: z.string(),
  /** The headers that must be present (as written) for the preset to apply. */
  headers: z.array(z.string()),
  mapping: mappingSchema,
  lookups: z.array(lookupNeedSchema),
});
/** A named mapping, recognised by its headers. */
export type MappingPreset = z.infer<typeof presetSchema>;

/** A stable fingerprint of a header row: FNV-1a of the sorted normalised names. */
export function headerFingerprint(headers: readonly string[]): string {
  const text = [...new Set(headers.map(normalizeHeader))].sort().join('\u0001');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Creates a preset from the mapping a user made for a file with these headers. */
export function createPreset(
  id: string,
  name: string,
  headers: readonly string[],
  mapping: ImportMapping,
  lookups: LookupNeed[] = [],
): MappingPreset {
  return presetSchema.parse({
    id,
    name,
    fingerprint: headerFingerprint(headers),
    headers: [...headers],
    mapping,
    lookups,
  });
}

/**
 * The preset for a header row: an exact fingerprint match first, otherwise the preset whose
 * headers are all present and that names the most of them; null when none fits.
 */
export function matchPreset(
  headers: readonly string[],
  presets: readonly MappingPreset[],
): MappingPreset | null {
  const fingerprint = headerFingerprint(headers);
  const exact = presets.find((p) => p.fingerprint === fingerprint);
  if (exact) return exact;
  const present = new Set(headers.map(normalizeHeader));
  let best: MappingPreset | null = null;
  for (const p of presets) {
    if (p.headers.length === 0 || !p.headers.every((h) => present.has(normalizeHeader(h))))
      continue;
    if (!best || p.headers.length > best.headers.length) best = p;
  }
  return best;
}

/** A key → account id table from two columns of a parsed file (first occurrence wins). */
export function buildLookup(
  table: CsvTable,
  keyColumn: string,
  valueColumn: string,
): Map<string, string> {
  const k = findHeader(table.headers, keyColumn);
  const v = findHeader(table.headers, valueColumn);
  if (k < 0 || v < 0) {
    throw new RangeError(`lookup columns ${keyColumn}/${valueColumn} are not in this file`);
  }
  const map = new Map<string, string>();
  for (const row of table.rows) {
    const key = (row[k] ?? '').trim();
    const value = (row[v] ?? '').trim();
    if (key !== '' && value !== '' && !map.has(key)) map.set(key, value);
  }
  return map;
}
