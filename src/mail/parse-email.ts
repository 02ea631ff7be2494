import { simpleParser, type AddressObject, type Attachment as MailAttachment, type HeaderValue, type ParsedMail } from 'mailparser';
import { PgpError, type OrgPgp, type SignatureStatus } from '../ports/org-pgp.js';

/** A file that came with an e-mail, decrypted when it was an encrypted `.pgp`/`.gpg` file. */
export interface EmailAttachment {
  /** null when the part named no file. */
  filename: string | null;
  /** The declared MIME type, lower case, without parameters. */
  contentType: string;
  content: Buffer;
}

/** How the e-mail was encrypted: not at all, inline (armored text in the body) or PGP/MIME (RFC 3156). */
export type EmailEncryption = 'none' | 'inline' | 'mime';

/** An e-mail read and, when encrypted, decrypted. Untrusted: every field is the sender's. */
export interface ParsedEmail {
  /** The Message-ID header with its angle brackets, or null when there is none. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** null when From is missing or has no address. */
  from: { address: string; name: string } | null;
  /** Addresses in To, Cc, Delivered-To and X-Original-To, lower case (plus-address routing). */
  recipients: string[];
  /** The protected subject of a PGP/MIME message when it has one, else the Subject header. */
  subject: string;
  /** The plain-text body (derived from HTML when there is no text part), decrypted. */
  text: string;
  /** Content-Language, lower case, or null. */
  language: string | null;
  /** RFC 3834 auto-replies and delivery or read reports (multipart/report): no one wrote them. */
  automatic: boolean;
  attachments: EmailAttachment[];
  pgp: EmailEncryption;
  signature: SignatureStatus;
}

const PGP_MESSAGE = /-----BEGIN PGP MESSAGE-----[\s\S]*?-----END PGP MESSAGE-----/g;
const ARMORED = /^\s*-----BEGIN PGP MESSAGE-----/;
/** Parts that only carry PGP machinery: never attachments of a report. */
const PGP_PARTS = new Set(['application/pgp-encrypted', 'application/pgp-signature']);

/**
 * Reads a raw RFC 822 message. PGP/MIME (RFC 3156 multipart/encrypted) is decrypted and its
 * inner MIME entity read again; inline PGP blocks in the text and encrypted `.pgp`/`.gpg`
 * attachments are decrypted in place. Signatures outside the encrypted data (multipart/signed,
 * clear-signed text) are reported as 'unchecked'.
 *
 * @throws PgpError when an encrypted part cannot be decrypted; the caller decides what to do.
 */
export async function parseEmail(raw: Buffer | string, pgp: OrgPgp, options: { verifyWith?: string } = {}): Promise<ParsedEmail> {
  const verify = options.verifyWith === undefined ? {} : { verifyWith: options.verifyWith };
  const budget: DecryptBudget = { parts: MAX_ENCRYPTED_PARTS, bytes: MAX_DECRYPTED_BYTES };
  const outer = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true });
  const outerType = headerValue(outer.headers.get('content-type'));

  if (outerType === 'multipart/encrypted') {
    const encrypted = outer.attachments.find((a) => a.contentType.toLowerCase() === 'application/octet-stream') ?? outer.attachments.find((a) => ARMORED.test(a.content.toString('latin1', 0, 200)));
    if (encrypted === undefined) throw new PgpError('decrypt', 'a PGP/MIME message without its encrypted part');
    const decrypted = spend(budget, await pgp.decryptBytes(armoredOrBinary(encrypted.content), verify));
    const inner = await simpleParser(Buffer.from(decrypted.data), { skipTextToHtml: true, skipImageLinks: true });
    const body = await readBody(inner, pgp, verify, budget);
    return {
      ...envelope(outer),
      // Protected headers (draft-autocrypt-lamps-protected-headers): the inner entity's subject wins.
      subject: inner.subject ?? outer.subject ?? '',
      language: language(inner) ?? language(outer),
      automatic: isAutomatic(outer),
      text: body.text,
      attachments: body.attachments,
      pgp: 'mime',
      // Signed inside and encrypted around it (RFC 3156 §6.1): the inner signature is the one that counts.
      signature: combine(decrypted.signature === 'unsigned' && body.signatures.length > 0 ? body.signatures : [decrypted.signature, ...body.signatures]),
    };
  }

  const body = await readBody(outer, pgp, verify, budget);
  return {
    ...envelope(outer),
    subject: outer.subject ?? '',
    language: language(outer),
    automatic: isAutomatic(outer),
    text: body.text,
    attachments: body.attachments,
    pgp: body.pgp,
    signature: combine(body.signatures),
  };
}

