import { z } from 'zod';
import { LANGUAGES } from '../i18n/catalogues.js';
import { scoreCvss } from './cvss.js';

/** Where a report came in. Later channels (email, github) join this union. */
export const Channel = z.enum(['form', 'api', 'email', 'github']);
export type Channel = z.infer<typeof Channel>;

/** How the researcher wants to be credited when the advisory is published. */
export const CreditPreference = z.enum(['name', 'pseudonym', 'anonymous']);
export type CreditPreference = z.infer<typeof CreditPreference>;

/** The languages the app has a catalogue for (src/i18n). */
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** Attachment types we accept: logs, screenshots, documents, archives of evidence. */
export const ATTACHMENT_TYPES = [
  'text/plain',
  'application/json',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/zip',
] as const;

/** One attached file. Strict, like every object of the input: an unknown key is an error that names it. */
export const Attachment = z.strictObject({
  filename: z
    .string()
    .trim()
    .min(1, 'a file name is required')
    .max(120, 'at most 120 characters')
    .regex(/^[^/\\\0]+$/, 'must not contain slashes'),
  contentType: z.enum(ATTACHMENT_TYPES, { message: `must be one of ${ATTACHMENT_TYPES.join(', ')}` }),
  /** The file's bytes, base64-encoded. Size limits are enforced at the edge, before decoding. */
  dataBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
});
export type Attachment = z.infer<typeof Attachment>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

/** Contact details are optional: a researcher may report anonymously. */
export const Contact = z.strictObject({
  name: optionalText(200),
  email: z
    .string()
    .trim()
    .max(320)
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(z.email('must be an e-mail address').optional()),
  phone: optionalText(40).pipe(
    z
      .string()
      .regex(/^\+?[0-9 ()./-]{4,40}$/, 'must be a phone number')
      .optional(),
  ),
  github: optionalText(39).pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, 'must be a GitHub login')
      .optional(),
  ),
  /**
   * The researcher's ASCII-armored OpenPGP public key (`contact_pgp_key` in the form). Messages
   * to them are encrypted to it, and a signed encrypted report is verified against it. Its
   * usability (public, not expired or revoked, can encrypt) is checked at the edge by
   * `readResearcherKey`, which the schema cannot do synchronously.
   */
  pgpKey: optionalText(20_000),
});
export type Contact = z.infer<typeof Contact>;

/** The shape of a CVSS v3.0, v3.1 or v4.0 vector; `scoreCvss` then checks every metric. */
const CVSS_VECTOR = /^CVSS:(3\.[01]|4\.0)(\/[A-Za-z]{1,3}:[A-Za-z]+)+$/;

/** A CVSS vector that scores; an invalid one is rejected with the metric that is wrong. */
const CvssVector = z
  .string()
  .regex(CVSS_VECTOR, 'must be a CVSS vector such as CVSS:3.1/AV:N/...')
  .superRefine((vector, ctx) => {
    if (!CVSS_VECTOR.test(vector)) return;
    const scored = scoreCvss(vector);
    if (!scored.ok) ctx.addIssue({ code: 'custom', message: `invalid CVSS vector: ${scored.error}`, input: vector });
  });

/** At most this many files per report, on every channel. */
export const MAX_ATTACHMENTS = 5;

/** The attachment list of a report: at most {@link MAX_ATTACHMENTS}, none by default. */
export function attachmentList<T extends z.ZodType>(item: T) {
  return z.array(item).max(MAX_ATTACHMENTS, `at most ${MAX_ATTACHMENTS} attachments`).default([]);
}

/**
 * What a researcher submits, whatever the channel. The form and the JSON API are
 * both parsed by this one schema (the API with its snake_case attachment names).
 *
 * Every object in it is strict (rule "strict at every edge"): `{"email": …}` next to `title`, or
 * `contact.emial`, is refused with the unknown field named, never accepted as an anonymous
 * report without the contact the researcher thinks they gave. {@link unknownKeyIssues} says
 * which field was probably meant.
 */
export const ReportInput = z.strictObject({
  title: z.string().trim().min(5, 'at least 5 characters').max(200, 'at most 200 characters'),
  description: z
    .string()
    .trim()
    .min(20, 'at least 20 characters')
    .max(50_000, 'at most 50000 characters'),
  steps: optionalText(50_000),
  /** The affected URL, IP address or repository, as the researcher wrote it. */
  affected: z.string().trim().min(1, 'name the affected URL, IP address or repository').max(2000, 'at most 2000 characters'),
  impact: optionalText(20_000),
  cvss: optionalText(200).pipe(CvssVector.optional()),
  contact: Contact.default({ name: undefined, email: undefined, phone: undefined, github: undefined, pgpKey: undefined }),
  /** Unset: the organisation's `credit.default`, applied when the report is accepted. */
  credit: CreditPreference.optional(),
  language: Language.default('en'),
  attachments: attachmentList(Attachment),
});
export type ReportInput = z.infer<typeof ReportInput>;
/** The shape before parsing, e.g. what a client sends. */
export type ReportInputRaw = z.input<typeof ReportInput>;

/** A report as the domain sees it once it has been accepted. */
export interface Report {
  id: string;
  org: string;
  channel: Channel;
  receivedAt: Date;
  input: ReportInput;
}
