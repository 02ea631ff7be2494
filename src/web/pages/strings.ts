import { readFileSync } from 'node:fs';
import type { Language } from '../../report/report.js';
import { REPO_ROOT } from '../../repo-root.js';

/**
 * Every UI string key. `templates/<lang>/strings.json` must define exactly these, so a
 * missing translation fails at startup instead of showing a key to a reporter.
 */
export const STRING_KEYS = [
  'layout.languageNav',
  'layout.footer',
  'form.pageTitle',
  'form.heading',
  'form.intro',
  'form.rulesHeading',
  'form.rule.noSharing',
  'form.rule.minimal',
  'form.rule.deleteData',
  'form.sectionVulnerability',
  'form.sectionContact',
  'form.contactHint',
  'form.optional',
  'form.submit',
  'form.requiredNote',
  'form.pgp.note',
  'form.pgp.fingerprint',
  'form.pgp.failed',
  'form.pgp.tooLarge',
  'form.pgp.sendPlain',
  'field.title.label',
  'field.title.hint',
  'field.description.label',
  'field.description.hint',
  'field.steps.label',
  'field.steps.hint',
  'field.affected.label',
  'field.affected.hint',
  'field.impact.label',
  'field.impact.hint',
  'field.cvss.label',
  'field.cvss.hint',
  'field.attachments.label',
  'field.attachments.hint',
  'field.attachments.reattach',
  'field.contact_name.label',
  'field.contact_email.label',
  'field.contact_email.hint',
  'field.contact_phone.label',
  'field.contact_phone.hint',
  'field.contact_github.label',
  'field.contact_github.hint',
  'field.contact_pgp_key.label',
  'field.contact_pgp_key.hint',
  'field.credit.legend',
  'field.credit.name',
  'field.credit.pseudonym',
  'field.credit.anonymous',
  'field.lang.label',
  'errors.summaryHeading',
  'errors.prefix',
  'errors.notStored',
  'attachment.tooLarge',
  'attachment.tooMany',
  'attachment.typeNotAccepted',
  'attachment.contentMismatch',
  'attachment.archive', 'attachment.program', 'attachment.notText', 'attachment.notJson',
  'confirm.pageTitle',
  'confirm.heading',
  'confirm.stored',
  'confirm.statusIntro',
  'confirm.keepSecret',
  'confirm.reminder',
  'status.pageTitle',
  'status.heading',
  'status.trackingId',
  'status.organisation',
  'status.received',
  'status.state',
  'status.queued',
  'status.queuedDetail',
  'status.filed',
  'status.filedDetail',
  'status.deadlinesHeading',
  'status.receiptDue',
  'status.assessmentDue',
  'status.within.one',
  'status.within.other',
  'status.timeZone',
  'status.triage.triaged',
  'status.triage.accepted',
  'status.triage.closed',
  'status.triage.resolved',
  'status.paused',
  'status.fixBy',
  'status.messagesHeading',
  'status.messagesPurged',
  'status.fromTeam',
  'status.fromYou',
  'status.replyHeading',
  'status.replyLabel',
  'status.replyHint',
  'status.replySubmit',
  'status.reply.sent',
  'status.reply.empty',
  'status.reply.too-long',
  'status.reply.not-filed',
  'status.privacyHeading',
  'status.privacyText',
  'status.download',
  'status.erase',
  'status.eraseHint',
  'status.erased',
  'error.back',
  'error.notFound.title',
  'error.notFound.body',
  'error.tooLarge.title',
  'error.tooLarge.body',
  'error.rateLimited.title',
  'error.rateLimited.body',
  'error.readLimited.title',
  'error.readLimited.body',
  'error.unavailable.title',
  'error.badRequest.title',
  'error.badRequest.body',
  'error.keepInput',
  'error.pgpNotAccepted.title',
  'error.pgpNotAccepted.body',
  'error.pgpUndecryptable.title',
  'error.pgpUndecryptable.body',
  'error.pgpInvalid.title',
  'error.pgpInvalid.body',
  'wait.minutes.one',
  'wait.minutes.other',
] as const;
export type StringKey = (typeof STRING_KEYS)[number];
export type Strings = Record<StringKey, string>;

/** Looks up a string and fills `{name}` placeholders. The result is text: the caller escapes it. */
export type Translate = (key: StringKey, params?: Record<string, string | number>) => string;

let cache: Record<Language, Strings> | undefined;

/** Reads and checks every strings file once; later calls reuse the result. */
export function loadStrings(): Record<Language, Strings> {
  cache ??= { en: readStrings('en'), nl: readStrings('nl') };
  return cache;
}

/** A translator for one language. */
export function translator(language: Language): Translate {
  const strings = loadStrings()[language];
  return (key, params = {}) =>
    strings[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks the singular or plural key, e.g. `status.within.one` / `.other`. */
export function plural(t: Translate, base: 'status.within' | 'wait.minutes', n: number): string {
  return t(n === 1 ? `${base}.one` : `${base}.other`, { n });
}

function readStrings(language: Language): Strings {
  const file = new URL(`templates/${language}/strings.json`, REPO_ROOT);
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`${file.pathname}: not a JSON object`);
  const entries = new Map(Object.entries(parsed));
  const missing = STRING_KEYS.filter((key) => typeof entries.get(key) !== 'string');
  const unknown = [...entries.keys()].filter((key) => !(STRING_KEYS as readonly string[]).includes(key));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(`${file.pathname}: missing ${missing.join(', ') || 'none'}; unknown ${unknown.join(', ') || 'none'}`);
  }
  return Object.fromEntries(STRING_KEYS.map((key) => [key, String(entries.get(key))])) as Strings;
}
