import { describe, expect, it } from 'vitest';
import {
  BACKUP_PBKDF2_ITERATIONS,
  BackupCryptoError,
  decryptBackup,
  encryptBackup,
  isEncryptedBackup,
} from './backup-crypto';
import { BackupFileError, readBackupFile } from './backup-file';

const DOC = JSON.stringify({ format: 'canary-backup', schemaVersion: 1, note: 'Zoë – “quoted” €' });

async function problem(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (e) {
    if (e instanceof BackupCryptoError || e instanceof BackupFileError) return e.problem;
    throw e;
  }
  return 'none';
}

describe('encrypted backups', async () => {
  const sealed = await encryptBackup(DOC, 'correct horse');

  it('round-trips with the right passphrase and writes a versioned header', async () => {
    expect(isEncryptedBackup(sealed)).toBe(true);
    expect(new TextDecoder().decode(sealed.subarray(0, 7))).toBe('CNRYENC');
    expect(sealed[7]).toBe(1);
    expect(new DataView(sealed.buffer, sealed.byteOffset).getUint32(8)).toBe(
      BACKUP_PBKDF2_ITERATIONS,
    );
    expect(BACKUP_PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(await decryptBackup(sealed, 'correct horse')).toBe(DOC);
  });

  it('uses a fresh salt and IV every time', async () => {
    const again = await encryptBackup(DOC, 'correct horse');
    expect(Buffer.from(again.subarray(12, 40)).equals(Buffer.from(sealed.subarray(12, 40)))).toBe(
      false,
    );
  });

  it('fails clearly on a wrong passphrase, a flipped byte, a truncated file or a changed header', async () => {
    expect(await problem(decryptBackup(sealed, 'wrong horse'))).toBe('wrong-passphrase');
    const flipped = sealed.slice();
    flipped[flipped.length - 5] ^= 1;
    expect(await problem(decryptBackup(flipped, 'correct horse'))).toBe('wrong-passphrase');
    const saltChanged = sealed.slice();
    saltChanged[14] ^= 1;
    expect(await problem(decryptBackup(saltChanged, 'correct horse'))).toBe('wrong-passphrase');
    expect(await problem(decryptBackup(sealed.slice(0, 30), 'correct horse'))).toBe('corrupt');
    const future = sealed.slice();
    future[7] = 2;
    expect(await problem(decryptBackup(future, 'correct horse'))).toBe('unsupported-version');
    const weak = sealed.slice();
    new DataView(weak.buffer).setUint32(8, 1000);
    expect(await problem(decryptBackup(weak, 'correct horse'))).toBe('corrupt');
    expect(await problem(decryptBackup(new TextEncoder().encode(DOC), 'x'))).toBe('not-encrypted');
  });

  it('refuses an empty passphrase', async () => {
    await expect(encryptBackup(DOC, '')).rejects.toThrow(RangeError);
  });

  it('reads plain and encrypted backup files into JSON, or says why not', async () => {
    expect(await readBackupFile(new TextEncoder().encode('\uFEFF' + DOC))).toEqual(JSON.parse(DOC));
    expect(await readBackupFile(sealed, 'correct horse')).toEqual(JSON.parse(DOC));
    expect(await problem(readBackupFile(sealed))).toBe('needs-passphrase');
    expect(await problem(readBackupFile(sealed, 'nope'))).toBe('wrong-passphrase');
    expect(await problem(readBackupFile(new TextEncoder().encode('{"format": ')))).toBe('not-json');
    expect(await problem(readBackupFile(new Uint8Array([0xff, 0xfe, 0x00])))).toBe('not-json');
  });
});
