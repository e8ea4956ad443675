// The checksum stored in every new backup: SHA-256 (WebCrypto, the same in the worker and in
// Node) over a canonical serialisation of each table, and one over the header and those table
// digests. Canonical means JSON with object keys sorted, so a file
// that was only re-indented or had its keys reordered still verifies, while any changed value,
// added or removed record does not — and the table that changed can be named.

/** The only checksum algorithm Canary writes and checks. */
export const CHECKSUM_ALGORITHM = 'SHA-256';

/** The checksum block of a backup document. */
export interface BackupChecksum {
  algorithm: typeof CHECKSUM_ALGORITHM;
  /** Hex SHA-256 of each table's canonical JSON, by table name. */
  tables: Record<string, string>;
  /** Hex SHA-256 of the canonical JSON of format, schemaVersion, exportedAt and `tables`. */
  document: string;
}

/** The parts of a backup document the checksum covers. */
export interface ChecksummedParts {
  format?: unknown;
  schemaVersion?: unknown;
  exportedAt?: unknown;
  tables: Record<string, unknown>;
}

// Returns objects with their keys in sorted order (the same object when they already are).
// JSON.stringify applies toJSON before calling it and does everything else as it always does.
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1] < keys[i];
  if (inOrder) return value;
  // No prototype, so a "__proto__" member stays an ordinary member.
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of keys.sort()) out[key] = record[key];
  return out;
}

/**
 * JSON of `value` with every object's keys in sorted order and otherwise exactly what
 * JSON.stringify writes (undefined members dropped, non-finite numbers as null), so the
 * canonical text of a document equals that of the document after a JSON round trip.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortedKeys) ?? 'null';
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function documentDigest(parts: ChecksummedParts, tables: Record<string, string>) {
  const { format, schemaVersion, exportedAt } = parts;
  return sha256Hex(canonicalJson({ format, schemaVersion, exportedAt, tables }));
}

/** Computes the checksum block of a backup document. */
export async function computeChecksum(parts: ChecksummedParts): Promise<BackupChecksum> {
  const tables: Record<string, string> = {};
  for (const name of Object.keys(parts.tables).sort()) {
    tables[name] = await sha256Hex(canonicalJson(parts.tables[name]));
  }
  return { algorithm: CHECKSUM_ALGORITHM, tables, document: await documentDigest(parts, tables) };
}

/** What checking a stored checksum found. */
export type ChecksumCheck =
  | { kind: 'unknown-algorithm'; algorithm: string }
  | { kind: 'damaged' }
  | { kind: 'changed'; tables: string[]; header: boolean }
  | { kind: 'verified' };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isHex64(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
}

/**
 * Checks a document against the checksum stored in it (`stored` as read from the file, not yet
 * trusted): which tables differ from their digest (changed, added or removed), and whether the
 * header or the list of digests itself was changed.
 */
export async function checkChecksum(
  doc: ChecksummedParts,
  stored: unknown,
): Promise<ChecksumCheck> {
  const c = stored as Partial<Record<keyof BackupChecksum, unknown>> | null;
  if (typeof c !== 'object' || c === null) return { kind: 'damaged' };
  if (c.algorithm !== CHECKSUM_ALGORITHM) {
    return typeof c.algorithm === 'string'
      ? { kind: 'unknown-algorithm', algorithm: c.algorithm }
      : { kind: 'damaged' };
  }
  const digests = c.tables;
  if (!isRecord(digests)) return { kind: 'damaged' };
  if (!isHex64(c.document) || !Object.values(digests).every(isHex64)) return { kind: 'damaged' };
  const tables = isRecord(doc.tables) ? doc.tables : {};
  const names = [...new Set([...Object.keys(digests), ...Object.keys(tables)])].sort();
  const changed: string[] = [];
  for (const name of names) {
    const expected = digests[name];
    if (!Object.hasOwn(tables, name) || !Object.hasOwn(digests, name)) changed.push(name);
    else if ((await sha256Hex(canonicalJson(tables[name]))) !== expected) changed.push(name);
  }
  const header = (await documentDigest(doc, digests as Record<string, string>)) !== c.document;
  return changed.length > 0 || header
    ? { kind: 'changed', tables: changed, header }
    : { kind: 'verified' };
}
