import { parseStrictJson } from './strict-json.js';
import { PgpError, type OrgPgp, type ReadPublicKey, type SignatureStatus } from '../../ports/org-pgp.js';
import { readResearcherKey } from '../../pgp/read-researcher-key.js';
import { isJsonObject } from './json-input.js';

/** The media type of an encrypted report body: an armored (or binary) OpenPGP message. */
export const PGP_ENCRYPTED = 'application/pgp-encrypted';

/** Where an encrypted report travels in a JSON body: `{ "pgp_message": "-----BEGIN PGP MESSAGE-----…" }`. */
export const PGP_MESSAGE_FIELD = 'pgp_message';

/** Said when a desk without an organisation key gets an encrypted report. */
export const PGP_NOT_ACCEPTED = 'encrypted reports are not accepted here: no OpenPGP key is configured; send the report as application/json';

/** A refusal: the HTTP status and the fields at fault, with reasons. Never quotes the message or its plaintext. */
export interface PgpInputRefusal {
  ok: false;
  status: 400 | 413;
  errors: { field: string; message: string }[];
}

/** The encrypted message a report came in, and what its signature said so far. */
export interface EncryptedOrigin {
  message: Uint8Array | string;
  signature: SignatureStatus;
}

/** A JSON report body, and the encrypted message it came from (null for plain JSON). */
export interface ReportBody {
  ok: true;
  body: Record<string, unknown>;
  encrypted: EncryptedOrigin | null;
}

/**
 * Decrypts an encrypted report with the organisation key and parses the JSON inside. The
 * plaintext is held to `maxBytes` (the JSON body limit). Errors name `pgp_message`, whether
 * the message was the body itself or that field.
 */
export async function openPgpReport(pgp: OrgPgp, message: Uint8Array | string, maxBytes: number): Promise<ReportBody | PgpInputRefusal> {
  let data: Uint8Array;
  let signature: SignatureStatus;
  try {
    ({ data, signature } = await pgp.decryptBytes(message));
  } catch (error) {
    if (error instanceof PgpError) return refuse(400, PGP_MESSAGE_FIELD, error.message);
    throw error;
  }
  if (data.byteLength > maxBytes) return refuse(413, PGP_MESSAGE_FIELD, `decrypts to more than the limit of ${maxBytes} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return refuse(400, PGP_MESSAGE_FIELD, 'must decrypt to a JSON report in UTF-8');
  }
  const parsed = parseStrictJson(text);
  if (!parsed.ok && parsed.reason === 'duplicate-keys') return refuse(400, PGP_MESSAGE_FIELD, `decrypts to a report that sends ${parsed.paths.join(', ')} more than once`);
  if (!parsed.ok) return refuse(400, PGP_MESSAGE_FIELD, 'must decrypt to a JSON report in UTF-8');
  const body = parsed.value;
  if (!isJsonObject(body)) return refuse(400, PGP_MESSAGE_FIELD, 'must decrypt to a JSON object');
  return { ok: true, body, encrypted: { message, signature } };
}

/**
 * A JSON body is either a plain report or `{ "pgp_message": … }` alone; the latter is
 * decrypted. Fields next to `pgp_message` are refused rather than silently merged or dropped.
 */
export async function unwrapPgpJson(pgp: OrgPgp | null, body: Record<string, unknown>, maxBytes: number): Promise<ReportBody | PgpInputRefusal> {
  if (!(PGP_MESSAGE_FIELD in body)) return { ok: true, body, encrypted: null };
  const others = Object.keys(body).filter((key) => key !== PGP_MESSAGE_FIELD);
  if (others.length > 0) {
    const errors = others.map((field) => ({ field, message: `must not be sent next to ${PGP_MESSAGE_FIELD}; put it inside the encrypted report` }));
    return { ok: false, status: 400, errors };
  }
  if (!pgp) return refuse(400, PGP_MESSAGE_FIELD, PGP_NOT_ACCEPTED);
  const message = body[PGP_MESSAGE_FIELD];
  if (typeof message !== 'string' || message.trim() === '') return refuse(400, PGP_MESSAGE_FIELD, 'must be an ASCII-armored PGP message');
  return openPgpReport(pgp, message, maxBytes);
}

/**
 * Checks the researcher's key, when one is given, and verifies a signed encrypted report
 * against it. Returns the final signature status (null for a plain JSON report).
 */
export async function checkPgpContact(
  pgp: OrgPgp | null,
  pgpKey: string | undefined,
  encrypted: EncryptedOrigin | null,
  readKey: ReadPublicKey = readResearcherKey,
): Promise<{ ok: true; signature: SignatureStatus | null } | PgpInputRefusal> {
  if (pgpKey !== undefined) {
    try {
      await readKey(pgpKey);
    } catch (error) {
      if (error instanceof PgpError) return refuse(400, 'contact.pgpKey', error.message);
      throw error;
    }
  }
  if (encrypted === null) return { ok: true, signature: null };
  if (pgp && pgpKey !== undefined && encrypted.signature === 'unchecked') {
    try {
      const { signature } = await pgp.decryptBytes(encrypted.message, { verifyWith: pgpKey });
      return { ok: true, signature };
    } catch (error) {
      if (error instanceof PgpError && error.kind === 'signature') return refuse(400, PGP_MESSAGE_FIELD, 'signature does not verify against contact.pgpKey');
      throw error;
    }
  }
  return { ok: true, signature: encrypted.signature };
}

function refuse(status: 400 | 413, field: string, message: string): PgpInputRefusal {
  return { ok: false, status, errors: [{ field, message }] };
}
