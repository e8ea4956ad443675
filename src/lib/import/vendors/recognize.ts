// Recognising an export from its header row: each preset's columns are looked up under all
// their spellings; a preset that only half matches is still offered, with the columns it
// could not find, so the user can point at them.
import { normalizeHeader } from '../headers';
import type { VendorPreset, RowCells } from './preset';

/** A preset checked against a header row. */
export interface VendorMatch {
  preset: VendorPreset;
  /** Column key → index in the header row (-1 = not found). */
  columns: Record<string, number>;
  /** Required columns not found, with the spellings that were looked for. */
  missing: { key: string; labels: readonly string[] }[];
  /** Every required column found: the preset can run. */
  complete: boolean;
  /** Share of the preset's signature columns found, 0–1. */
  score: number;
}

function locate(preset: VendorPreset, headers: readonly string[]): Record<string, number> {
  const byName = new Map<string, number>();
  headers.forEach((h, i) => {
    const n = normalizeHeader(h);
    if (!byName.has(n)) byName.set(n, i);
  });
  const columns: Record<string, number> = {};
  for (const c of preset.columns) {
    columns[c.key] = -1;
    for (const label of c.labels) {
      const i = byName.get(normalizeHeader(label));
      if (i !== undefined) {
        columns[c.key] = i;
        break;
      }
    }
  }
  return columns;
}

function summarise(preset: VendorPreset, columns: Record<string, number>): VendorMatch {
  const missing = preset.columns
    .filter((c) => c.required && columns[c.key] < 0)
    .map((c) => ({ key: c.key, labels: c.labels }));
  const found = preset.signature.filter((k) => columns[k] >= 0).length;
  return {
    preset,
    columns,
    missing,
    complete: missing.length === 0,
    score: preset.signature.length === 0 ? 0 : found / preset.signature.length,
  };
}

/** Checks one preset against a header row. */
export function matchVendorPreset(preset: VendorPreset, headers: readonly string[]): VendorMatch {
  return summarise(preset, locate(preset, headers));
}

/**
 * The presets a header row fits, best first: complete matches before partial ones, then by
 * share of signature columns found. A preset is listed when at least half (and two) of its
 * signature columns are present.
 */
export function recognizeVendorFile(
  headers: readonly string[],
  presets: readonly VendorPreset[],
): VendorMatch[] {
  const out: VendorMatch[] = [];
  for (const p of presets) {
    const m = matchVendorPreset(p, headers);
    const found = Math.round(m.score * p.signature.length);
    if (found >= 2 && m.score >= 0.5) out.push(m);
  }
  return out.sort(
    (a, b) =>
      Number(b.complete) - Number(a.complete) ||
      b.score - a.score ||
      b.preset.signature.length - a.preset.signature.length,
  );
}

/** The match with one column pointed at by hand (`headerIndex` -1 unsets it). */
export function assignColumn(match: VendorMatch, key: string, headerIndex: number): VendorMatch {
  if (!match.preset.columns.some((c) => c.key === key)) {
    throw new RangeError(`${match.preset.name} has no column ${key}`);
  }
  return summarise(match.preset, { ...match.columns, [key]: headerIndex });
}

/** Row cells of a matched file, read by column key; one instance is reused for every row. */
export class MatchedCells implements RowCells {
  row: readonly string[] = [];
  readonly #columns: Record<string, number>;
  readonly #headers: readonly string[];

  constructor(match: VendorMatch, headers: readonly string[]) {
    this.#columns = match.columns;
    this.#headers = headers;
  }

  /** The trimmed cell of a column ('' when absent). */
  get(key: string): string {
    const i = this.#columns[key] ?? -1;
    return i < 0 ? '' : (this.row[i] ?? '').trim();
  }

  /** Whether the file has the column. */
  has(key: string): boolean {
    return (this.#columns[key] ?? -1) >= 0;
  }

  /** The file's header for a column. */
  header(key: string): string {
    const i = this.#columns[key] ?? -1;
    return i < 0 ? key : this.#headers[i];
  }
}
