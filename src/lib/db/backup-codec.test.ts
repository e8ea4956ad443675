import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeTypedArray, encodeTypedArray } from './backup-codec';

describe('backup codec', () => {
  it('matches the standard base64 alphabet and padding', () => {
    const text = 'Canary health';
    const bytes = new TextEncoder().encode(text);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(text).toString('base64'));
    expect(bytesToBase64(bytes.subarray(0, 1))).toBe('Qw==');
    expect(bytesToBase64(bytes.subarray(0, 2))).toBe('Q2E=');
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
  });

  it('round-trips arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
      }),
    );
  });

  it('round-trips typed arrays bit-exactly, including NaN and -0', () => {
    const values = Float64Array.of(NaN, -0, Infinity, 1e-310, 0.1);
    const back = decodeTypedArray(encodeTypedArray(values), Float64Array);
    expect(Object.is(back[1], -0)).toBe(true);
    expect(back).toEqual(values);
    const days = Int32Array.of(-5, 0, 2 ** 31 - 1);
    expect(decodeTypedArray(encodeTypedArray(days), Int32Array)).toEqual(days);
    const scores = Float32Array.of(12.5, 99.9);
    expect(decodeTypedArray(encodeTypedArray(scores), Float32Array)).toEqual(scores);
  });

  it('encodes only the view, not the whole buffer', () => {
    const big = Int32Array.of(1, 2, 3, 4);
    expect(decodeTypedArray(encodeTypedArray(big.subarray(1, 3)), Int32Array)).toEqual(
      Int32Array.of(2, 3),
    );
  });

  it('rejects bad base64 and ragged element lengths', () => {
    expect(() => base64ToBytes('abc')).toThrow(RangeError);
    expect(() => base64ToBytes('ab!d')).toThrow(RangeError);
    expect(() => decodeTypedArray('AAAA', Int32Array)).toThrow(/whole number/);
  });
});
