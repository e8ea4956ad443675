// Passphrase-encrypted backups with WebCrypto (browser, worker and Node 20 alike):
// PBKDF2-SHA256 (600,000 iterations) → AES-256-GCM, behind a small versioned header that is
// itself authenticated, so a wrong passphrase or any flipped byte fails loudly and changes nothing.

/** Why an encrypted backup could not be opened. */
export type BackupCryptoProblem =
  'not-encrypted' | 'unsupported-version' | 'corrupt' | 'wrong-passphrase';

/** A backup file that cannot be decrypted, with a message for the user. */
export class BackupCryptoError extends Error {
  readonly name = 'BackupCryptoError';
  constructor(
    readonly problem: BackupCryptoProblem,
    message: string,
  ) {
    super(message);
  }
}

/** PBKDF2 iterations for new backups (OWASP 2023 guidance for PBKDF2-HMAC-SHA256). */
export const BACKUP_PBKDF2_ITERATIONS = 600_000;
// Headers may carry more iterations (future-proof) but not absurd counts that would hang a tab.
const MAX_ITERATIONS = 10_000_000;
const MAGIC = [0x43, 0x4e, 0x52, 0x59, 0x45, 0x4e, 0x43]; // "CNRYENC"
const VERSION = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
/** magic(7) version(1) iterations(4, big-endian) salt(16) iv(12). */
const HEADER_BYTES = MAGIC.length + 1 + 4 + SALT_BYTES + IV_BYTES;

/** True when bytes start with the encrypted-backup magic. */
export function isEncryptedBackup(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Encrypts a backup document's JSON text with a passphrase. */
export async function encryptBackup(json: string, passphrase: string): Promise<Uint8Array> {
  if (passphrase.length === 0) throw new RangeError('A backup passphrase cannot be empty.');
  const header = new Uint8Array(HEADER_BYTES);
  header.set(MAGIC, 0);
  header[MAGIC.length] = VERSION;
  new DataView(header.buffer).setUint32(MAGIC.length + 1, BACKUP_PBKDF2_ITERATIONS);
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  header.set(salt, MAGIC.length + 5);
  header.set(iv, MAGIC.length + 5 + SALT_BYTES);
  const key = await deriveKey(passphrase, salt, BACKUP_PBKDF2_ITERATIONS);
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: header },
    key,
    new TextEncoder().encode(json),
  );
  const out = new Uint8Array(HEADER_BYTES + cipher.byteLength);
  out.set(header, 0);
  out.set(new Uint8Array(cipher), HEADER_BYTES);
  return out;
}

/** Decrypts encryptBackup's output; throws BackupCryptoError (never returns partial text). */
export async function decryptBackup(bytes: Uint8Array, passphrase: string): Promise<string> {
  if (!isEncryptedBackup(bytes)) {
    throw new BackupCryptoError('not-encrypted', 'This file is not an encrypted Canary backup.');
  }
  if (bytes[MAGIC.length] !== VERSION) {
    throw new BackupCryptoError(
      'unsupported-version',
      `This encrypted backup uses format ${bytes[MAGIC.length]}, which this version of Canary cannot read; update Canary.`,
    );
  }
  if (bytes.length < HEADER_BYTES + 16) {
    throw new BackupCryptoError('corrupt', 'This encrypted backup is truncated or damaged.');
  }
  const header = bytes.slice(0, HEADER_BYTES);
  const iterations = new DataView(header.buffer).getUint32(MAGIC.length + 1);
  if (iterations < BACKUP_PBKDF2_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new BackupCryptoError('corrupt', 'This encrypted backup has a damaged header.');
  }
  const salt = header.slice(MAGIC.length + 5, MAGIC.length + 5 + SALT_BYTES);
  const iv = header.slice(MAGIC.length + 5 + SALT_BYTES, HEADER_BYTES);
  const key = await deriveKey(passphrase, salt, iterations);
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: header },
      key,
      bytes.slice(HEADER_BYTES),
    );
  } catch {
    // AES-GCM cannot tell a wrong key from altered bytes; both fail authentication.
    throw new BackupCryptoError(
      'wrong-passphrase',
      'The passphrase is wrong, or the backup file is damaged. Nothing was changed.',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new BackupCryptoError('corrupt', 'This backup decrypted but does not hold text.');
  }
}
