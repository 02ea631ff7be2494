import { readFile } from 'node:fs/promises';
import { decryptKey, readKey, readPrivateKey, type PrivateKey } from 'openpgp';
import type { OrgPgp } from '../ports/org-pgp.js';
import { orgPgpFromKey, type OrgPgpOptions } from './org-pgp-from-key.js';

export { readResearcherKey } from './read-researcher-key.js';

/** The environment variables `loadOrgPgp` reads. */
export interface OrgPgpEnv {
  /** The ASCII-armored private key; literal `\n` escapes are turned into newlines (one-line `.env` values). */
  PGP_PRIVATE_KEY?: string | undefined;
  /** A file with the private key, armored or binary (`gpg --export-secret-keys`); instead of PGP_PRIVATE_KEY. */
  PGP_PRIVATE_KEY_PATH?: string | undefined;
  /** Unlocks the private key when it is passphrase-protected. */
  PGP_PASSPHRASE?: string | undefined;
}

/**
 * The organisation key cannot be used. Thrown at startup, so a misconfiguration is never
 * silent. The message names the variable and the problem, never key material or the passphrase.
 */
export class OrgKeyError extends Error {
  override name = 'OrgKeyError' as const;
  constructor(
    readonly variable: keyof OrgPgpEnv,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Loads the organisation's OpenPGP key from the environment: PGP_PRIVATE_KEY or
 * PGP_PRIVATE_KEY_PATH (not both), unlocked with PGP_PASSPHRASE when protected. Null when
 * neither is set: encrypted reports are then refused and no key is served.
 *
 * @throws OrgKeyError when the key cannot be read or unlocked, or cannot both sign and decrypt now.
 */
export async function loadOrgPgp(env: OrgPgpEnv, options: OrgPgpOptions = {}): Promise<OrgPgp | null> {
  const inline = env.PGP_PRIVATE_KEY?.trim() || undefined;
  const path = env.PGP_PRIVATE_KEY_PATH?.trim() || undefined;
  if (inline !== undefined && path !== undefined) {
    throw new OrgKeyError('PGP_PRIVATE_KEY', 'set PGP_PRIVATE_KEY or PGP_PRIVATE_KEY_PATH, not both');
  }
  let variable: keyof OrgPgpEnv;
  let source: string | Uint8Array;
  if (inline !== undefined) [variable, source] = ['PGP_PRIVATE_KEY', inline.replace(/\\r/g, '').replace(/\\n/g, '\n')];
  else if (path !== undefined) [variable, source] = ['PGP_PRIVATE_KEY_PATH', await readKeyFile(path)];
  else return null;
  const key = await parsePrivateKey(source, variable);
  const unlocked = await unlock(key, env.PGP_PASSPHRASE || undefined);
  await checkUsable(unlocked, variable);
  return orgPgpFromKey(unlocked, options);
}

async function readKeyFile(path: string): Promise<string | Uint8Array> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new OrgKeyError('PGP_PRIVATE_KEY_PATH', `cannot read the private key file ${path} (${code})`, { cause: error });
  }
  const head = bytes.subarray(0, 256).toString('latin1').trimStart();
  return head.startsWith('-----BEGIN') ? bytes.toString('utf8') : new Uint8Array(bytes);
}

async function parsePrivateKey(source: string | Uint8Array, variable: keyof OrgPgpEnv): Promise<PrivateKey> {
  try {
    return typeof source === 'string' ? await readPrivateKey({ armoredKey: source }) : await readPrivateKey({ binaryKey: source });
  } catch (error) {
    const read = typeof source === 'string' ? readKey({ armoredKey: source }) : readKey({ binaryKey: source });
    const isPublic = await read.then(
      (key) => !key.isPrivate(),
      () => false,
    );
    const message = isPublic ? `${variable} holds a public key; the private key is needed` : `${variable} is not an OpenPGP private key`;
    throw new OrgKeyError(variable, message, { cause: error });
  }
}

async function unlock(key: PrivateKey, passphrase: string | undefined): Promise<PrivateKey> {
  if (key.isDecrypted()) return key;
  if (passphrase === undefined) throw new OrgKeyError('PGP_PASSPHRASE', 'the private key is protected by a passphrase; set PGP_PASSPHRASE');
  try {
    return await decryptKey({ privateKey: key, passphrase });
  } catch (error) {
    throw new OrgKeyError('PGP_PASSPHRASE', 'PGP_PASSPHRASE does not unlock the private key', { cause: error });
  }
}

/** It must be valid now, and able to sign (replies, security.txt) and to decrypt (reports). */
async function checkUsable(key: PrivateKey, variable: keyof OrgPgpEnv): Promise<void> {
  const problems: [string, () => Promise<unknown>][] = [
    ['the private key is expired, revoked or has no valid self-signature', () => key.verifyPrimaryKey()],
    ['the private key has no valid key that can decrypt', async () => key.getEncryptionKey()],
    ['the private key has no valid key that can sign', async () => key.getSigningKey()],
  ];
  for (const [message, check] of problems) {
    try {
      await check();
    } catch (error) {
      throw new OrgKeyError(variable, message, { cause: error });
    }
  }
}
