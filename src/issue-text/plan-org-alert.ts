import { neutraliseInline } from '../report/neutralise.js';

/** The hidden marker of the organisation's one alert issue: found again after a crash or a lost answer. */
export const ALERT_MARKER = '<!-- disclosure-desk:org-alert -->';
export const ALERT_TITLE = 'Disclosure Desk: attention needed';
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

/**
 * The alert issue's body: one section per kind of trouble, each with what to do. Counts and
 * reasons only: no report text, no researcher. Reasons are the app's own text, neutralised
 * anyway since they can name repositories and keys.
 */
export function planAlertBody(facts: AlertFacts): string {
  const sections = ['Disclosure Desk needs someone from the organisation. This issue is kept up to date and closed when all is well again.'];
  if (facts.configProblems !== null) {
    sections.push(
      [
        '### The configuration is invalid',
        'Reports are received and kept, but none is filed until `.github/disclosure.yml` is fixed; meanwhile the public pages keep the last valid policy.',
        ...facts.configProblems.map((problem) => `- ${neutraliseInline(problem)}`),
      ].join('\n'),
    );
  }
  if (facts.held.length > 0) {
    const total = facts.held.reduce((sum, entry) => sum + entry.count, 0);
    sections.push(
      [
        `### ${total} report${total === 1 ? ' is' : 's are'} held`,
        'They are kept and filed as soon as the cause is fixed (checked every few minutes); nothing is lost.',
        ...facts.held.map((entry) => `- ${entry.count} × ${neutraliseInline(entry.reason)}`),
      ].join('\n'),
    );
  }
  if (facts.deadJobs > 0) {
    sections.push(
      [
        `### ${facts.deadJobs} job${facts.deadJobs === 1 ? '' : 's'} stopped`,
        'Work the desk gave up on after retrying for a day (or could not read). The operator lists them with `npm run jobs -- dead` and requeues them once the cause is fixed: `npm run jobs -- requeue --all`.',
      ].join('\n'),
    );
  }
  return `${sections.join('\n\n')}\n\n${ALERT_MARKER}\n`;
}

/** The comment that closes the alert. */
export const ALERT_RESOLVED = 'All is well again: no invalid configuration, no held reports, no stopped jobs. Closing.';
