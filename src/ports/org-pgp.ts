/**
 * The organisation's OpenPGP key pair, as the rest of the app uses it. One key per app
 * instance (PGP_PRIVATE_KEY or PGP_PRIVATE_KEY_PATH, PGP_PASSPHRASE), served as every
 * installed organisation's key. Implemented with openpgp.js in `load-org-pgp.ts`;
 * interoperates with GnuPG both ways.
 */

/** What a decrypted message's signature said. */
export type SignatureStatus =
  /** The message was not signed. */
  | 'unsigned'
  /** Signed, and the signature verified against the public key given. */
  | 'verified'
  /** Signed, but no public key was given to check it against. */
  | 'unchecked';

export interface DecryptedText {
  text: string;
  signature: SignatureStatus;
}

export interface DecryptedBytes {
  data: Uint8Array;
  signature: SignatureStatus;
}

/** Why a message was refused: it cannot be decrypted, its signature is bad, or a key is unusable. */
export class PgpError extends Error {
  override name = 'PgpError' as const;
  constructor(
    readonly kind: 'decrypt' | 'signature' | 'key',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface OrgPgp {
  /** ASCII-armored public key, served at `/orgs/{org}/pgp-key.asc`. */
  readonly publicKeyArmored: string;
  /** Upper-case hex fingerprint of the primary key. */
  readonly fingerprint: string;
  /**
   * Decrypts an armored message to text. With `verifyWith` (an armored public key), a
   * signed message must verify against it or PgpError('signature') is thrown.
   */
  decryptText(armored: string, options?: { verifyWith?: string }): Promise<DecryptedText>;
  /** The same for binary or armored data (PGP/MIME parts, encrypted attachments). */
  decryptBytes(message: Uint8Array | string, options?: { verifyWith?: string }): Promise<DecryptedBytes>;
  /** Encrypts text to a researcher's armored public key, signed with the org key. */
  encryptTo(recipientArmored: string, text: string): Promise<string>;
  /** An OpenPGP cleartext-signed message (security.txt). */
  clearsign(text: string): Promise<string>;
}

/** Checks a researcher's armored public key: its fingerprint, or PgpError('key'). */
export type ReadPublicKey = (armored: string) => Promise<{ fingerprint: string }>;

/**
 * Stands in where no key is configured at all (neither the organisation's nor the
 * instance's): encrypted mail cannot be read, so the mailboxes keep it, flagged.
 */
export const NO_ORG_KEY: OrgPgp = {
  publicKeyArmored: '',
  fingerprint: '',
  decryptText: () => Promise.reject(new PgpError('decrypt', 'no OpenPGP key is configured')),
  decryptBytes: () => Promise.reject(new PgpError('decrypt', 'no OpenPGP key is configured')),
  encryptTo: () => Promise.reject(new PgpError('key', 'no OpenPGP key is configured')),
  clearsign: () => Promise.reject(new PgpError('key', 'no OpenPGP key is configured')),
};
