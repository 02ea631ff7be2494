import type { Language } from '../report/report.js';

/** The phrases of the Deadlines section, per language. */
export interface DeadlineText {
  receipt: string;
  assessment: string;
  fixBy: string;
  resolution: string;
  open: string;
  met(when: string): string;
  calendarDays(count: number): string;
  /** The resolution row before a severity is set. */
  resolutionPending: string;
  /** The fix-date row before `/fix-by`. */
  fixByPending: string;
  paused(since: string): string;
  severity(level: string, detail: string): string;
  severityPending: string;
}

const EN: DeadlineText = {
  receipt: 'Confirm receipt',
  assessment: 'Assessment with an expected fix date',
  fixBy: 'Expected fix date',
  resolution: 'Resolution target',
  open: 'open',
  met: (when) => `met ${when}`,
  calendarDays: (count) => `${count} calendar ${count === 1 ? 'day' : 'days'}`,
  resolutionPending: 'set by severity (`/severity`)',
  fixByPending: 'not set yet (`/fix-by YYYY-MM-DD`)',
  paused: (since) => `**The clock is paused** since ${since}: waiting for the researcher (\`/info-received\` resumes it and shifts open deadlines).`,
  severity: (level, detail) => `Severity: **${level}**${detail}`,
  severityPending: 'Severity: not set yet (`/severity <level|CVSS vector>`)',
};

const NL: DeadlineText = {
  receipt: 'Ontvangstbevestiging',
  assessment: 'Beoordeling met verwachte datum voor een oplossing',
  fixBy: 'Verwachte datum oplossing',
  resolution: 'Streefdatum oplossing',
  open: 'open',
  met: (when) => `gehaald ${when}`,
  calendarDays: (count) => `${count} ${count === 1 ? 'kalenderdag' : 'kalenderdagen'}`,
  resolutionPending: 'volgt uit de ernst (`/severity`)',
  fixByPending: 'nog niet vastgesteld (`/fix-by JJJJ-MM-DD`)',
  paused: (since) => `**De klok staat stil** sinds ${since}: wachten op de melder (\`/info-received\` zet hem weer aan en verschuift open termijnen).`,
  severity: (level, detail) => `Ernst: **${level}**${detail}`,
  severityPending: 'Ernst: nog niet vastgesteld (`/severity <niveau|CVSS-vector>`)',
};

export const DEADLINE_TEXT: Readonly<Record<Language, DeadlineText>> = { en: EN, nl: NL };
