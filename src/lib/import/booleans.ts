// Booleans as exports write them: true/false, yes/no, y/n, 1/0 (any case).

const TRUE = new Set(['true', 'yes', 'y', '1', 't']);
const FALSE = new Set(['false', 'no', 'n', '0', 'f']);

/** Reads a boolean cell: true, false, null for empty, undefined when it is not a boolean. */
export function parseBoolean(raw: string): boolean | null | undefined {
  const s = raw.trim().toLowerCase();
  if (s === '') return null;
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}
