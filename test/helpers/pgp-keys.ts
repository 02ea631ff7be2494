import { generateKey, readKey, readPrivateKey, type PrivateKey, type PublicKey } from 'openpgp';
import { loadOrgPgp } from '../../src/pgp/load-org-pgp.js';
import type { OrgPgp } from '../../src/ports/org-pgp.js';

/** A throwaway OpenPGP key pair, armored and parsed. Generated per test file, never written to the repository. */
export interface TestPgpKey {
  privateArmored: string;
  publicArmored: string;
  /** Upper-case hex, as OrgPgp reports it. */
  fingerprint: string;
  privateKey: PrivateKey;
  publicKey: PublicKey;
}

/**
 * A Curve25519 key (EdDSA primary, ECDH subkey) in the legacy v4 encoding, which GnuPG 2.2
 * reads too; the RFC 9580 `type: 'curve25519'` keys need GnuPG 2.4+. Takes milliseconds.
 */
export async function testPgpKey(name: string, options: { passphrase?: string; date?: Date; keyExpirationTime?: number; encrypt?: boolean } = {}): Promise<TestPgpKey> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.org`;
  const generated = await generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name, email }],
    passphrase: options.passphrase,
    date: options.date,
    keyExpirationTime: options.keyExpirationTime,
    subkeys: options.encrypt === false ? [] : [{}],
    format: 'armored',
  });
  const privateKey = await readPrivateKey({ armoredKey: generated.privateKey });
  const publicKey = await readKey({ armoredKey: generated.publicKey });
  return {
    privateArmored: generated.privateKey,
    publicArmored: generated.publicKey,
    fingerprint: publicKey.getFingerprint().toUpperCase(),
    privateKey,
    publicKey,
  };
}

/** The organisation side: a fresh key loaded the way the app loads it. */
export async function testOrgPgp(): Promise<{ pgp: OrgPgp; key: TestPgpKey }> {
  const key = await testPgpKey('Acme Security');
  const pgp = await loadOrgPgp({ PGP_PRIVATE_KEY: key.privateArmored });
  if (pgp === null) throw new Error('loadOrgPgp returned null for a configured key');
  return { pgp, key };
}
