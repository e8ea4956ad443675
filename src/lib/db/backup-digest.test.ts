import { describe, expect, it } from 'vitest';
import { canonicalJson, checkChecksum, computeChecksum } from './backup-digest';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes what JSON.stringify writes otherwise', () => {
    const value = { b: [1, { z: 1, a: NaN }, undefined], a: 'x', c: undefined, d: -0 };
    expect(canonicalJson(value)).toBe('{"a":"x","b":[1,{"a":null,"z":1},null],"d":0}');
    // The same text before and after a JSON round trip, whatever the key order or spacing.
    const roundTrip = JSON.parse(JSON.stringify(value, null, 2)) as unknown;
    expect(canonicalJson(roundTrip)).toBe(canonicalJson(value));
  });

  it('keeps a "__proto__" member of a parsed document as a member', () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"x":1}}') as unknown;
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":1},"b":1}');
  });
});

describe('checksum', () => {
  const doc = () => ({
    format: 'canary-backup',
    schemaVersion: 3,
    exportedAt: 5,
    tables: { accounts: [{ id: 'a', name: 'A' }], notes: [] as unknown[] },
  });

  it('verifies an unchanged document and names each changed table', async () => {
    const checksum = await computeChecksum(doc());
    expect(checksum.tables.accounts).toMatch(/^[0-9a-f]{64}$/);
    expect(await checkChecksum(doc(), checksum)).toEqual({ kind: 'verified' });
    const changed = doc();
    changed.tables.accounts[0].name = 'B';
    changed.tables.notes.push({ id: 1 });
    expect(await checkChecksum(changed, checksum)).toEqual({
      kind: 'changed',
      tables: ['accounts', 'notes'],
      header: false,
    });
    expect(await checkChecksum({ ...doc(), exportedAt: 6 }, checksum)).toEqual({
      kind: 'changed',
      tables: [],
      header: true,
    });
  });

  it('tells a damaged checksum from one of an unknown algorithm', async () => {
    const checksum = await computeChecksum(doc());
    expect(await checkChecksum(doc(), null)).toEqual({ kind: 'damaged' });
    expect(await checkChecksum(doc(), { ...checksum, tables: [] })).toEqual({ kind: 'damaged' });
    expect(await checkChecksum(doc(), { ...checksum, algorithm: 'BLAKE3' })).toEqual({
      kind: 'unknown-algorithm',
      algorithm: 'BLAKE3',
    });
  });
});
