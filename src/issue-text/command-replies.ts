import { catalogue } from '../i18n/catalogues.js';
import type { CommandParams } from '../i18n/types.js';
import type { Language } from '../report/report.js';
import { neutraliseInline } from '../report/neutralise.js';
import type { Confirmation } from '../triage/apply-command.js';
import { SEVERITIES, type Severity } from '../report/severity.js';
import { TRACKING_TEXT } from './tracking-text.js';

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** The confirmation line of an applied command. */
export function confirmationLine(lang: Language, confirmation: Confirmation): string {
  // Kinds are looked up by name: a kind without a phrase is refused below, not guessed.
  const phrases: Readonly<Record<string, ((p: CommandParams) => string) | undefined>> = catalogue(lang).triage.confirm;
  const phrase = phrases[confirmation.kind];
  const params = { ...confirmation.params };
  if (params.severity !== undefined && isSeverity(params.severity)) params.severity = TRACKING_TEXT[lang].severity[params.severity];
  if (phrase === undefined) throw new RangeError(`no confirmation text for ${confirmation.kind}`);
  // Parameters are enums, ids, dates, scores and vectors the parsers validated; only a
  // known issue's title is free text (from the config), so only it is neutralised.
  const safe = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, k === 'title' ? neutraliseInline(v) : v.replace(/[`\r\n]/g, '')]));
  return phrase(safe);
}

/** The reply line for a command that was not applied: what was wrong, and the usage. */
export function usageLine(lang: Language, command: string, error: string, usage: string): string {
  return `\`/${neutraliseInline(command).replace(/`/g, '')}\` ${catalogue(lang).triage.notApplied}: ${neutraliseInline(error)}. \`${usage.replace(/`/g, '')}\``;
}

/** The short refusal for someone without write access. GitHub logins are `[A-Za-z0-9-]` only. */
export function refusalLine(lang: Language, login: string): string {
  return catalogue(lang).triage.refused(login.replace(/[^A-Za-z0-9-]/g, ''));
}
