import type { PolicySectionId } from '../../config/schema.js';
import type { Severity } from '../../report/severity.js';

/** The standard wording of a section: paragraphs, then a list, then closing paragraphs. Plain text. */
export interface Prose {
  paragraphs: readonly string[];
  items?: readonly string[];
  after?: readonly string[];
}

/** Severities that carry a resolution target and a reward range. */
export type RatedSeverity = Exclude<Severity, 'none'>;

/**
 * Every text of the policy and hall-of-fame pages in one language. `prose` is what an
 * organisation may replace (config `policy.sections`); the rest words the facts taken from
 * the config, which always stay. All plain text: the pages escape it.
 */
export interface PolicyTexts {
  title(org: string): string;
  contents: string;
  nav: { label: string; report: string; policy: string; hallOfFame: string };
  headings: Readonly<Record<PolicySectionId, string>>;
  prose: Readonly<Record<PolicySectionId, (org: string) => Prose>>;
  channels: {
    form: string;
    formLink: string;
    formEncrypted: string;
    email: string;
    emailHint: string;
    key: string;
    fingerprint: string;
    afterReport: string;
  };
  outOfScopeNone: string;
  knownIssuesNow: string;
  deadlines: {
    receipt(days: number): string;
    assessment(days: number): string;
    resolution: string;
    severity: Readonly<Record<RatedSeverity, string>>;
    calendarDays(days: number): string;
    paused: string;
    businessDays(timeZone: string): string;
    holidays(country: string, year: number): string;
  };
  retention(days: number): string;
  hallOfFameLink: string;
  rewards: { offered: string; ranges: string };
  hallOfFame: {
    title: string;
    thanks(org: string): string;
    empty: string;
    caption: string;
    columns: { published: string; researchers: string; advisory: string; summary: string; cve: string; reward: string };
    notNamed: string;
  };
}
