import { z } from 'zod';

/** A GitHub organisation login, loosely as GitHub allows them. */
export const OrgLogin = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, 'must be a GitHub organisation login');

/** An OpenPGP private key as kept: as given (still locked), with what unlocks it. */
export const StoredKey = z.strictObject({
  /** ASCII-armored private key, normalised from armored or binary input. */
  armoredKey: z.string().min(1),
  /** Unlocks the key; null for a key without one. */
  passphrase: z.string().nullable(),
  /** Upper-case hex fingerprint of the primary key. */
  fingerprint: z.string().regex(/^[0-9A-F]{40,64}$/),
});
export type StoredKey = z.infer<typeof StoredKey>;

/**
 * The `pgp-key` setting. The current key signs, encrypts and is served; each previous key
 * still decrypts until `decryptsUntil`, so mail and form posts encrypted to it before a
 * rotation still open (no downtime).
 */
export const PgpKeyValue = z.strictObject({
  current: StoredKey,
  previous: z.array(StoredKey.extend({ retiredAt: z.iso.datetime(), decryptsUntil: z.iso.datetime() })),
});
export type PgpKeyValue = z.infer<typeof PgpKeyValue>;

/** What may be shown of the `pgp-key` setting. */
export const PgpKeySummary = z.strictObject({
  fingerprint: z.string(),
  previous: z.array(z.strictObject({ fingerprint: z.string(), decryptsUntil: z.iso.datetime() })),
});
export type PgpKeySummary = z.infer<typeof PgpKeySummary>;

/** How the mailbox connection is secured: TLS from the start (993), or STARTTLS (143). */
export const MailboxTls = z.enum(['implicit', 'starttls']);
export type MailboxTls = z.infer<typeof MailboxTls>;

/**
 * The `mailbox` setting: the organisation's own IMAP mailbox, polled like IMAP_URL's. Every
 * report found there is filed under the organisation. Strict: an unknown field is an error.
 */
export const MailboxValue = z.strictObject({
  host: z.string().trim().min(1, 'must name a host').max(253).regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or address'),
  port: z.number().int().min(1).max(65535),
  user: z.string().min(1, 'is required').max(320),
  password: z.string().min(1, 'is required').max(1000),
  /** The folder polled, e.g. INBOX. */
  folder: z.string().trim().min(1).max(200),
  tls: MailboxTls,
  /** Where handled messages are moved; null keeps them in `folder`. */
  processedFolder: z.string().trim().min(1).max(200).nullable(),
});
export type MailboxValue = z.infer<typeof MailboxValue>;

/** What may be shown of the `mailbox` setting: never the password. */
export const MailboxSummary = z.strictObject({
  host: z.string(),
  port: z.number(),
  user: z.string(),
  folder: z.string(),
  tls: MailboxTls,
});
export type MailboxSummary = z.infer<typeof MailboxSummary>;

/** The summary of a mailbox value: everything but the password and the processed folder. */
export function mailboxSummary(value: MailboxValue): MailboxSummary {
  return { host: value.host, port: value.port, user: value.user, folder: value.folder, tls: value.tls };
}

/** The summary of a key value: fingerprints and grace ends only. */
export function pgpKeySummary(value: PgpKeyValue): PgpKeySummary {
  return { fingerprint: value.current.fingerprint, previous: value.previous.map((key) => ({ fingerprint: key.fingerprint, decryptsUntil: key.decryptsUntil })) };
}
