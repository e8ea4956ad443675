// Salesforce record ids come in a case-sensitive 15-character form and an 18-character form
// whose last three characters encode the case of the first fifteen; both name one record.

const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

function suffixOf(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    out += SUFFIX[bits];
  }
  return out;
}

/**
 * The canonical 18-character form of a Salesforce id (15 → 18; an 18-character id whose case
 * was lost, e.g. lower-cased by a spreadsheet, gets its case back from the suffix). Anything
 * else is returned trimmed and unchanged.
 */
export function salesforceId18(raw: string): string {
  const id = raw.trim();
  if (!ID.test(id)) return id;
  if (id.length === 15) return id + suffixOf(id);
  const suffix = id.slice(15).toUpperCase();
  let restored = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX.indexOf(suffix[chunk]);
    if (bits < 0) return id;
    for (let i = 0; i < 5; i++) {
      const c = id[chunk * 5 + i];
      restored += bits & (1 << i) ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return restored + suffix;
}
