import { catalogue } from '../i18n/catalogues.js';
import type { Language } from '../report/report.js';
import { neutraliseInline } from '../report/neutralise.js';

/** The hidden marker of the organisation's one alert issue: found again after a crash or a lost answer. */
export const ALERT_MARKER = '<!-- disclosure-desk:org-alert -->';
/** Where the alert issue lives: the organisation's `.github` repository, beside the config. */
export const ALERT_REPO = '.github';

/** What needs a person in the organisation, as the alert job read it. */
export interface AlertFacts {
  /** Problems of `.github/disclosure.yml` (`key: reason`), or null when it is valid or absent. */
  configProblems: string[] | null;
  held: Array<{ reason: string; count: number }>;
  deadJobs: number;
}

/** Nothing to say: the alert issue is closed (or never opened). */
export function needsAlert(facts: AlertFacts): boolean {
  return facts.configProblems !== null || facts.held.length > 0 || facts.deadJobs > 0;
}

export function alertTitle(lang: Language): string {
  return catalogue(lang).alert.title;
}

export function alertResolved(lang: Language): string {
  return catalogue(lang).alert.resolved;
}

/**
 * The alert issue's body, in the tracking language: one section per kind of trouble, each
 * with what to do. Counts and reasons only: no report text, no researcher. Reasons are the
 * app's own text, neutralised anyway since they can name repositories and keys.
 */
export function planAlertBody(facts: AlertFacts, lang: Language): string {
  const text = catalogue(lang).alert;
  const sections = [text.intro];
  if (facts.configProblems !== null) {
    sections.push([`### ${text.configHeading}`, text.configBody, ...facts.configProblems.map((problem) => `- ${neutraliseInline(problem)}`)].join('\n'));
  }
  if (facts.held.length > 0) {
    const total = facts.held.reduce((sum, entry) => sum + entry.count, 0);
    sections.push([`### ${text.heldHeading(total)}`, text.heldBody, ...facts.held.map((entry) => `- ${entry.count} × ${neutraliseInline(entry.reason)}`)].join('\n'));
  }
  if (facts.deadJobs > 0) sections.push([`### ${text.deadHeading(facts.deadJobs)}`, text.deadBody].join('\n'));
  return `${sections.join('\n\n')}\n\n${ALERT_MARKER}\n`;
}
