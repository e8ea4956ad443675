// Typed arrays ↔ base64 of their little-endian bytes: exact (NaN, -0, float32 bits survive),
// compact, and independent of the platform's byte order.

type Numeric = Int32Array | Float64Array | Float32Array | Uint8Array;
type NumericCtor<T extends Numeric> = {
  new (buffer: ArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
};

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Uint8Array(128).fill(255);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function swapBytes(bytes: Uint8Array, width: number): void {
  if (width === 1) return;
  for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
}

/** Base64 of raw bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    chunk.push(
      ALPHABET[a >> 2] +
        ALPHABET[((a & 3) << 4) | (b >> 4)] +
        (i + 1 < bytes.length ? ALPHABET[((b & 15) << 2) | (c >> 6)] : '=') +
        (i + 2 < bytes.length ? ALPHABET[c & 63] : '='),
    );
    if (chunk.length === 4096) parts.push(chunk.splice(0).join(''));
  }
  parts.push(chunk.join(''));
  return parts.join('');
}

/** Raw bytes of a base64 string; throws RangeError when it is not valid base64. */
export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new RangeError('base64 length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const ch = text.charCodeAt(i + k);
      const isPad = ch === 61 && i + k >= text.length - pad;
      const v = isPad ? 0 : ch < 128 ? LOOKUP[ch] : 255;
      if (v === 255) throw new RangeError(`invalid base64 character at ${i + k}`);
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** Base64 of a typed array's elements as little-endian bytes. */
export function encodeTypedArray(a: Numeric): string {
  let bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (!LITTLE_ENDIAN) {
    bytes = bytes.slice();
    swapBytes(bytes, a.BYTES_PER_ELEMENT);
  }
  return bytesToBase64(bytes);
}

/** Decodes encodeTypedArray's output; throws RangeError on bad base64 or a ragged length. */
export function decodeTypedArray<T extends Numeric>(text: string, ctor: NumericCtor<T>): T {
  const bytes = base64ToBytes(text);
  if (bytes.length % ctor.BYTES_PER_ELEMENT !== 0) {
    throw new RangeError(`${bytes.length} bytes is not a whole number of elements`);
  }
  if (!LITTLE_ENDIAN) swapBytes(bytes, ctor.BYTES_PER_ELEMENT);
  return new ctor(bytes.buffer as ArrayBuffer);
}
