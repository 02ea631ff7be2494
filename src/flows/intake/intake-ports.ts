import type { ContactKind } from '../researcher-contact.js';
import type { DisclosureConfig } from '../../config/schema.js';
import type { HallOfFameEntry } from '../../issue-text/hall-of-fame.js';
import type { Language, ReportInput } from '../../report/report.js';
import type { FixVerdict } from '../../triage/fix-verification.js';

/** What the public pages show about an organisation. */
export interface OrganisationView {
  login: string;
  /** Display name from config, else the login. */
  name: string;
  /** Languages offered; the first is the default. */
  languages: Language[];
  /** How a researcher who does not choose is credited (config `credit.default`): the form preselects it. */
  creditDefault: 'anonymous' | 'name';
}

/** A promise the organisation made for this report. */
export type DeadlineKind = 'receipt' | 'assessment' | 'resolution';

/**
 * How a promised deadline fared, decided as the SLA metrics decide it (src/clock): `met` at
 * or before its due instant; `missed` when met after it, or passed unmet while the clock ran;
 * `due` while open; `paused` while the clock stands still (`/needs-info`: the date moves when
 * it runs again); `void` when the report was closed before it passed, without it.
 */
export type DeadlineOutcome = 'met' | 'missed' | 'due' | 'paused' | 'void';

/** One promised deadline of the report, with the promise it came from. */
export interface DeadlineView {
  kind: DeadlineKind;
  /** The instant it is due (the end of a day in the organisation's time zone). */
  due: Date;
  /** "within N business days" / "N calendar days", as the config promised; null when not known. */
  span: { days: number; unit: 'business' | 'calendar' } | null;
  /** When it was met (the first time); null while not met. */
  metAt: Date | null;
  outcome: DeadlineOutcome;
}

/** Why a report ended, in the researcher's terms. `closed`: the issue was closed or deleted without a decision. */
export type ClosingReason = 'fixed' | 'published' | 'duplicate' | 'known' | 'out-of-scope' | 'rejected' | 'closed';

/**
 * The report's story, from its triage record and events: what happened and when. Each is
 * null (or empty) until it happened. The page orders these into steps.
 */
export interface StatusStory {
  /** Receipt confirmed: the acknowledgement went out, or staff took the report up. */
  acknowledgedAt: Date | null;
  /** Staff started assessing it (their first command); null also when it moved without one. */
  triageStartedAt: Date | null;
  /** Each time staff asked for information (the clock paused), and when it ran again (null: still waiting). */
  questions: Array<{ at: Date; answeredAt: Date | null }>;
  acceptedAt: Date | null;
  /** The expected fix date (`YYYY-MM-DD`, a calendar day) and when it was promised (null: not recorded). */
  fixPlanned: { date: string; at: Date | null } | null;
  /** Fixed: the resolution promise met. */
  fixedAt: Date | null;
  /** The publication date agreed with the researcher (`/disclose-on`, `YYYY-MM-DD`) and when it was agreed; absent or null: none. */
  disclosureAgreed?: { date: string; at: Date | null } | null;
  /** The advisory as published; the page links the URL and CVE id only when they have a safe form. */
  published: { at: Date; ghsaId: string | null; advisoryUrl: string | null; cveId: string | null } | null;
  /** A draft advisory exists and is not published yet: publication is still to come. */
  advisoryPending: boolean;
  /** When and why the report ended; null while open. */
  closed: { at: Date; reason: ClosingReason } | null;
}

/**
 * One request to verify the fix (`/verify-fix`) and the researcher's answer. The request's
 * wording (with staff's note) is one of the team's messages.
 */
export interface FixVerificationView {
  /** 1 for the first request, 2 for the next…; the answer form names it. */
  request: number;
  requestedAt: Date;
  /** The answer, once given; a request is answered once. */
  answer: { verdict: FixVerdict; at: Date } | null;
  /** Whether the researcher can answer it now: the latest request, unanswered, while the report has a fix to check. */
  open: boolean;
}

/** Contact details the desk may hold: the page names the kinds, never the values. */
export type { ContactKind };

/** What the status page shows. Never report text: after filing it no longer exists here. */
export interface StatusView {
  id: string;
  org: string;
  language: Language;
  receivedAt: Date;
  /** held is shown to researchers as queued: the reason is internal. */
  state: 'queued' | 'filed';
  /** Every promised deadline (receipt, assessment, and the resolution target once a severity sets one), in that order. */
  deadlines: DeadlineView[];
  timeZone: string;
  /** Days after closing when contact details are deleted (privacy.retention_days). */
  retentionDays: number;
  /** Where triage stands, in the researcher's terms; null until the report is filed. */
  triage: { stage: 'triaged' | 'accepted' | 'closed' | 'resolved' | 'published' | null; paused: boolean; fixBy: string | null } | null;
  /** What happened to the report so far. */
  story: StatusStory;
  /** The conversation: what staff sent the researcher and what they answered, oldest first. */
  messages: Array<{ from: 'team' | 'researcher'; body: string; at: Date }>;
  /** When the conversation was deleted at the end of the retention period, and that period; null while it is kept. */
  messagesPurged: { at: Date; retentionDays: number } | null;
  /** The kinds of contact details held now (empty once erased), and whether the researcher asked to be credited by name or pseudonym. */
  contact: { held: ContactKind[]; namedCredit: boolean };
  /**
   * When the contact details were removed: at the researcher's request (`erased`) or at the
   * end of the retention period (`retention`); null while they are kept. From the report's
   * events, so every later visit can say so.
   */
  contactRemoved: { at: Date; by: 'erased' | 'retention' } | null;
  /** The requests to verify the fix, oldest first, with their answers; absent while staff never asked. */
  fixVerifications?: FixVerificationView[];
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
  /** What the researcher can prove: the report's SHA-256 (canonical form) and when it was received. */
  receipt: { sha256: string; receivedAt: Date };
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
  /**
   * The researcher's answer to a request to verify the fix: a comment and a `fix:*` label on
   * the tracking issue, once. `already-answered` when the request has its answer (the first
   * stands); `not-open` when it cannot be answered now (a later request replaced it, or the
   * report has no fix to check); `not-filed` before filing; `unknown` for an unknown token.
   * (Optional only so that ports written before it still type-check; the desk has it.)
   */
  answerFixVerification?(
    token: string,
    answer: { request: number; verdict: FixVerdict; note: string },
  ): Promise<'recorded' | 'already-answered' | 'not-open' | 'not-filed' | 'unknown'>;
}
