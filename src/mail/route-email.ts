import type { z } from 'zod';
import { Contact, ReportInput, type Attachment, type Language } from '../report/report.js';
import { DEFAULT_LIMITS } from '../report/intake-limits.js';
import { browserContentType, checkAttachmentContent, describeAttachmentProblem, isAcceptedType } from '../report/attachment-check.js';
import type { EmailAttachment, ParsedEmail } from './parse-email.js';

/** What to do with an e-mail: file a new report, add a reply to one, or leave it (automatic mail). */
export type EmailRoute =
  | { kind: 'reply'; reportId: string; via: 'thread' | 'subject' | 'address' }
  | { kind: 'report'; input: ReportInput }
  /** Out-of-office answers and delivery reports: no person wrote them. */
  | { kind: 'automatic' }
  /** The e-mail cannot become a report; `fields` are the schema paths that failed, never text. */
  | { kind: 'invalid'; fields: string[] };

export interface EmailRouteOptions {
  /** The mailbox's default for the required `affected` field. */
  defaultAffected?: string;
  /**
   * The host of the Message-IDs the app sends (MAIL_FROM's domain). When set, only those
   * count as ours in In-Reply-To/References; unset, any `<DD-….…@…>` does.
   */
  messageIdHost?: string;
  maxAttachments?: number;
  /** Each attachment, decoded. */
  maxAttachmentBytes?: number;
}

export const DEFAULT_AFFECTED = 'unknown (reported by e-mail)';

const ID = '(DD-[0-9A-HJKMNP-TV-Z]{12})';
/** `<DD-XXXXXXXXXXXX.message-3@acme.example>`: see `mailMessageId` in src/researcher/plan-mail.ts. */
const OUR_MESSAGE_ID = new RegExp(`^<${ID}\\.[^@<>\\s]+@([^<>\\s]+)>$`, 'i');
const SUBJECT_TAG = new RegExp(`\\[${ID}\\]`, 'i');
/** `security+dd-0123456789ab@acme.example`: plus-addresses are often case-folded. */
const PLUS_ADDRESS = new RegExp(`^[^+@\\s]+\\+${ID}@`, 'i');

const TITLE_MAX = 200;
const DESCRIPTION_MAX = 50_000;

/**
 * Decides what an e-mail is (pure). A reply is recognised, in this order, by a
 * Message-ID the app sent in In-Reply-To/References, a `[DD-…]` tracking id in the subject,
 * or a `+dd-…` plus-address in To/Cc/Delivered-To. Anything else a person wrote is a new
 * report.
 */
export function routeEmail(email: ParsedEmail, options: EmailRouteOptions = {}): EmailRoute {
  if (email.automatic) return { kind: 'automatic' };
  const reply = replyTarget(email, options);
  if (reply !== null) return { kind: 'reply', ...reply };
  return reportFromEmail(email, options);
}

/** The report a reply points at, or null when the e-mail is no reply to the app. */
export function replyTarget(email: ParsedEmail, options: Pick<EmailRouteOptions, 'messageIdHost'> = {}): { reportId: string; via: 'thread' | 'subject' | 'address' } | null {
  for (const id of [email.inReplyTo, ...email.references]) {
    const match = id === null ? null : OUR_MESSAGE_ID.exec(id.trim());
    if (match?.[1] && match[2] && (options.messageIdHost === undefined || match[2].toLowerCase() === options.messageIdHost.toLowerCase())) {
      return { reportId: match[1].toUpperCase(), via: 'thread' };
    }
  }
  const tagged = SUBJECT_TAG.exec(email.subject)?.[1];
  if (tagged) return { reportId: tagged.toUpperCase(), via: 'subject' };
  for (const address of email.recipients) {
    const plus = PLUS_ADDRESS.exec(address)?.[1];
    if (plus) return { reportId: plus.toUpperCase(), via: 'address' };
  }
  return null;
}

/**
 * The e-mail as a new report: subject → title, text → description, the sender as contact.
 * Short fields are padded to the schema's minimum, long ones cut with a note; attachments
 * the form or API would refuse (a type not accepted, content that is not what it is declared
 * as: an archive or program named .txt, text that is not UTF-8, …) are left out with a note
 * in the description naming the file and the reason, so the report is never refused for its
 * form alone: an e-mail cannot get a 400.
 */
