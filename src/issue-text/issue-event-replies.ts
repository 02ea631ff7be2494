import type { Language } from '../report/report.js';
import type { TriageStatus } from '../triage/triage-status.js';

/**
 * What the app says on a tracking issue that staff closed or reopened in GitHub itself
 * rather than with a command: the state it moved the report to, and that the researcher
 * was not told (only commands speak to the researcher).
 */
const CLOSED: Readonly<Record<Language, (status: TriageStatus) => string>> = {
  en: (status) =>
    `Closed by hand: the report is now **${status}** and its SLA clock has stopped. The researcher was not told; \`/resolved\`, \`/reject <reason>\` or \`/reply\` tell them.`,
  nl: (status) =>
    `Met de hand gesloten: de melding staat nu op **${status}** en de SLA-klok is gestopt. De melder is niet ingelicht; \`/resolved\`, \`/reject <reden>\` of \`/reply\` doen dat wel.`,
};

const REOPENED: Readonly<Record<Language, string>> = {
  en: 'Reopened by hand: the report is **triaged** again and its SLA clock runs.',
  nl: 'Met de hand heropend: de melding staat weer op **triaged** en de SLA-klok loopt.',
};

export function closedByHandLine(lang: Language, status: TriageStatus): string {
  return CLOSED[lang](status);
}

export function reopenedByHandLine(lang: Language): string {
  return REOPENED[lang];
}