interface Body {
  text: string;
  attachments: EmailAttachment[];
  pgp: EmailEncryption;
  /** One per signed or encrypted piece found; none when nothing was. */
  signatures: SignatureStatus[];
}

/** The text and files of one MIME entity, inline PGP decrypted. */
async function readBody(mail: ParsedMail, pgp: OrgPgp, verify: { verifyWith?: string }, budget: DecryptBudget): Promise<Body> {
  const statuses: SignatureStatus[] = [];
  let text = mail.text ?? '';
  let encryption: EmailEncryption = 'none';

  const blocks = text.match(PGP_MESSAGE) ?? [];
  for (const block of blocks) {
    const decrypted = await pgp.decryptText(block, verify);
    spend(budget, { data: { length: decrypted.text.length } });
    statuses.push(decrypted.signature);
    text = text.replace(block, () => decrypted.text);
    encryption = 'inline';
  }

  const attachments: EmailAttachment[] = [];
  for (const part of mail.attachments) {
    // Checked before the type: mailparser retypes application/octet-stream by extension (.pgp → pgp-signature).
    if (isEncryptedFile(part)) {
      const decrypted = spend(budget, await pgp.decryptBytes(armoredOrBinary(part.content), verify));
      statuses.push(decrypted.signature);
      encryption = 'inline';
      attachments.push({ filename: stripPgpExtension(part.filename ?? null), contentType: 'application/octet-stream', content: Buffer.from(decrypted.data) });
      continue;
    }
    const contentType = part.contentType.toLowerCase();
    if (PGP_PARTS.has(contentType)) continue;
    attachments.push({ filename: part.filename ?? null, contentType, content: part.content });
  }

  const signedOutside = headerValue(mail.headers.get('content-type')) === 'multipart/signed' || /-----BEGIN PGP SIGNED MESSAGE-----/.test(text);
  if (signedOutside) statuses.push('unchecked');
  return { text, attachments, pgp: encryption, signatures: statuses };
}

function envelope(mail: ParsedMail): Pick<ParsedEmail, 'messageId' | 'inReplyTo' | 'references' | 'from' | 'recipients'> {
  const from = addresses(mail.from)[0];
  const references = mail.references === undefined ? [] : Array.isArray(mail.references) ? mail.references : [mail.references];
  const recipients = [mail.to, mail.cc, mail.headers.get('delivered-to'), mail.headers.get('x-original-to')].flatMap((value) => addresses(value)).map((a) => a.address.toLowerCase());
  return {
    messageId: mail.messageId ?? null,
    inReplyTo: mail.inReplyTo ?? null,
    references: references.flatMap((r) => r.split(/\s+/)).filter((r) => r !== ''),
    from: from === undefined ? null : { address: from.address, name: from.name },
    recipients: [...new Set(recipients)],
  };
}

/** Every address with an `address` in an address header (groups flattened). */
function addresses(value: AddressObject | AddressObject[] | HeaderValue | undefined): Array<{ address: string; name: string }> {
  if (value === undefined || typeof value !== 'object' || value === null) return [];
  const objects = Array.isArray(value) ? value : [value];
  const found: Array<{ address: string; name: string }> = [];
  for (const object of objects) {
    const list: unknown = (object as { value?: unknown }).value;
    if (!Array.isArray(list)) continue;
    for (const entry of list as Array<{ address?: string; name?: string; group?: Array<{ address?: string; name?: string }> }>) {
      for (const member of entry.group ?? [entry]) {
        if (member.address) found.push({ address: member.address, name: member.name ?? '' });
      }
    }
  }
  return found;
}

