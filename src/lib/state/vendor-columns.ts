// Pure helpers of the export path's column step: which preset columns to ask for and what the
// user chose for each (a preset that only half matches lists the columns it could not find).
import type { VendorMatchInfo } from '$lib/worker/ops/crosswalk-file';

/** One column the preset needs, as the column step shows it. */
export interface ColumnChoice {
  key: string;
  /** The header spellings the preset looked for (the first is the documented one). */
  labels: readonly string[];
  required: boolean;
  /** The chosen header index (-1 = none yet). */
  index: number;
}

/** Keys of the required columns the preset could not find. */
export function missingColumnKeys(match: VendorMatchInfo): string[] {
  return match.missing.map((m) => m.key);
}

/** The asked columns with their spellings and the header chosen for each. */
export function columnChoices(
  match: VendorMatchInfo,
  asked: readonly string[],
  chosen: Readonly<Record<string, number>>,
): ColumnChoice[] {
  const known = new Map(match.known.map((k) => [k.key, k]));
  return asked.map((key) => {
    const k = known.get(key);
    return {
      key,
      labels: k?.labels ?? [key],
      required: k?.required ?? true,
      index: chosen[key] ?? -1,
    };
  });
}
