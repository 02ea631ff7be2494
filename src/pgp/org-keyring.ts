import { PgpError, type OrgPgp } from '../ports/org-pgp.js';

/**
 * One organisation's keys as one OrgPgp: the current key is served, signs and encrypts; a
 * message that the current key cannot decrypt is tried with each previous key (those still in
 * their grace period after a rotation), so mail and form posts encrypted to the old key still
 * open. A signature error is final: another key would not change it.
 */
export function orgKeyring(current: OrgPgp, previous: readonly OrgPgp[]): OrgPgp {
  if (previous.length === 0) return current;
  async function first<T>(attempt: (pgp: OrgPgp) => Promise<T>): Promise<T> {
    let firstError: unknown = null;
    for (const pgp of [current, ...previous]) {
      try {
        return await attempt(pgp);
      } catch (error) {
        if (!(error instanceof PgpError) || error.kind !== 'decrypt') throw error;
        firstError ??= error;
      }
    }
    throw firstError;
  }
  return {
    publicKeyArmored: current.publicKeyArmored,
    fingerprint: current.fingerprint,
    decryptText: (armored, options) => first((pgp) => pgp.decryptText(armored, options)),
    decryptBytes: (message, options) => first((pgp) => pgp.decryptBytes(message, options)),
    encryptTo: (recipient, text) => current.encryptTo(recipient, text),
    clearsign: (text) => current.clearsign(text),
  };
}
