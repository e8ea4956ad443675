// Company names as crosswalk keys. Only ever a suggestion the user confirms: two companies can
// share a normalised name, and a billing "name" is sometimes a person or a phone number.

// Legal-form words dropped from the end of a name ("Acme GmbH" = "Acme Inc." = "ACME").
const LEGAL_FORMS = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'plc',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'ug',
  'ev',
  'sa',
  'sas',
  'sarl',
  'sasu',
  'eurl',
  'sl',
  'slu',
  'srl',
  'spa',
  'sapi',
  'sab',
  'cv',
  'de',
  'ltda',
  'me',
  'eireli',
  'bv',
  'nv',
  'vof',
  'ab',
  'as',
  'asa',
  'aps',
  'oy',
  'oyj',
  'kk',
  'pty',
  'pte',
  'pvt',
  'sdn',
  'bhd',
  'holdings',
  'group',
]);

/**
 * A company name normalised for matching: accents, case, punctuation and legal forms removed
 * ("Café Ünïon, S.A." → "cafe union"); '' when nothing is left.
 */
export function normalizeCompanyName(raw: string): string {
  const words = raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    // Dotted abbreviations ("S.A.", "B.V.") become one word before punctuation is dropped.
    .replace(/\b(\p{L})\.(?=\p{L}\.)/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  if (words[0] === 'the' && words.length > 1) words.shift();
  // Keep at least one word: "Company Inc" stays "company".
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1])) words.pop();
  return words.join(' ');
}

const PHONE = /^[+\d\s().-]{6,}$/;

/** Whether a "name" cell is really a phone number or an email address (Stripe quirk). */
export function isUnusableName(raw: string): boolean {
  const s = raw.trim();
  return s === '' || (PHONE.test(s) && /\d{5,}/.test(s.replace(/\D/g, ''))) || s.includes('@');
}
