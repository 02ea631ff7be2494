import type { ReminderStore } from './reminder-records.js';
import type { Channel, Language } from '../report/report.js';
import type { FilingFacts, TriageStore } from './triage-records.js';
import type { DeadJob, Job, NewJob, ReportEvent } from './job-records.js';
import type { LaneStore } from './lane-records.js';
import type { InstallationStore, RequestCounterStore } from './front-door-records.js';
import type { AttachmentStore, StaffStore } from './staff-records.js';
import type { OrgSettingsStore } from './org-settings-records.js';

/** queued: waiting to be filed; held: cannot be filed until something is fixed; filed: issue exists. */
export type ReportStatus = 'queued' | 'held' | 'filed';

/** A report as the intake commits it. */
export interface NewReport {
  id: string;
  org: string;
  channel: Channel;
  language: Language;
  /** sha256 (hex) of the status token; the token itself is never stored. */
  statusTokenHash: string;
  receivedAt: Date;
  /** Null when the organisation promises no receipt deadline (`sla.promises`). */
  receiptDue: Date | null;
  /** Null when the organisation promises no assessment deadline. */
  assessmentDue: Date | null;
  /** The deadlines promised at receipt (`sla.promises`), kept in the `received` event for the SLA metrics. Unset: all three. */
  promises?: ReadonlyArray<'receipt' | 'assessment' | 'resolution'>;
  /** The parsed ReportInput as JSON. Deleted once the issue is filed. */
  payload: string;
  /**
   * The advisory a report came from (GitHub private vulnerability reporting). Unique: a
   * second report for the same GHSA id is refused by the store.
   */
  advisory?: { ghsaId: string; url: string; repo: string };
  /** More outbox jobs to commit with the report (the acknowledgement e-mail). */
  jobs?: NewJob[];
  /** The e-mail the report came from; unique, so the same message is never filed twice. */
  emailMessageKey?: string;
  /** The receipt's text (src/report/receipt.ts): kept, encrypted, until erasure or retention. */
  receipt?: string;
}

export interface ReportRecord {
  id: string;
  org: string;
  channel: Channel;
  language: Language;
  status: ReportStatus;
  /** sha256 (hex) of the status token. */
  statusTokenHash: string;
  /** Why a held report is held. A fixed, non-secret sentence; never report text. */
  holdReason: string | null;
  receivedAt: Date;
  /** Null when no receipt deadline was promised. */
  receiptDue: Date | null;
  /** Null when no assessment deadline was promised. */
  assessmentDue: Date | null;
  filedAt: Date | null;
  issueNumber: number | null;
  issueUrl: string | null;
  /** When the worker first tried to create the issue; after a crash it looks for the marker first. */
  createStartedAt: Date | null;
  /** null once filed: GitHub is the system of record. */
  payload: string | null;
}

export type { DeadJob, Job, JobKind, JobPriority, JobState, NewJob, ReportEvent } from './job-records.js';
export type { LaneState } from './lane-records.js';
export type { InstallationRecord, InstallationStore, RequestCounts, RequestCounterStore } from './front-door-records.js';
export type { AttachmentInfo, AttachmentStore, ContactReveal, NewAttachment, StaffStore, StoredAttachment } from './staff-records.js';

/** What needs a person in an organisation: its held reports by reason, and its dead jobs. */
export interface OrgAttention {
  held: Array<{ reason: string; count: number }>;
  deadJobs: number;
}

/** The outbox at a moment, for metrics. */
export interface OutboxStats {
  /** Jobs not yet done (due now or scheduled later). */
  pendingJobs: number;
  /** When the oldest of them was enqueued; null when there is none. */
  oldestPendingAt: Date | null;
  /** Jobs that will never run without an operator. */
  deadJobs: number;
  /** Installation lanes paused by a GitHub rate limit at that moment. */
  pausedLanes: number;
  /** Held reports, grouped by their stored reason (app text, which the metrics map to a category). */
  held: Array<{ reason: string | null; count: number }>;
}

/**
 * The durable store. One interface over SQLite (default) and PostgreSQL. Every method
 * resolves only after its write is committed (rule "a 2xx means durable").
 */