/** A structured header's value (`{ value, params }`) or a plain one, lower case. */
function headerValue(value: HeaderValue | undefined): string | null {
  if (typeof value === 'string') return value.toLowerCase();
  if (value !== null && typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value.toLowerCase();
  return null;
}

function language(mail: ParsedMail): string | null {
  const value = headerValue(mail.headers.get('content-language'));
  return value === null || value.trim() === '' ? null : value.trim();
}

/** RFC 3834: anything but `Auto-Submitted: no` is automatic; so are delivery and read reports. */
/**
 * Mail no person wrote (RFC 3834 Auto-Submitted other than `no`, bulk/list precedence,
 * auto-reply markers, delivery reports, an empty envelope sender): never a report, never
 * answered, so two robots cannot loop through the desk.
 */
function isAutomatic(mail: ParsedMail): boolean {
  const autoSubmitted = headerValue(mail.headers.get('auto-submitted'));
  const precedence = headerValue(mail.headers.get('precedence'));
  const returnPath = String(headerText(mail.headers.get('return-path')) ?? '').trim();
  return (
    (autoSubmitted !== null && autoSubmitted !== 'no') ||
    (precedence !== null && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) ||
    mail.headers.has('x-autoreply') ||
    mail.headers.has('x-autorespond') ||
    mail.headers.has('list-id') ||
    mail.headers.has('list') || // mailparser folds List-* headers into one 'list' entry
    returnPath === '<>' ||
    headerValue(mail.headers.get('content-type')) === 'multipart/report'
  );
}

function headerText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && 'text' in value && typeof (value as { text: unknown }).text === 'string') return (value as { text: string }).text;
  return null;
}

/**
 * One e-mail may hold many encrypted parts, each of which may decompress a lot: the whole
 * message gets one budget, so a small e-mail cannot make the reader hold gigabytes.
 */
const MAX_ENCRYPTED_PARTS = 12;
const MAX_DECRYPTED_BYTES = 64 * 1024 * 1024;

interface DecryptBudget {
  parts: number;
  bytes: number;
}

function spend<T extends { data: { length: number } }>(budget: DecryptBudget, decrypted: T): T {
  budget.parts -= 1;
  budget.bytes -= decrypted.data.length;
  if (budget.parts < 0) throw new PgpError('decrypt', `more than ${MAX_ENCRYPTED_PARTS} encrypted parts in one e-mail`);
  if (budget.bytes < 0) throw new PgpError('decrypt', 'the e-mail decrypts to more than 64 MiB');
  return decrypted;
}

/** A `.pgp`/`.gpg`/`.asc` file holding an OpenPGP message (not a key or a signature). */
function isEncryptedFile(part: MailAttachment): boolean {
  const name = (part.filename ?? '').toLowerCase();
  if (ARMORED.test(part.content.toString('latin1', 0, 200))) return /\.(pgp|gpg|asc)$/.test(name) || part.contentType.toLowerCase() === 'application/pgp-encrypted';
  return /\.(pgp|gpg)$/.test(name) && startsWithEncryptedSessionKey(part.content);
}

/**
 * Binary OpenPGP messages start with a public-key or symmetric-key encrypted session key
 * packet (tags 1 and 3; RFC 9580 §4.2), in the old or the new packet format.
 */
function startsWithEncryptedSessionKey(content: Buffer): boolean {
  const first = content[0];
  if (first === undefined || (first & 0x80) === 0) return false;
  const tag = (first & 0x40) !== 0 ? first & 0x3f : (first >> 2) & 0x0f;
  return tag === 1 || tag === 3;
}

function stripPgpExtension(filename: string | null): string | null {
  return filename === null ? null : filename.replace(/\.(pgp|gpg|asc)$/i, '') || null;
}

/** Armored data goes to OpenPGP as text, binary data as bytes. */
function armoredOrBinary(content: Buffer): string | Uint8Array {
  return ARMORED.test(content.toString('latin1', 0, 200)) ? content.toString('utf8') : new Uint8Array(content);
}

/** The weakest claim wins: nothing signed or anything unsigned is unsigned, anything unchecked unchecked. */
function combine(statuses: SignatureStatus[]): SignatureStatus {
  if (statuses.length === 0 || statuses.includes('unsigned')) return 'unsigned';
  if (statuses.includes('unchecked')) return 'unchecked';
  return 'verified';
}
