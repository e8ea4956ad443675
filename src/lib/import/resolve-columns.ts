// Finding a mapping's columns in a file's header row (matched normalised).
import { normalizeHeader } from './headers';
import type { ColumnRole, ImportMapping } from './mapping';

/** A mapped column found in the header row. */
export interface ResolvedColumn {
  index: number;
  name: string;
  role: ColumnRole;
}

/** Finds each mapped column in the header row (matched normalised); lists the missing ones. */
export function resolveColumns(
  mapping: ImportMapping,
  headers: readonly string[],
): { columns: ResolvedColumn[]; missing: string[] } {
  const byName = new Map(headers.map((h, i) => [normalizeHeader(h), i]));
  const columns: ResolvedColumn[] = [];
  const missing: string[] = [];
  for (const [name, role] of Object.entries(mapping.columns)) {
    if (role.role === 'ignore') continue;
    const index = byName.get(normalizeHeader(name));
    if (index === undefined) missing.push(name);
    else columns.push({ index, name: headers[index], role });
  }
  return { columns, missing };
}
