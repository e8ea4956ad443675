import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeWindows1252 } from './decode';

const TEXT = 'id,name\nA1,Zoë – “quoted”\n';

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let at = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, !bigEndian);
    at = 2;
  }
  for (let i = 0; i < text.length; i++, at += 2) view.setUint16(at, text.charCodeAt(i), !bigEndian);
  return out;
}

describe('decodeBytes', () => {
  it('reads UTF-8 with and without BOM', () => {
    const plain = new TextEncoder().encode(TEXT);
    expect(decodeBytes(plain)).toEqual({ text: TEXT, encoding: 'utf-8', bom: false, nulCount: 0 });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeBytes(withBom)).toEqual({ text: TEXT, encoding: 'utf-8', bom: true, nulCount: 0 });
  });

  it('reads UTF-16 in both byte orders, with and without BOM', () => {
    for (const be of [false, true]) {
      for (const bom of [false, true]) {
        const d = decodeBytes(utf16(TEXT, be, bom));
        expect(d, `be=${be} bom=${bom}`).toEqual({
          text: TEXT,
          encoding: be ? 'utf-16be' : 'utf-16le',
          bom,
          nulCount: 0,
        });
      }
    }
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    const bytes = new Uint8Array([
      0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35, 0x20, 0x93, 0x71, 0x94, 0x9f,
    ]);
    expect(decodeBytes(bytes)).toEqual({
      text: 'Café €5 “q”Ÿ',
      encoding: 'windows-1252',
      bom: false,
      nulCount: 0,
    });
  });

  it('maps every Windows-1252 byte as the WHATWG standard does', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const text = decodeWindows1252(all);
    expect(text.length).toBe(256);
    expect(text.charCodeAt(0x41)).toBe(0x41);
    expect(text.charCodeAt(0x80)).toBe(0x20ac);
    expect(text.charCodeAt(0x81)).toBe(0x81);
    expect(text.charCodeAt(0x8a)).toBe(0x160);
    expect(text.charCodeAt(0xe9)).toBe(0xe9);
  });

  it('removes embedded NULs and counts them', () => {
    const bytes = new Uint8Array([0x61, 0x00, 0x2c, 0x62, 0x0a, 0x00]);
    expect(decodeBytes(bytes)).toEqual({
      text: 'a,b\n',
      encoding: 'utf-8',
      bom: false,
      nulCount: 2,
    });
  });
});