export function reportFromEmail(email: ParsedEmail, options: EmailRouteOptions = {}): EmailRoute {
  const notes: string[] = [];
  const attachments = keptAttachments(email.attachments, options, notes);
  const contact = contactOf(email);
  const raw = {
    title: titleOf(email.subject),
    description: descriptionOf(email.text, notes),
    affected: options.defaultAffected?.trim() || DEFAULT_AFFECTED,
    contact,
    language: languageOf(email.language),
    attachments,
  };
  const parsed = ReportInput.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', fields: [...new Set(parsed.error.issues.map((i) => i.path.join('.')))] };
  return { kind: 'report', input: parsed.data };
}

function titleOf(subject: string): string {
  const title = subject.replace(/\s+/g, ' ').trim();
  if (title === '') return 'Report by e-mail';
  if (title.length < 5) return `${title} (report by e-mail)`;
  return title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title;
}

function descriptionOf(text: string, notes: string[]): string {
  let body = text.trim();
  if (body === '') body = '(The e-mail had no text.)';
  else if (body.length < 20) body = `${body}\n\n(The e-mail text was short.)`;
  const tail = notes.length === 0 ? '' : `\n\n${notes.map((n) => `Note: ${n}`).join('\n')}`;
  const room = DESCRIPTION_MAX - tail.length;
  if (body.length > room) {
    const cut = '\n\n(Cut: the e-mail text was longer than the limit; the full message stays in the mailbox.)';
    body = `${body.slice(0, room - cut.length)}${cut}`;
  }
  return `${body}${tail}`;
}

/** The sender's address when it is one the schema takes; a report is never refused over its From. */
function contactOf(email: ParsedEmail): z.input<typeof Contact> {
  const name = email.from?.name.trim().slice(0, 200) || undefined;
  const address = email.from?.address.trim();
  const checked = Contact.safeParse({ email: address });
  // A key attached to the e-mail becomes theirs: our answers are encrypted to it.
  const key = email.attachments.find(isPublicKey);
  const pgpKey = key === undefined ? undefined : key.content.toString('utf8').slice(0, 20_000);
  return { name, email: checked.success ? checked.data.email : undefined, ...(pgpKey === undefined ? {} : { pgpKey }) };
}

function isPublicKey(file: EmailAttachment): boolean {
  return file.contentType === 'application/pgp-keys' || /-----BEGIN PGP PUBLIC KEY BLOCK-----/.test(file.content.toString('latin1', 0, 200));
}

function languageOf(contentLanguage: string | null): Language {
  return contentLanguage !== null && /^nl(\b|[-_])/i.test(contentLanguage) ? 'nl' : 'en';
}

function keptAttachments(files: EmailAttachment[], options: EmailRouteOptions, notes: string[]): Attachment[] {
  const maxCount = options.maxAttachments ?? DEFAULT_LIMITS.maxAttachments;
  const maxBytes = options.maxAttachmentBytes ?? DEFAULT_LIMITS.maxAttachmentBytes;
  const kept: Attachment[] = [];
  files.forEach((file, index) => {
    // The sender's public key is taken as their key (contactOf), not kept as a file.
    if (isPublicKey(file)) return;
    const filename = safeFilename(file.filename, index);
    if (kept.length >= maxCount) {
      notes.push(`the attachment "${filename}" was left out: at most ${maxCount} attachments are kept.`);
      return;
    }
    if (file.content.length > maxBytes) {
      notes.push(`an attachment was left out: ${describeAttachmentProblem({ kind: 'too-large', filename, limitBytes: maxBytes })}.`);
      return;
    }
    const contentType = browserContentType(filename, file.contentType);
    const problem = checkAttachmentContent(filename, contentType, file.content);
    if (problem !== null || !isAcceptedType(contentType)) {
      notes.push(`an attachment was left out: ${describeAttachmentProblem(problem ?? { kind: 'type-not-accepted', filename, contentType })}.`);
      return;
    }
    kept.push({ filename, contentType, dataBase64: file.content.toString('base64') });
  });
  return kept;
}

/**
 * A file name the schema takes: no slashes or control characters (a name is quoted on one
 * line of a note), at most 120 characters, the extension kept. The name it is stored under
 * is made safe later, like every channel's (see safeFileName in report/safe-file-name.ts).
 */
function safeFilename(filename: string | null, index: number): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const base = (filename ?? '').replace(/[/\\\u0000-\u001F\u007F]/g, '_').trim();
  if (base === '') return `attachment-${index + 1}`;
  if (base.length <= 120) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return `${base.slice(0, 120 - ext.length)}${ext}`;
}
