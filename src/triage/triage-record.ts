import type { SlaState } from '../clock/sla-state.js';
import type { Severity } from '../report/severity.js';
import type { CreditPreference, Language } from '../report/report.js';
import type { AdvisoryVulnerability } from '../ports/github.js';
import type { TriageStatus } from './triage-status.js';
import type { AgreedDisclosure } from './disclosure-date.js';

/**
 * Who the researcher is and how they want credit. Kept after filing (the report text is
 * not): the credit record, the advisory credit and messages to the researcher need it.
 */
export interface ResearcherFacts {
  /** Their armored OpenPGP public key: mail to them is encrypted to it, their signatures checked. */
  pgpKey?: string | null;
  name: string | null;
  github: string | null;
  email: string | null;
  phone: string | null;
  credit: CreditPreference;
}

/** A reward staff decided with `/reward`. */
export interface RewardDecision {
  amount: number;
  /** ISO 4217, e.g. EUR. */
  currency: string;
  note: string | null;
}

/** A published advisory's credit, the source of the hall of fame. */
export interface CreditRecord {
  ghsaId: string;
  org: string;
  /** null for an advisory published without a tracking issue. */
  reportId: string | null;
  advisoryUrl: string;
  cveId: string | null;
  summary: string;
  publishedAt: Date;
  /** As the researchers chose: the anonymous are not listed. */
  researchers: Array<{ display: string; kind: 'name' | 'pseudonym' | 'login' }>;
  reward: { amount: number; currency: string } | null;
}

/** What filing learned about a report, kept after its plaintext is deleted. */
export interface FilingFacts {
  /** Repository the tracking issue lives in (the config may name another one later). */
  repo: string;
  /** Normalised affected assets (`domain:…`, `ip:…`, `repo:…`) for duplicate detection. */
  assetKeys: string[];
  /** Hashed distinctive words of the report (no plaintext), for duplicate detection. */
  fingerprint: string[];
  /** Reminder lead time from the config at filing, so the sweep needs no config read. */
  remindLeadMs: number;
  /** Team slug mentioned when a deadline passes, or null. */
  overdueTeam: string | null;
  /** Where reminders show dates, and in which language they are written (config at filing). */
  timeZone: string;
  trackingLanguage: Language;
  /** When the sweep must next look at this report. */
  nextCheckAt: Date | null;
  researcher: ResearcherFacts | null;
  /** Contact details are deleted this many days after the report closes (config at filing). */
  retentionDays?: number;
  /** From the reporter's CVSS vector, until staff set one with `/severity`. */
  severity: Severity | null;
  cvssVector: string | null;
  resolutionDue: Date | null;
}

/** A filed report's triage state: what the commands change and the sweep reads. */
export interface TriageRecord {
  reportId: string;
  org: string;
  language: Language;
  repo: string;
  issueNumber: number;
  issueUrl: string;
  status: TriageStatus;
  severity: Severity | null;
  cvssVector: string | null;
  sla: SlaState;
  /** The expected fix date promised with the assessment, `YYYY-MM-DD`. */
  fixBy: string | null;
  /** `owner/repo` named by `/accept`, for the advisory. */
  acceptedRepository: string | null;
  closedAt: Date | null;
  assetKeys: string[];
  fingerprint: string[];
  remindLeadMs: number;
  overdueTeam: string | null;
  timeZone: string;
  trackingLanguage: Language;
  nextCheckAt: Date | null;
  researcher: ResearcherFacts | null;
  /** The draft advisory opened on acceptance (or the one the report came from). */
  ghsaId: string | null;
  advisoryRepo: string | null;
  advisoryUrl: string | null;
  cweIds: string[];
  packages: AdvisoryVulnerability[];
  reward: RewardDecision | null;
  /** The publication date agreed with `/disclose-on`; optional so older builders need not name it. */
  disclosure?: AgreedDisclosure | null;
  /** Optimistic concurrency: every save must name the version it read. */
  version: number;
}

/** The fields a triage change may set. */
export type TriageFields = Pick<
  TriageRecord,
  'status' | 'severity' | 'cvssVector' | 'sla' | 'fixBy' | 'acceptedRepository' | 'closedAt' | 'nextCheckAt' | 'cweIds' | 'packages' | 'reward' | 'disclosure'
>;