export interface Store extends TriageStore, LaneStore, InstallationStore, RequestCounterStore, StaffStore, AttachmentStore, OrgSettingsStore, ReminderStore {
  readonly backend: 'sqlite' | 'postgres';
  /**
   * What readiness needs: a write the store committed (it throws when it cannot write), the
   * dead jobs, and the lanes GitHub has paused.
   */
  checkHealth(now: Date): Promise<{ deadJobs: number; pausedLanes: number }>;
  /** Keeps the organisation's config (JSON) as its last valid one, when it differs from the kept one. */
  rememberValidConfig(org: string, config: string, now: Date): Promise<void>;
  /** The organisation's last valid config (JSON), or null when it never had one. */
  lastValidConfig(org: string): Promise<string | null>;
  /** Organisations with at least one filed report, by login as stored, sorted: the SLA dashboards to keep. */
  listReportOrgs(): Promise<string[]>;
  /** The organisation's held reports by reason and its dead jobs: what its alert issue says. */
  orgAttention(org: string): Promise<OrgAttention>;
  /** What the metrics show of the outbox at `now` (read only). */
  outboxStats(now: Date): Promise<OutboxStats>;
  /** Runs pending migrations. Called at start. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** Commits the report, its 'received' event and its filing job in one transaction. */
  acceptReport(report: NewReport): Promise<void>;
  getReport(id: string): Promise<ReportRecord | null>;
  findReportByTokenHash(tokenHash: string): Promise<ReportRecord | null>;
  /** The report's receipt text, or null: erased, past retention, or accepted before receipts. */
  getReceipt(reportId: string): Promise<string | null>;
  /** The report that came from this advisory (GitHub private vulnerability reporting), filed or not. */
  findReportByGhsa(ghsaId: string): Promise<ReportRecord | null>;
  markHeld(id: string, reason: string, now: Date): Promise<void>;
  /** A held report goes back to queued (its cause was fixed). */
  markQueued(id: string, now: Date): Promise<void>;
  markCreateStarted(id: string, now: Date): Promise<void>;
  /**
   * Sets issue number/url, status filed, deletes the payload, records a 'filed' event, and
   * keeps what triage needs later (`facts`: asset keys, word hashes, reminder settings).
   * For a report whose contact details were erased (eraseContact, even after the caller
   * read the report), `facts.researcher` is not stored: the researcher is kept as
   * anonymous, with no contact details.
   */
  markFiled(id: string, issue: { number: number; url: string }, now: Date, facts?: FilingFacts): Promise<void>;
  countReports(org?: string): Promise<number>;

  /**
   * Idempotent by key. Resolves true when the job was new, false when its key existed.
   * The payload is stored encrypted (every job kind) and read back as given.
   */
  enqueue(job: NewJob): Promise<boolean>;
  /**
   * Claims the next due job (pending, runAfter <= now, unlocked or lease expired) of a lane
   * that is free and not paused, staff work first, and leases job and lane until
   * now + leaseMs. Safe across instances (SKIP LOCKED on PostgreSQL).
   */
  claimJob(now: Date, leaseMs: number): Promise<Job | null>;
  /** Marks the job done and empties its payload (`{}`): only the key is kept, so it never runs twice. */
  completeJob(id: number, now: Date): Promise<void>;
  /** Unlocks the job (and its lane), counts the attempt and schedules the next one. */
  retryJob(id: number, runAfter: Date, error: string): Promise<void>;
  /**
   * Dead-letters a job: state `dead`, `reason` kept as its last error, the lane released. It
   * is never claimed again until requeued; its key stays taken. A job whose payload does not
   * parse has it emptied (`{}`) like a done job's; one that kept failing keeps it (encrypted),
   * so it can be requeued once the cause is fixed.
   */
  deadJob(id: number, now: Date, reason: string, options?: { keepPayload?: boolean }): Promise<void>;
  /** Dead jobs, oldest first, for the operator: never their payloads. */
  listDeadJobs(): Promise<DeadJob[]>;
  /**
   * Puts dead jobs back in the queue (pending, due now, attempts from 0): the one with `key`,
   * or all; resolves with their keys. A job whose payload did not parse dies again at once,
   * with the same reason, unless a new version of the app reads it.
   */
  requeueDeadJobs(now: Date, key?: string): Promise<string[]>;
  getJob(key: string): Promise<Job | null>;
  /** A pending job that waits for something that just happened runs now (no-op for a done or unknown job). */
  runJobNow(key: string, now: Date): Promise<void>;

  /** Labels known to exist in a repository (so setup is paid once). */
  knownLabels(org: string, repo: string): Promise<Set<string>>;
  rememberLabels(org: string, repo: string, names: readonly string[]): Promise<void>;

  recordEvent(event: ReportEvent): Promise<void>;

  /** Whether an e-mail (Message-ID, or hash of a message without one) was handled before. */
  isKnownEmail(key: string): Promise<boolean>;
  /** Records a handled e-mail (a reply); idempotent. */
  rememberEmail(key: string, reportId: string, at: Date): Promise<void>;
  listEvents(reportId: string): Promise<ReportEvent[]>;
}
