import type { Language } from '../report/report.js';
import { neutraliseInline } from '../report/neutralise.js';
import type { Confirmation } from '../triage/apply-command.js';
import { SEVERITIES, type Severity } from '../report/severity.js';
import { TRACKING_TEXT } from './tracking-text.js';

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

type Params = Record<string, string>;
type Phrase = (p: Params) => string;

/**
 * One line per command, in the tracking issue's language.
 */
const CONFIRM: Readonly<Record<Language, Readonly<Record<string, Phrase>>>> = {
  en: {
    severity: (p) => `Severity set to **${p.severity}**${p.score ? ` (CVSS ${p.score}, \`${p.vector}\`)` : ''}; the resolution target follows from it.`,
    'scope-in': () => 'Marked **in scope**.',
    'scope-out': (p) => `Marked **out of scope** (\`${p.category}\`) and closed; the researcher gets the explanation for this category.`,
    duplicate: (p) => `Duplicate of #${p.of}. Closed; the researcher is told.`,
    known: (p) => `Known issue \`${p.id}\` (${p.title}). Closed; the researcher gets the known-issue notice.`,
    'needs-info': () => 'Question recorded for the researcher. **The SLA clock is paused** until `/info-received`.',
    'needs-info-again': () => 'Question recorded for the researcher. The SLA clock was already paused.',
    'info-received': () => '**The SLA clock runs again**; open deadlines moved by the time it was paused.',
    accepted: (p) =>
      `**Accepted** as a vulnerability${p.repository ? ` in \`${p.repository}\`; a draft advisory will be opened there` : ''}.${p.reward ? ` Suggested reward for this severity: ${p.reward} (\`/reward <amount> <currency>\` records the decision).` : ''}`,
    advisory: (p) => `A draft advisory will be opened in \`${p.repository}\`.`,
    cwe: (p) => `CWE ids for the advisory: ${p.ids}.`,
    package: (p) => `Affected package \`${p.ecosystem}/${p.name}\`${p.vulnerable ? `, vulnerable \`${p.vulnerable}\`` : ''}${p.patched ? `, patched \`${p.patched}\`` : ''}.`,
    reward: (p) => `Reward recorded: ${p.amount}. It appears in the credit record when the advisory is published.`,
    reply: () => 'Message sent to the researcher (status page, and e-mail when they gave an address).',
    rejected: () => '**Rejected** and closed; the researcher gets the reason.',
    'fix-by': (p) => `Expected fix date set to **${p.date}**; the researcher gets the assessment.`,
    resolved: () => '**Resolved** and closed; the researcher is told.',
  },
  nl: {
    severity: (p) => `Ernst gezet op **${p.severity}**${p.score ? ` (CVSS ${p.score}, \`${p.vector}\`)` : ''}; de streefdatum volgt daaruit.`,
    'scope-in': () => 'Gemarkeerd als **binnen scope**.',
    'scope-out': (p) => `Gemarkeerd als **buiten scope** (\`${p.category}\`) en gesloten; de melder krijgt de uitleg bij deze categorie.`,
    duplicate: (p) => `Dubbel met #${p.of}. Gesloten; de melder wordt ingelicht.`,
    known: (p) => `Bekend probleem \`${p.id}\` (${p.title}). Gesloten; de melder krijgt de melding over bekende problemen.`,
    'needs-info': () => 'Vraag vastgelegd voor de melder. **De SLA-klok staat stil** tot `/info-received`.',
    'needs-info-again': () => 'Vraag vastgelegd voor de melder. De SLA-klok stond al stil.',
    'info-received': () => '**De SLA-klok loopt weer**; open termijnen zijn verschoven met de tijd dat hij stilstond.',
    accepted: (p) =>
      `**Geaccepteerd** als kwetsbaarheid${p.repository ? ` in \`${p.repository}\`; daar wordt een concept-advisory geopend` : ''}.${p.reward ? ` Voorgestelde beloning bij deze ernst: ${p.reward} (\`/reward <bedrag> <valuta>\` legt het besluit vast).` : ''}`,
    advisory: (p) => `Er wordt een concept-advisory geopend in \`${p.repository}\`.`,
    cwe: (p) => `CWE-ids voor de advisory: ${p.ids}.`,
    package: (p) => `Getroffen pakket \`${p.ecosystem}/${p.name}\`${p.vulnerable ? `, kwetsbaar \`${p.vulnerable}\`` : ''}${p.patched ? `, opgelost in \`${p.patched}\`` : ''}.`,
    reward: (p) => `Beloning vastgelegd: ${p.amount}. Die komt in het vermeldingsverslag bij publicatie.`,
    reply: () => 'Bericht naar de melder gestuurd (statuspagina, en e-mail als die is opgegeven).',
    rejected: () => '**Afgewezen** en gesloten; de melder krijgt de reden.',
    'fix-by': (p) => `Verwachte datum voor een oplossing: **${p.date}**; de melder krijgt de beoordeling.`,
    resolved: () => '**Opgelost** en gesloten; de melder wordt ingelicht.',
  },
};

const REFUSED: Readonly<Record<Language, (login: string) => string>> = {
  en: (login) => `@${login}: only people with write access to this repository can run Disclosure Desk commands. Nothing was changed.`,
  nl: (login) => `@${login}: alleen mensen met schrijfrechten op deze repository kunnen Disclosure Desk-opdrachten geven. Er is niets veranderd.`,
};

const NOT_APPLIED: Readonly<Record<Language, string>> = { en: 'not applied', nl: 'niet uitgevoerd' };

/** The confirmation line of an applied command. */
export function confirmationLine(lang: Language, confirmation: Confirmation): string {
  const phrase = CONFIRM[lang][confirmation.kind];
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
  return `\`/${neutraliseInline(command).replace(/`/g, '')}\` ${NOT_APPLIED[lang]}: ${neutraliseInline(error)}. \`${usage.replace(/`/g, '')}\``;
}

/** The short refusal for someone without write access. GitHub logins are `[A-Za-z0-9-]` only. */
export function refusalLine(lang: Language, login: string): string {
  return REFUSED[lang](login.replace(/[^A-Za-z0-9-]/g, ''));
}
