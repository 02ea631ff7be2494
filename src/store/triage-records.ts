import type { DeadlineKind, NoticeStage, SentNotice } from '../clock/sla-state.js';
import type { CreditRecord, TriageFields, TriageRecord } from '../triage/triage-record.js';
import type { NewJob, ReportEvent } from './job-records.js';

export type { CreditRecord, FilingFacts, ResearcherFacts, RewardDecision, TriageFields, TriageRecord } from '../triage/triage-record.js';

/**
 * A message of the conversation with the researcher, shown on the status page (staff
 * messages are also e-mailed). Stored encrypted; deleted when the retention period ends.
 */
export interface ResearcherMessage {
  reportId: string;
  /** Template that produced it, e.g. `out-of-scope`, `needs-info`, `assessment`; `from-researcher` for their replies. */
  kind: string;
  body: string;
  at: Date;
}

/** One atomic triage change: new state, its events, the GitHub writes and the messages. */
export interface TriageChange {
  reportId: string;
  expectedVersion: number;
  fields: TriageFields;
  events: ReportEvent[];
  /** The first job's key doubles as the idempotency key of the whole change (a redelivered webhook). */
  jobs: NewJob[];
  messages: ResearcherMessage[];
}

/** `saved`; `conflict` when someone else saved first (re-read and retry); `duplicate` when already applied. */
export type TriageSaveResult = 'saved' | 'conflict' | 'duplicate';

/** A report the duplicate check compares with. */
export interface DuplicateSource {
  reportId: string;
  issueNumber: number;
  issueUrl: string;
  assetKeys: string[];
  fingerprint: string[];
}

/**
 * What the SLA sweep reads of a due report: its clock and where its notices go. No contact
 * details and nothing else decrypted or parsed: a first sweep may read thousands at once.
 */
export type SlaDueReport = Pick<
  TriageRecord,
  'reportId' | 'org' | 'repo' | 'issueNumber' | 'status' | 'sla' | 'remindLeadMs' | 'overdueTeam' | 'timeZone' | 'trackingLanguage' | 'nextCheckAt'
>;

/** The sweep's bookkeeping for one report: notices to record with the job that posts them. */
export interface NoticeBatch {
  reportId: string;
  notices: Array<{ deadline: DeadlineKind; stage: NoticeStage }>;
  job: NewJob;
  nextCheckAt: Date | null;
  at: Date;
}

/** Triage persistence; part of the Store. */
export interface TriageStore {
  getTriage(reportId: string): Promise<TriageRecord | null>;
  /** The report filed as issue `number` in `org/repo`, or null. */
  findTriageByIssue(org: string, repo: string, issueNumber: number): Promise<TriageRecord | null>;
  saveTriage(change: TriageChange): Promise<TriageSaveResult>;
  /** Filed reports of an org that are open, or closed at or after `closedSince`. */
  listDuplicateSources(org: string, closedSince: Date): Promise<DuplicateSource[]>;
  /** Filed reports whose next SLA check is due, oldest first, with the notices already sent. */
  listSlaDue(now: Date, limit: number): Promise<Array<{ triage: SlaDueReport; sent: SentNotice[] }>>;
  /**
   * Records sent notices (never twice), enqueues their job and moves the next check, for one
   * report or for several in one transaction: all of it commits, or none.
   */
  recordNotices(batch: NoticeBatch | readonly NoticeBatch[]): Promise<void>;
  /**
   * Runs `fn` only if no other instance is running it (PostgreSQL advisory lock; SQLite
   * serves one instance). Resolves with null when another instance holds the lock.
   */
  withSweepLock<T>(fn: () => Promise<T>): Promise<T | null>;
  /** The conversation, oldest first, decrypted. Empty after the retention period (see purgeContacts). */
  listMessages(reportId: string): Promise<ResearcherMessage[]>;
  /** Events of an org's reports received since `since` (all when omitted), for SLA metrics. */
  listOrgEvents(org: string, since?: Date): Promise<ReportEvent[]>;

  /**
   * The tracking issue was transferred (GitHub gives it a new number, and maybe another
   * repository): later jobs and commands find it there. Records `event` with the move.
   */
  moveTrackingIssue(reportId: string, to: { repo: string; number: number; url: string }, event: ReportEvent): Promise<void>;
  /** Links a report to the draft advisory opened for it. */
  recordAdvisory(reportId: string, advisory: { ghsaId: string; url: string; repo: string }): Promise<void>;
  findTriageByGhsa(ghsaId: string): Promise<TriageRecord | null>;
  /** Idempotent by GHSA id: resolves false when the advisory's credit was already recorded. */
  saveCreditRecord(record: CreditRecord): Promise<boolean>;
  listCreditRecords(org: string): Promise<CreditRecord[]>;

  /**
   * Retention (rule "erasure and retention win"): for every report closed more than its retention days
   * ago, deletes the researcher's contact details and the conversation (researcher
   * messages). Closed means `closedAt` is set, whatever the status: any closing status
   * (rejected, duplicate, known, resolved, published) or a tracking issue deleted; a
   * reopened report has its closedAt cleared by the change that reopens it. A resolved report is not kept for an advisory that
   * may never come: a web service's fix has none. Records `contact-purged` when contact
   * details went, and `messages-purged` (data `{ messages, retentionDays }`) when messages
   * went, so the status page can say the conversation was deleted. Resolves with the ids of
   * the reports purged; a second run finds nothing.
   */
  purgeContacts(now: Date): Promise<string[]>;
  /**
   * Deletes a report's contact details now, at the researcher's request: the stored facts,
   * and the contact in a report not filed yet (its credit becomes anonymous). The erasure is
   * remembered on the report, so a filing job that read the report earlier cannot write the
   * contact details back (markFiled stores an anonymous researcher without them). The
   * conversation stays readable on the status page until retention ends.
   */
  eraseContact(reportId: string, now: Date): Promise<void>;
}
