// Binary content is refused before any mapping, naming what the magic bytes say it is; text in
// every encoding the importer reads (and text with a stray control character) is not.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from './errors';
import { openImportFile } from './open-file';
import { decodeZipEntry, listZipCsvEntries } from './zip';

const DIR = new URL('../../../tests/fixtures/csv/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, DIR)));

function refusal(bytes: Uint8Array, name: string): ImportFileError {
  try {
    openImportFile(bytes, name);
  } catch (e) {
    if (e instanceof ImportFileError) return e;
    throw e;
  }
  throw new Error(`${name} was opened`);
}

describe('binary files are not text', () => {
  it('names what the magic bytes say, and what to do instead', () => {
    const gz = refusal(fixture('bin-gzip-renamed.csv'), 'accounts.csv');
    expect(gz.problem).toBe('not-text');
    expect(gz.message).toBe(
      'accounts.csv is not a text file: it looks like a gzip-compressed file, not CSV. ' +
        'Decompress it first (for example with gunzip or 7-Zip) and import the CSV inside.',
    );
    expect(refusal(fixture('bin-pdf-renamed.csv'), 'report.csv').message).toMatch(
      /^report\.csv is not a text file: it looks like a PDF document, not CSV\. Export the data as CSV/,
    );
    expect(refusal(fixture('bin-png-renamed.csv'), 'chart.csv').message).toContain('a PNG image');
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    expect(refusal(jpeg, 'photo.csv').message).toContain('a JPEG image');
  });

  it('recognises binary data without magic bytes by its control characters', () => {
    const e = refusal(fixture('bin-unknown.csv'), 'dump.csv');
    expect([e.problem, e.message]).toEqual([
      'not-text',
      'dump.csv is not a text file: it holds binary data, not CSV text. ' +
        'Export the data as CSV (UTF-8) from the system it came from and import that file.',
    ]);
    // A file of NULs decodes to nothing: still binary, not "empty".
    expect(refusal(new Uint8Array(512), 'zeros.csv').problem).toBe('not-text');
  });

  it('refuses a binary entry inside a zip when it is decoded', () => {
    const zip = zipSync({
      'export/accounts.csv': gzipSync(Buffer.from('account_id\nA1\n')),
      'export/tickets.csv': new TextEncoder().encode('ticket_id,account_id\nT1,A1\n'),
    });
    const [binary, text] = listZipCsvEntries(zip);
    expect(() => decodeZipEntry(binary)).toThrow(
      'export/accounts.csv is not a text file: it looks like a gzip-compressed file',
    );
    expect(decodeZipEntry(text).text).toBe('ticket_id,account_id\nT1,A1\n');
  });

  it('opens text in every encoding, with embedded NULs or a stray control character', () => {
    for (const name of [
      'enc-utf8.csv',
      'enc-utf16le-bom.csv',
      'enc-utf16be-nobom.csv',
      'enc-windows-1252.csv',
      'enc-embedded-nul.csv',
      'salesforce-report.csv',
    ]) {
      expect(openImportFile(fixture(name), name).kind, name).toBe('csv');
    }
    // One DOS end-of-file mark (0x1A) and a form feed in real text are not binary data.
    const text = new TextEncoder().encode('account_id,name\nA1,Alpha\fBeta\nA2,Gamma\n\x1a');
    expect(openImportFile(text, 'old.csv').kind).toBe('csv');
  });
});
