import {
  createCleartextMessage,
  createMessage,
  decrypt,
  encrypt,
  readMessage,
  sign,
  type Message,
  type PartialConfig,
  type PrivateKey,
  type PublicKey,
} from 'openpgp';
import { PgpError, type OrgPgp, type SignatureStatus } from '../ports/org-pgp.js';
import { readResearcherPublicKey } from './read-researcher-key.js';

/** Settings for {@link orgPgpFromKey}. */
export interface OrgPgpOptions {
  /**
   * The most a message may expand to once decompressed, in bytes: a few KiB of compressed
   * input can otherwise inflate to gigabytes in memory. Default 64 MiB.
   */
  maxMessageBytes?: number;
}

const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const ARMOR_START = '-----BEGIN PGP MESSAGE-----';

/**
 * The OrgPgp port over an unlocked openpgp.js private key. The key must already be checked
 * (decrypted, able to sign and to decrypt); `loadOrgPgp` does that.
 */
export function orgPgpFromKey(key: PrivateKey, options: OrgPgpOptions = {}): OrgPgp {
  const config: PartialConfig = { maxDecompressedMessageSize: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES };

  async function open(input: Uint8Array | string, verifyWith: string | undefined, format: 'utf8' | 'binary') {
    const verificationKey = verifyWith === undefined ? undefined : await readResearcherPublicKey(verifyWith);
    const message = await readAnyMessage(input, config);
    let result;
    try {
      result = await decrypt({ message, decryptionKeys: key, verificationKeys: verificationKey, format, config });
    } catch (error) {
      const tooLarge = error instanceof Error && /decompressed message size/i.test(error.message);
      throw new PgpError('decrypt', tooLarge ? `is larger than ${config.maxDecompressedMessageSize} bytes once decompressed` : "cannot be decrypted with this organisation's key", { cause: error });
    }
    const signature = await signatureStatus(result.signatures, verificationKey);
    return { data: result.data, signature };
  }

  return {
    publicKeyArmored: key.toPublic().armor(),
    fingerprint: key.getFingerprint().toUpperCase(),
    async decryptText(armored, decryptOptions = {}) {
      const { data, signature } = await open(armored, decryptOptions.verifyWith, 'utf8');
      return { text: String(data), signature };
    },
    async decryptBytes(message, decryptOptions = {}) {
      const { data, signature } = await open(message, decryptOptions.verifyWith, 'binary');
      return { data: data instanceof Uint8Array ? data : new TextEncoder().encode(String(data)), signature };
    },
    async encryptTo(recipientArmored, text) {
      const recipient = await readResearcherPublicKey(recipientArmored);
      return encrypt({ message: await createMessage({ text }), encryptionKeys: recipient, signingKeys: key, config });
    },
    async clearsign(text) {
      return sign({ message: await createCleartextMessage({ text }), signingKeys: key, config });
    },
  };
}

/** Armored text, armored bytes (e.g. a PGP/MIME part) or binary packets. */
async function readAnyMessage(input: Uint8Array | string, config: PartialConfig): Promise<Message<string | Uint8Array>> {
  try {
    if (typeof input === 'string') return await readMessage({ armoredMessage: input, config });
    const head = new TextDecoder('latin1').decode(input.subarray(0, 256)).trimStart();
    if (head.startsWith(ARMOR_START)) return await readMessage({ armoredMessage: new TextDecoder().decode(input), config });
    return await readMessage({ binaryMessage: input, config });
  } catch (error) {
    throw new PgpError('decrypt', 'is not an OpenPGP message', { cause: error });
  }
}

/**
 * Without a key to check against, a signed message is 'unchecked'. With one, a message is
 * 'verified' when at least one of its signatures verifies against that key (they all cover
 * the same literal data, as openpgp.js's `expectSigned` also treats them); otherwise the
 * signature is bad or by someone else, and the message is refused.
 */
async function signatureStatus(signatures: { verified: Promise<true> }[], verificationKey: PublicKey | undefined): Promise<SignatureStatus> {
  if (signatures.length === 0) return 'unsigned';
  if (verificationKey === undefined) return 'unchecked';
  try {
    await Promise.any(signatures.map((signature) => signature.verified));
    return 'verified';
  } catch (error) {
    throw new PgpError('signature', 'signature does not verify against the given key', { cause: error });
  }
}
