import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { pooledRandomBytes } from '../report/random-pool.js';

/**
 * Encrypts the store's personal data at rest (contact details, a report's text until it is
 * filed, the conversation with the researcher and every outbox job's payload): AES-256-GCM,
 * a fresh 96-bit IV per value, authenticated. Values written before encryption was
 * configured carry no prefix and are read as they are.
 */
export interface FieldCipher {
  /** False for `plainFields`: values are stored as they are. */
  readonly encrypts: boolean;
  encrypt(text: string): string;
  decrypt(stored: string): string;
}

/** What every encrypted value starts with; a value without it was stored in clear. */
export const ENCRYPTED_PREFIX = 'enc:v1:';

/** A key from DATA_ENCRYPTION_KEY: 32 bytes as base64 (or hex), or any long passphrase (hashed). */
export function fieldCipher(secret: string): FieldCipher {
  const key = keyFrom(secret);
  return {
    encrypts: true,
    encrypt(text) {
      const iv = pooledRandomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return ENCRYPTED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt(stored) {
      if (!stored.startsWith(ENCRYPTED_PREFIX)) return stored;
      const raw = Buffer.from(stored.slice(ENCRYPTED_PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** No key configured: values are stored as they are (PostgreSQL without DATA_ENCRYPTION_KEY; tests). */
export const plainFields: FieldCipher = { encrypts: false, encrypt: (text) => text, decrypt: (stored) => stored };

/** Whether a stored value is encrypted (tests and the export check it). */
export function isEncrypted(stored: string): boolean {
  return stored.startsWith(ENCRYPTED_PREFIX);
}

/** A new random key, base64, for DATA_ENCRYPTION_KEY or the SQLite key file. */
export function newDataKey(): string {
  return randomBytes(32).toString('base64');
}

function keyFrom(secret: string): Buffer {
  const trimmed = secret.trim();
  if (/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return Buffer.from(trimmed, 'base64');
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (trimmed.length < 32) throw new Error('DATA_ENCRYPTION_KEY must be 32 bytes in base64 or hex, or a passphrase of at least 32 characters');
  return createHash('sha256').update(trimmed, 'utf8').digest();
}
