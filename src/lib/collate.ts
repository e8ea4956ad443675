// Sorting text as Intl.Collator('en-US') does, without creating one for plain ASCII text: the
// first collator (or localeCompare) a page uses loads ICU's locale data, a 25–50 ms block of the
// main thread (100–200 ms on a throttled phone) while the portfolio first renders. Text with
// characters beyond printable ASCII still goes to a real collator, created when first needed.

// Printable ASCII in the root collation's primary order (en-US has no tailoring): space and
// punctuation, symbols, digits, then letters with upper and lower case equal at this level.
const PRIMARY_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz';

const PRIMARY = new Uint8Array(128);
for (let i = 0; i < PRIMARY_ORDER.length; i++) {
  const code = PRIMARY_ORDER.charCodeAt(i);
  PRIMARY[code] = i + 1;
  if (code >= 97 && code <= 122) PRIMARY[code - 32] = i + 1;
}

function printableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

let collator: Intl.Collator | null = null;

/** Negative, zero or positive as `a` sorts before, with or after `b` (en-US collation). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (!printableAscii(a) || !printableAscii(b)) {
    collator ??= new Intl.Collator('en-US');
    return collator.compare(a, b);
  }
  const n = Math.min(a.length, b.length);
  // Primary level: characters, case ignored; a proper prefix sorts first.
  for (let i = 0; i < n; i++) {
    const d = PRIMARY[a.charCodeAt(i)] - PRIMARY[b.charCodeAt(i)];
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  // Tertiary level: the first difference left is one of case, and lower case sorts first.
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    if (ca !== b.charCodeAt(i)) return ca >= 97 ? -1 : 1;
  }
  return 0;
}
