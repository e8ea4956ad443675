// The mapping presets the importer offers: the user's saved ones (settings) before the built-in
// RavenStack and Telco presets. Invalid saved entries are skipped rather than failing an import.
import { getDb, getSetting } from '../../db';
import { BUILTIN_PRESETS, presetSchema, type MappingPreset } from '../../import';

/** Settings key holding the user's saved mapping presets (an array of MappingPreset). */
export const IMPORT_PRESETS_SETTING = 'importPresets';

/** The user's saved presets, validated. */
export async function loadUserPresets(): Promise<MappingPreset[]> {
  const raw = await getSetting<unknown>(getDb(), IMPORT_PRESETS_SETTING);
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((p) => {
    const parsed = presetSchema.safeParse(p);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Every preset, the user's first (so a saved mapping wins over a built-in one). */
export async function allPresets(): Promise<MappingPreset[]> {
  return [...(await loadUserPresets()), ...BUILTIN_PRESETS];
}
