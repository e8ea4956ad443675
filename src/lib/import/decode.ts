// Bytes → text. Exports come in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text")
// and Windows-1252 (Salesforce's weekly export default), so the encoding is detected, never assumed.

/** The encodings the importer recognises. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Decoded file text and what was found on the way. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Whether a byte-order mark was present (and removed). */
  bom: boolean;
  /** NUL characters removed from the text (they break parsing and are never data). */
  nulCount: number;
}

const SAMPLE = 4096;

// Windows-1252's 0x80–0x9F (the rest is Latin-1). Built in because some runtimes' TextDecoder
// (Node without full ICU) treat 'windows-1252' as ISO-8859-1 and lose €, “ ” and friends.
const CP1252_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** Decodes Windows-1252 bytes exactly as the WHATWG encoding standard does. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Uint16Array(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes[i - start] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** Guesses BOM-less UTF-16 from the NUL bytes ASCII characters leave in one byte of each pair. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= pairs * 0.7 && evenZeros <= pairs * 0.05) return 'utf-16le';
  if (evenZeros >= pairs * 0.7 && oddZeros <= pairs * 0.05) return 'utf-16be';
  return null;
}

function stripNuls(text: string): { text: string; nulCount: number } {
  if (text.indexOf('\u0000') < 0) return { text, nulCount: 0 };
  const parts = text.split('\u0000');
  return { text: parts.join(''), nulCount: parts.length - 1 };
}

function detect(bytes: Uint8Array): { encoding: TextEncodingName; bom: number; text?: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', bom: 3 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { encoding: utf16, bom: 0 };
  try {
    // ignoreBOM keeps a U+FEFF that is not at the start of the bytes we checked above.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { encoding: 'utf-8', bom: 0, text };
  } catch {
    // Not valid UTF-8: Windows-1252 maps every byte, which is what Excel and Salesforce write.
    return { encoding: 'windows-1252', bom: 0 };
  }
}

/** Detects the encoding of file bytes and decodes them, removing any BOM and NUL characters. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  const { encoding, bom, text: utf8 } = detect(bytes);
  const body = bytes.subarray(bom);
  const raw =
    utf8 !== undefined
      ? utf8
      : encoding === 'windows-1252'
        ? decodeWindows1252(body)
        : new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
  const { text, nulCount } = stripNuls(raw);
  return { text, encoding, bom: bom > 0, nulCount };
}
