import type { DisclosureConfig } from '../../config/schema.js';
import type { HallOfFameEntry } from '../../issue-text/hall-of-fame.js';
import type { Language, ReportInput } from '../../report/report.js';

/** What the public pages show about an organisation. */
export interface OrganisationView {
  login: string;
  /** Display name from config, else the login. */
  name: string;
  /** Languages offered; the first is the default. */
  languages: Language[];
}

/** What the status page shows. Never report text: after filing it no longer exists here. */
export interface StatusView {
  id: string;
  org: string;
  language: Language;
  receivedAt: Date;
  /** held is shown to researchers as queued: the reason is internal. */
  state: 'queued' | 'filed';
  receiptDue: Date;
  assessmentDue: Date;
  /** Business-day counts the deadlines came from, for "within N business days". */
  receiptBusinessDays: number;
  assessmentBusinessDays: number;
  timeZone: string;
  /** Days after closing when contact details are deleted (privacy.retention_days). */
  retentionDays: number;
  /** Where triage stands, in the researcher's terms; null until the report is filed. */
  triage: { stage: 'triaged' | 'accepted' | 'closed' | 'resolved' | null; paused: boolean; fixBy: string | null } | null;
  /** The conversation: what staff sent the researcher and what they answered, oldest first. */
  messages: Array<{ from: 'team' | 'researcher'; body: string; at: Date }>;
  /** When the conversation was deleted at the end of the retention period, and that period; null while it is kept. */
  messagesPurged: { at: Date; retentionDays: number } | null;
}

export type IntakeChannel = 'form' | 'api' | 'github' | 'email';

export interface AcceptOptions {
  /** The advisory a report came from (GitHub private vulnerability reporting). */
  advisory?: { ghsaId: string; url: string; repo: string };
  /** The e-mail a report came from (its Message-ID), committed with it: never filed twice. */
  emailMessageKey?: string;
}

export interface AcceptedReport {
  id: string;
  /** Secret for the status link; shown once to the reporter, stored only as a hash. */
  statusToken: string;
}

/** Taking a report in, from any channel: the form, the API, e-mail, GitHub's private reporting. */
export interface ReportIntake {
  /** Commits the report durably; resolves only after commit (rule "a 2xx means durable"). Throws when the organisation is not installed. */
  accept(org: string, channel: IntakeChannel, input: ReportInput, options?: AcceptOptions): Promise<AcceptedReport>;
}

/** The config an organisation's public pages show, and where it comes from. */
export interface PublicConfig {
  organisation: OrganisationView;
  config: DisclosureConfig;
  policy: 'own' | 'last-valid' | 'setting-up';
}

/** What the organisation's public pages (form, policy, security.txt, hall of fame) read. */
export interface PublicPages {
  /** null when the app is not installed on this organisation (→ 404). */
  organisation(org: string): Promise<OrganisationView | null>;
  /**
   * The organisation and the config its pages show: its own; while its file is invalid, the
   * last valid one; when it never had a valid one, the defaults with `policy: 'setting-up'`
   * (the pages then say the policy is being set up, never present the defaults as its own).
   * null when the app is not installed.
   */
  publicConfig(org: string): Promise<PublicConfig | null>;
  /** The organisation's published advisories with credit, as the researchers chose to be named. */
  hallOfFame(org: string): Promise<HallOfFameEntry[]>;
}

/** The researcher's side of a report, reached with its status token. */
export interface StatusDesk {
  /** null for unknown tokens. */
  status(token: string): Promise<StatusView | null>;
  /**
   * A reply from the status page: a comment on the tracking issue, kept for the page, and
   * a paused clock resumed. `unknown` for an unknown token; `not-filed` while the report is
   * still queued (there is no issue to reply on yet).
   */
  reply(token: string, text: string): Promise<'posted' | 'not-filed' | 'unknown'>;
  /** Everything the app holds about the report's researcher, for download; null for an unknown token. */
  exportData(token: string): Promise<Record<string, unknown> | null>;
  /** Deletes the researcher's contact details now; `unknown` for an unknown token. */
  erase(token: string): Promise<'erased' | 'unknown'>;
}
