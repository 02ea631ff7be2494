import { catalogue, type Catalogue } from '../i18n/catalogues.js';
import type { Language } from '../report/report.js';
import type { PlannedMessage } from '../triage/apply-command.js';
import type { OrgPgp } from '../ports/org-pgp.js';
import type { MailSettings, OutgoingMail } from '../ports/mailer.js';

/** What a mail to the researcher is about: a staff message kind, or the acknowledgement of a new report. */
export type MailKind = PlannedMessage['kind'] | 'acknowledgement';

/**
 * Subjects per kind, from the catalogue. Typed as a Record over MailKind, so a new message
 * kind does not compile without a subject in every language.
 */
function subjects(language: Language): Readonly<Record<MailKind, string>> {
  return catalogue(language).mail.subjects;
}

/** Every kind a mail can be, for the job payload schema. */
export const MAIL_KINDS = Object.keys(subjects('en')) as [MailKind, ...MailKind[]];

/** One message to one researcher, as the send-mail job knows it. */
export interface ResearcherMailInput {
  /** `DD-XXXXXXXXXXXX`; goes into the subject so replies can be matched. */
  reportId: string;
  /**
   * Which message of the report this is: 0 for the acknowledgement, n ≥ 1 for the n-th
   * message staff sent. With the report id it makes the Message-ID, so a retry sends the
   * same one.
   */
  messageIndex: number;
  kind: MailKind;
  /** The message text (from `researcherMessage` or `acknowledgementText`), plain text. */
  body: string;
  language: Language;
  /** The researcher's status page, or null when this message cannot link it. */
  statusUrl: string | null;
  /** The researcher's e-mail address. */
  to: string;
  /** The researcher's armored OpenPGP public key: when set, the mail is encrypted to it. */
  pgpKey: string | null;
  /** The Message-ID (with angle brackets) of the researcher's own e-mail, for the acknowledgement of an e-mailed report. */
  inReplyTo?: string | null;
  settings: MailSettings;
}

/** The researcher gave a key, but this instance has no OpenPGP key pair to encrypt and sign with. */
export class MailEncryptionUnavailableError extends Error {
  override name = 'MailEncryptionUnavailableError' as const;
  constructor() {
    super('the researcher gave a PGP key but no organisation key is configured (PGP_PRIVATE_KEY)');
  }
}

/**
 * Plans one mail to the researcher: subject `[DD-…] <subject>`, the message
 * text with a footer in their language, a Message-ID stable per (report, message index),
 * threading on the acknowledgement, and a Reply-To plus-address when one is configured.
 *
 * With a researcher key, the whole text (message and footer) is replaced by the armored
 * ciphertext from `pgp.encryptTo` and the subject becomes neutral: nothing of the message
 * is sent in clear. Without an org key pair it throws MailEncryptionUnavailableError rather
 * than fall back to clear text. Deterministic apart from the injected encryption.
 */
export async function planResearcherMail(input: ResearcherMailInput, pgp: Pick<OrgPgp, 'encryptTo'> | null): Promise<OutgoingMail> {
  const { reportId, language, settings } = input;
  const messageId = mailMessageId(reportId, input.messageIndex, settings.messageIdHost);
  const headers: Record<string, string> = { 'Message-ID': messageId };
  if (settings.replyTo !== null) headers['Reply-To'] = replyAddress(settings.replyTo, reportId);
  // RFC 3834: an automatic answer to a report; stops out-of-office loops with the researcher.
  if (input.kind === 'acknowledgement') headers['Auto-Submitted'] = 'auto-replied';

  const threadRoot = mailMessageId(reportId, 0, settings.messageIdHost);
  const earlier = input.messageIndex === 0 ? (input.inReplyTo ?? null) : threadRoot;
  const clear = `${input.body.trimEnd()}\n\n${footer(input, settings.replyTo !== null)}`;
  const pgpKey = input.pgpKey !== null && input.pgpKey.trim() !== '' ? input.pgpKey : null;
  let text = clear;
  if (pgpKey !== null) {
    if (pgp === null) throw new MailEncryptionUnavailableError();
    text = await pgp.encryptTo(pgpKey, clear);
  }

  return {
    to: input.to,
    from: settings.from,
    subject: `[${reportId}] ${pgpKey === null ? subjects(language)[input.kind] : catalogue(language).mail.neutralSubject}`,
    text,
    headers,
    ...(earlier === null ? {} : { inReplyTo: earlier, references: [earlier] }),
  };
}

/** `<DD-XXXXXXXXXXXX.message-3@acme.example>`: the same for every attempt to send that message. */
export function mailMessageId(reportId: string, messageIndex: number, host: string): string {
  return `<${reportId}.message-${messageIndex}@${host}>`;
}

/** `MAIL_REPLY_TO` with `{token}` replaced by the tracking id in lower case (plus-addresses are often case-folded). */
export function replyAddress(template: string, reportId: string): string {
  return template.replaceAll('{token}', reportId.toLowerCase());
}

/** The promised deadlines of the acknowledgement, preformatted in the researcher's language and the org's time zone. */
export interface AcknowledgementFacts {
  id: string;
  /** Null when the organisation promises no receipt deadline (config `sla.promises`). */
  receiptDue: string | null;
  /** Null when it promises no assessment deadline. */
  assessmentDue: string | null;
}

/** The acknowledgement of a new report: its tracking id and what the organisation promised, and nothing it did not. */
export function acknowledgementText(lang: Language, facts: AcknowledgementFacts): string {
  const text = catalogue(lang).mail.acknowledgement;
  const { receiptDue, assessmentDue } = facts;
  const promise =
    receiptDue !== null && assessmentDue !== null
      ? [text.promise(receiptDue, assessmentDue)]
      : receiptDue !== null
        ? [text.promiseReceipt(receiptDue)]
        : assessmentDue !== null
          ? [text.promiseAssessment(assessmentDue)]
          : [];
  return [text.received(facts.id), ...promise, text.confidential].join('\n\n');
}

function footer(input: ResearcherMailInput, canReply: boolean): string {
  const text: Catalogue['mail']['footer'] = catalogue(input.language).mail.footer;
  const lines = ['-- ', `${text.trackingId}: ${input.reportId}`];
  lines.push(input.statusUrl !== null ? text.statusLink(input.statusUrl) : text.noStatusLink);
  if (canReply) lines.push(text.canReply);
  return lines.join('\n');
}
