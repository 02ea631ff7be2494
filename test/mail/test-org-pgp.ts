import * as openpgp from 'openpgp';
import { PgpError, type DecryptedBytes, type OrgPgp, type SignatureStatus } from '../../src/ports/org-pgp.js';

/**
 * A minimal OrgPgp over openpgp.js for the e-mail tests: decryption only, which is all the
 * e-mail intake uses. The real implementation lives in `load-org-pgp.ts`.
 */
export async function testOrgPgp(name = 'Example Security <security@example.org>'): Promise<OrgPgp> {
  const match = /^(.*) <(.*)>$/.exec(name);
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: match?.[1] ?? name, email: match?.[2] ?? 'security@example.org' }],
    format: 'object',
  });

  async function decrypt(message: openpgp.Message<string | Uint8Array>, verifyWith?: string): Promise<DecryptedBytes> {
    const verificationKeys = verifyWith === undefined ? undefined : await openpgp.readKey({ armoredKey: verifyWith });
    let result;
    try {
      result = await openpgp.decrypt({ message, decryptionKeys: privateKey, format: 'binary', ...(verificationKeys ? { verificationKeys } : {}) });
    } catch (error) {
      throw new PgpError('decrypt', 'the message cannot be decrypted with the organisation key', { cause: error });
    }
    let signature: SignatureStatus = result.signatures.length === 0 ? 'unsigned' : 'unchecked';
    if (verificationKeys && result.signatures.length > 0) {
      try {
        await result.signatures[0]?.verified;
        signature = 'verified';
      } catch (error) {
        throw new PgpError('signature', 'the signature does not verify', { cause: error });
      }
    }
    return { data: result.data, signature };
  }

  async function readMessage(input: Uint8Array | string): Promise<openpgp.Message<string | Uint8Array>> {
    try {
      return typeof input === 'string' ? await openpgp.readMessage({ armoredMessage: input }) : await openpgp.readMessage({ binaryMessage: input });
    } catch (error) {
      throw new PgpError('decrypt', 'not an OpenPGP message', { cause: error });
    }
  }

  return {
    publicKeyArmored: publicKey.armor(),
    fingerprint: publicKey.getFingerprint().toUpperCase(),
    async decryptText(armored, options) {
      const { data, signature } = await decrypt(await readMessage(armored), options?.verifyWith);
      return { text: new TextDecoder().decode(data), signature };
    },
    async decryptBytes(message, options) {
      return decrypt(await readMessage(message), options?.verifyWith);
    },
    encryptTo() {
      return Promise.reject(new Error('not used by the e-mail tests'));
    },
    clearsign() {
      return Promise.reject(new Error('not used by the e-mail tests'));
    },
  };
}

/** Encrypts to an armored public key with openpgp.js, optionally signed: a researcher's client in a test. */
export async function encryptTo(publicKeyArmored: string, data: string | Uint8Array, options: { signWith?: openpgp.PrivateKey; armor?: boolean } = {}): Promise<string | Uint8Array> {
  const encryptionKeys = await openpgp.readKey({ armoredKey: publicKeyArmored });
  const message = typeof data === 'string' ? await openpgp.createMessage({ text: data }) : await openpgp.createMessage({ binary: data });
  const signing = options.signWith ? { signingKeys: options.signWith } : {};
  if (options.armor === false) return openpgp.encrypt({ message, encryptionKeys, ...signing, format: 'binary' });
  return openpgp.encrypt({ message, encryptionKeys, ...signing });
}

/** A researcher's own key pair, for signing in tests. */
export async function researcherKey(): Promise<{ privateKey: openpgp.PrivateKey; publicKeyArmored: string }> {
  const { privateKey, publicKey } = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ email: 'rita@example.net' }], format: 'object' });
  return { privateKey, publicKeyArmored: publicKey.armor() };
}
