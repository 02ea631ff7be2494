import { textIn } from '../config/localised-text.js';
import type { DisclosureConfig } from '../config/schema.js';
import { catalogue } from '../i18n/catalogues.js';
import { formatCalendarDay } from '../i18n/format-date.js';
import type { Language } from '../report/report.js';
import { renderTemplate } from '../issue-text/render-template.js';
import type { PlannedMessage } from '../triage/apply-command.js';
import type { FixVerdict } from '../triage/fix-verification.js';

/**
 * Messages to the researcher, in their language, from the catalogue's `templates.messages`,
 * as plain text (the status page escapes it; e-mail sends it as text). `question`,
 * `reason`, a `/verify-fix` note and a `/reply` text are what staff typed: they write them for the researcher.
 */
export function researcherMessage(message: PlannedMessage, lang: Language, config: DisclosureConfig): string {
  const p = message.params;
  const values: Record<string, string> = { ...p };
  if (message.kind === 'out-of-scope') {
    const category = config.scope.out_of_scope.find((c) => c.id === p.category);
    values.category = category === undefined ? (p.category ?? '') : textIn(category, lang).value;
  }
  if (message.kind === 'known') {
    const known = config.known_issues.find((k) => k.id === p.id);
    const notice = known?.notice === undefined ? undefined : textIn(known.notice, lang).value;
    values.notice = notice === undefined ? '' : `\n\n${notice}`;
  }
  // The /fix-by day as people write it ("1 April 2026"), never as 2026-04-01.
  if ((message.kind === 'assessment' || message.kind === 'disclosure-date' || message.kind === 'disclosure-withdrawn') && p.date) values.date = formatCalendarDay(p.date, lang);
  if (message.kind === 'published') values.cve = p.cve ? ` (${p.cve})` : '';
  // Staff's note to the researcher, under the request, when they gave one.
  if (message.kind === 'verify-fix') values.note = p.note ? `\n\n${p.note}` : '';
  return renderTemplate(catalogue(lang).templates.messages[message.kind], withDefaults(message.kind, values)).replace(/\n+$/, '');
}

/** Every placeholder a template of this kind may name, so a missing parameter renders as empty. */
function withDefaults(kind: PlannedMessage['kind'], values: Record<string, string>): Record<string, string> {
  const names: Partial<Record<PlannedMessage['kind'], string[]>> = {
    'needs-info': ['question'],
    'out-of-scope': ['category'],
    known: ['notice'],
    rejected: ['reason'],
    assessment: ['date'],
    published: ['cve', 'url'],
    reply: ['text'],
    'verify-fix': ['note'],
    'disclosure-date': ['date'],
    'disclosure-withdrawn': ['date'],
  };
  return Object.fromEntries([...(names[kind] ?? []).map((n) => [n, '']), ...Object.entries(values)]);
}

/**
 * The researcher's answer to a fix verification request as the conversation keeps it, in
 * their language: the verdict, then their note (plain text, as they wrote it) when they gave one.
 */
export function fixVerificationAnswerText(lang: Language, verdict: FixVerdict, note: string): string {
  const line = catalogue(lang).templates.fixVerificationAnswer[verdict];
  return note === '' ? line : `${line}\n\n${note}`;
}
