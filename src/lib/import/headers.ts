// Header names as users' exports spell them: matched case-insensitively, trimmed and
// Unicode-normalised; duplicates and blanks get unique display names, and are reported.

/** Normalises a header for matching: NFC, trimmed, inner whitespace collapsed, lower case. */
export function normalizeHeader(header: string): string {
  return header.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A header name that occurs more than once (or is blank), and the columns it names. */
export interface HeaderRename {
  /** The name as written in the file (trimmed). */
  original: string;
  /** 0-based column indexes that carried it. */
  columns: number[];
  /** The unique names given to those columns, in order. */
  renamedTo: string[];
}

/** The header row made unique. */
export interface UniqueHeaders {
  names: string[];
  renamed: HeaderRename[];
}

/**
 * Makes header names unique: the first "Amount" stays, later ones become "Amount (2)",
 * "Amount (3)"; blank names become "Column N" (1-based position).
 */
export function uniqueHeaders(raw: readonly string[]): UniqueHeaders {
  const trimmed = raw.map((h) => h.normalize('NFC').trim());
  const taken = new Set<string>();
  const names: string[] = [];
  const renames = new Map<string, HeaderRename>();
  const note = (original: string, column: number, name: string) => {
    const r = renames.get(original) ?? { original, columns: [], renamedTo: [] };
    r.columns.push(column);
    r.renamedTo.push(name);
    renames.set(original, r);
  };
  const counts = new Map<string, number>();
  trimmed.forEach((h) => counts.set(normalizeHeader(h), (counts.get(normalizeHeader(h)) ?? 0) + 1));
  trimmed.forEach((h, i) => {
    let name = h === '' ? `Column ${i + 1}` : h;
    let k = 2;
    const base = name;
    while (taken.has(normalizeHeader(name))) name = `${base} (${k++})`;
    taken.add(normalizeHeader(name));
    names.push(name);
    if (h === '' || (counts.get(normalizeHeader(h)) ?? 0) > 1) note(h, i, name);
  });
  return { names, renamed: [...renames.values()] };
}

/** Index of the column whose normalised name equals `name`'s, or -1. */
export function findHeader(headers: readonly string[], name: string): number {
  const wanted = normalizeHeader(name);
  return headers.findIndex((h) => normalizeHeader(h) === wanted);
}
