import { decryptKey, readKey, readPrivateKey, type PrivateKey } from 'openpgp';
import { OrgSettingInputError, type CheckOrgKey } from '../flows/org-settings/org-settings-desk.js';
import type { StoredKey } from '../flows/org-settings/setting-values.js';

/**
 * Reads and checks an organisation key for the settings store (CheckOrgKey): armored or
 * binary, unlocked with its passphrase, valid now, able to sign and to decrypt. Kept as given
 * (still locked), armored. Errors name the field, never key material or the passphrase.
 */
export const checkOrgKey: CheckOrgKey = async (source, passphrase) => {
  const key = await parse(source);
  const unlocked = await unlockStoredKey(key, passphrase);
  const problems: [string, () => Promise<unknown>][] = [
    ['is expired, revoked or has no valid self-signature', () => unlocked.verifyPrimaryKey()],
    ['has no valid key that can decrypt', async () => unlocked.getEncryptionKey()],
    ['has no valid key that can sign', async () => unlocked.getSigningKey()],
  ];
  for (const [message, check] of problems) {
    try {
      await check();
    } catch (error) {
      throw new OrgSettingInputError('key', message, { cause: error });
    }
  }
  return { armoredKey: key.armor(), passphrase, fingerprint: key.getFingerprint().toUpperCase() } satisfies StoredKey;
};

/** A kept key, unlocked: what the resolver signs and decrypts with. */
export async function openStoredKey(stored: StoredKey): Promise<PrivateKey> {
  return unlockStoredKey(await readPrivateKey({ armoredKey: stored.armoredKey }), stored.passphrase);
}

async function parse(source: string | Uint8Array): Promise<PrivateKey> {
  const text = typeof source === 'string' ? source : binaryOrArmored(source);
  try {
    return typeof text === 'string' ? await readPrivateKey({ armoredKey: text }) : await readPrivateKey({ binaryKey: text });
  } catch (error) {
    const isPublic = await (typeof text === 'string' ? readKey({ armoredKey: text }) : readKey({ binaryKey: text })).then(
      (read) => !read.isPrivate(),
      () => false,
    );
    throw new OrgSettingInputError('key', isPublic ? 'is a public key; the private key is needed' : 'is not an OpenPGP private key', { cause: error });
  }
}

async function unlockStoredKey(key: PrivateKey, passphrase: string | null): Promise<PrivateKey> {
  if (key.isDecrypted()) return key;
  if (passphrase === null || passphrase === '') throw new OrgSettingInputError('passphrase', 'the key is protected by a passphrase; give it');
  try {
    return await decryptKey({ privateKey: key, passphrase });
  } catch (error) {
    throw new OrgSettingInputError('passphrase', 'does not unlock the key', { cause: error });
  }
}

function binaryOrArmored(bytes: Uint8Array): string | Uint8Array {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1').trimStart();
  return head.startsWith('-----BEGIN') ? Buffer.from(bytes).toString('utf8') : bytes;
}
