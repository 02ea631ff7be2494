import type { PublicKey } from 'openpgp';
import { PgpError, type ReadPublicKey } from '../ports/org-pgp.js';

/**
 * Reads a researcher's armored public key and checks that we can encrypt to it at `date`:
 * exactly one key, public only, neither revoked nor expired, with a valid encryption-capable
 * (sub)key. Every refusal is a PgpError('key') whose message completes "contact.pgpKey …"
 * and never quotes the key.
 */
export async function readResearcherPublicKey(armored: string, date: Date = new Date()): Promise<PublicKey> {
  // Loaded on the first key a researcher sends: most desks never need openpgp.js at all.
  const { readKeys } = await import('openpgp');
  let keys;
  try {
    keys = await readKeys({ armoredKeys: armored });
  } catch (error) {
    throw new PgpError('key', 'is not an ASCII-armored OpenPGP public key', { cause: error });
  }
  const [key] = keys;
  // readKeys reads the first armor block only; a second pasted key would go unnoticed.
  const blocks = armored.match(/-----BEGIN PGP /g)?.length ?? 0;
  if (key === undefined || keys.length !== 1 || blocks > 1) throw new PgpError('key', 'must contain exactly one OpenPGP public key');
  if (key.isPrivate()) throw new PgpError('key', 'is a private key; send only the public key');
  await checkValid(key, date);
  try {
    await key.getEncryptionKey(undefined, date);
  } catch (error) {
    throw new PgpError('key', 'has no valid key that can encrypt (expired, revoked or a too weak algorithm)', { cause: error });
  }
  return key;
}

/** A {@link ReadPublicKey} that checks keys against the clock it is given. */
export function researcherKeyReader(now: () => Date = () => new Date()): ReadPublicKey {
  return async (armored) => {
    const key = await readResearcherPublicKey(armored, now());
    return { fingerprint: key.getFingerprint().toUpperCase() };
  };
}

/** Checks a researcher's armored public key against the current time; see {@link readResearcherPublicKey}. */
export const readResearcherKey: ReadPublicKey = researcherKeyReader();

async function checkValid(key: PublicKey, date: Date): Promise<void> {
  try {
    await key.verifyPrimaryKey(date);
    return;
  } catch (error) {
    if (await isRevoked(key, date)) throw new PgpError('key', 'has been revoked', { cause: error });
    if (await hasExpired(key, date)) throw new PgpError('key', 'has expired', { cause: error });
    throw new PgpError('key', 'is not a valid OpenPGP key (no valid self-signature)', { cause: error });
  }
}

async function isRevoked(key: PublicKey, date: Date): Promise<boolean> {
  try {
    return await key.isRevoked(undefined, undefined, date);
  } catch {
    return false;
  }
}

async function hasExpired(key: PublicKey, date: Date): Promise<boolean> {
  try {
    const expires = await key.getExpirationTime();
    return expires instanceof Date && expires.getTime() <= date.getTime();
  } catch {
    return false;
  }
}
