import { catalogue } from '../i18n/catalogues.js';
import type { Language } from '../report/report.js';
import type { TriageStatus } from '../triage/triage-status.js';

/**
 * What the app says on a tracking issue that staff closed or reopened in GitHub itself
 * rather than with a command: the state it moved the report to, and that the researcher
 * was not told (only commands speak to the researcher).
 */
export function closedByHandLine(lang: Language, status: TriageStatus): string {
  return catalogue(lang).tracking.closedByHand(status);
}

export function reopenedByHandLine(lang: Language): string {
  return catalogue(lang).tracking.reopenedByHand;
}
