import type { ColumnType, Generated } from 'kysely';
import type { Channel, Language } from '../report/report.js';
import type { JobKind, JobState, ReportStatus } from './store.js';
import type { DeadlineKind, NoticeStage } from '../clock/sla-state.js';
import type { Severity } from '../report/severity.js';
import type { TriageStatus } from '../triage/triage-status.js';

/**
 * Timestamps are epoch milliseconds in a 64-bit integer column: they sort correctly and
 * behave the same on SQLite (INTEGER) and PostgreSQL (bigint, parsed to number by the pool).
 */
export type EpochMs = number;

/** Kysely table types. Column names are snake_case as in SQL; the store maps them to records. */
export interface Database {
  reports: ReportsTable;
  outbox: OutboxTable;
  repo_labels: RepoLabelsTable;
  events: EventsTable;
  sla_notices: SlaNoticesTable;
  sweep_notices: SweepNoticesTable;
  researcher_messages: ResearcherMessagesTable;
  credit_records: CreditRecordsTable;
  email_messages: EmailMessagesTable;
  lanes: LanesTable;
  /** One row, written by the readiness probe. */
  health_probe: { id: number; checked_at: EpochMs };
  lane_creates: LaneCreatesTable;
  installations: InstallationsTable;
  rate_limits: RateLimitsTable;
  store_secrets: StoreSecretsTable;
  /** By lower-case login: the organisation's last valid config, as JSON. */
  org_configs: { org: string; config: string; saved_at: EpochMs };
  // The staff pages and attachments in the store (migration 0012).
  report_attachments: ReportAttachmentsTable;
  staff_sign_in_states: StaffSignInStatesTable;
  /** Per-organisation secrets (migration 0015, org-settings-queries.ts); `value` is encrypted. */
  org_settings: { org: string; name: string; value: string; summary: string; revision: string; updated_at: EpochMs };
  /** Migration 0016: the sweep's checks, one narrow row per filed report (sla-checks.ts). */
  sla_checks: SlaChecksTable;
}

/** What the sweep looks up by time, per filed report; see sla-checks.ts for each column's rule. */
export interface SlaChecksTable {
  report_id: string;
  /** Lower-case, as org_configs names it. */
  org: string;
  /** Indexed: the SLA sweep's next look (null: none). */
  next_check_at: EpochMs | null;
  /** Indexed with org: the silence a keep-informed reminder may still be due for (null: none). */
  silent_since: EpochMs | null;
}

/**
 * One row per lane (an installation's GitHub work, or its mail): who works it, when it may
 * write next, and whether GitHub asked it to pause. Shared by every instance.
 */
export interface LanesTable {
  lane: string;
  /** Until when an instance works a job of this lane; the lane is free when null or past. */
  busy_until: EpochMs | null;
  /** When a job of this lane was last claimed: the least recently served lane goes first. */
  last_claimed_at: ColumnType<EpochMs, EpochMs | undefined, EpochMs>;
  /** The earliest instant the next GitHub write may leave (≥ 1 s after the last answer). */
  next_write_at: ColumnType<EpochMs, EpochMs | undefined, EpochMs>;
  /** A secondary rate limit (or a spent budget): no job of the lane is claimed before this. */
  paused_until: EpochMs | null;
  /** Limits in a row: each doubles the next pause; a successful write resets it. */
  pause_level: ColumnType<number, number | undefined, number>;
  pause_reason: string | null;
}

/** Content-creating requests of a lane in the last hour (GitHub allows 500 an hour). */
export interface LaneCreatesTable {
  id: Generated<number>;
  lane: string;
  at: EpochMs;
}

/** E-mails handled by the IMAP intake, so none is filed or replied twice. */
export interface EmailMessagesTable {
  key: string;
  report_id: string;
  at: EpochMs;
}

export interface ReportsTable {
  id: string;
  org: string;
  channel: Channel;
  language: Language;
  status: ReportStatus;
  hold_reason: string | null;
  status_token_hash: string;
  received_at: EpochMs;
  /** NULL when no receipt deadline was promised (migration 0013). */
  receipt_due: EpochMs | null;
  /** NULL when no assessment deadline was promised (migration 0013). */
  assessment_due: EpochMs | null;
  filed_at: EpochMs | null;
  issue_number: number | null;
  issue_url: string | null;
  create_started_at: EpochMs | null;
  /** The parsed report as JSON; NULL once filed. */
  payload: string | null;
  updated_at: EpochMs;
  // Triage (migration 0002). Meaningful once the report is filed.
  issue_repo: string | null;
  triage_status: ColumnType<TriageStatus, TriageStatus | undefined, TriageStatus>;
  severity: Severity | null;
  cvss_vector: string | null;
  resolution_due: EpochMs | null;
  receipt_met_at: EpochMs | null;
  assessment_met_at: EpochMs | null;
  resolution_met_at: EpochMs | null;
  paused_at: EpochMs | null;
  paused_calendar_days: ColumnType<number, number | undefined, number>;
  fix_by: string | null;
  /** Migration 0014: the publication date agreed with `/disclose-on` (`YYYY-MM-DD`), its reminder lead and the sweep's next look. */
  disclose_on: ColumnType<string | null, string | null | undefined, string | null>;
  disclosure_reminder_days: ColumnType<number | null, number | null | undefined, number | null>;
  disclosure_check_at: ColumnType<EpochMs | null, EpochMs | null | undefined, EpochMs | null>;
  accepted_repository: string | null;
  closed_at: EpochMs | null;
  /** Space-separated normalised asset keys. */
  asset_keys: string | null;
  /** Space-separated word hashes. */
  fingerprint: string | null;
  remind_lead_ms: EpochMs | null;
  overdue_team: string | null;
  sla_time_zone: string | null;
  tracking_language: Language | null;
  /** Indexed: the sweep reads only rows whose check is due. */
  next_check_at: EpochMs | null;
  triage_version: ColumnType<number, number | undefined, number>;
  // Advisories and credit (migration 0003).
  /** JSON: who the researcher is and how they want credit (kept after filing; see ResearcherFacts). */
  researcher: string | null;
  ghsa_id: string | null;
  advisory_repo: string | null;
  advisory_url: string | null;
  /** Space-separated `CWE-79` ids. */
  cwe_ids: string | null;
  /** JSON array of AdvisoryVulnerability. */
  packages: string | null;
  /** JSON RewardDecision. */
  reward: string | null;
  retention_days: number | null;
  // Privacy (migration 0006).
  /**
   * When the researcher erased their contact details (first time). Once set, no researcher
   * facts are ever written to the row again: a filing job that read the report before the
   * erase cannot bring them back.
   */
  contact_erased_at: EpochMs | null;
  /** The receipt's text (src/report/receipt.ts), encrypted; NULL once erased or past retention, and for reports older than receipts. */
  receipt: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CreditRecordsTable {
  ghsa_id: string;
  org: string;
  report_id: string | null;
  advisory_url: string;
  cve_id: string | null;
  summary: string;
  published_at: EpochMs;
  /** JSON array of credited researchers ({display, kind}); the anonymous are not in it. */
  researchers: string;
  /** JSON {amount, currency} or NULL. */
  reward: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  key: string;
  kind: JobKind;
  org: string;
  /** The job's JSON, encrypted with the store's FieldCipher; `{}` once the job is done. */
  payload: string;
  state: JobState;
  /** 0: staff, somebody waits for it; 1: bulk. Lower runs first. */
  priority: ColumnType<number, number | undefined, number>;
  lane: string;
  attempts: ColumnType<number, number | undefined, number>;
  run_after: EpochMs;
  locked_until: EpochMs | null;
  last_error: string | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

/** Migration 0014: the sweep's other reminders (agreed date, "we keep you informed"), each key once per report. */
export interface SweepNoticesTable {
  report_id: string;
  /** e.g. `disclosure:2026-04-01:reminder`, `keep-informed:<last contact ms>`. */
  key: string;
  at: EpochMs;
}

export interface SlaNoticesTable {
  report_id: string;
  deadline: DeadlineKind;
  stage: NoticeStage;
  at: EpochMs;
}

export interface ResearcherMessagesTable {
  id: Generated<number>;
  report_id: string;
  kind: string;
  /** Encrypted with the store's FieldCipher (rows written before 0006 may be in clear). Deleted when retention ends. */
  body: string;
  at: EpochMs;
}

export interface RepoLabelsTable {
  org: string;
  repo: string;
  name: string;
}

export interface EventsTable {
  id: Generated<number>;
  report_id: string;
  type: string;
  at: EpochMs;
  /** JSON object text, or NULL when the event has no data. */
  data: string | null;
}

/**
 * Where the app is installed, as `installation` webhooks (or one bounded lookup) told it, so
 * an anonymous request never costs a GitHub request. `installation_id` null: an event said
 * the app was removed or suspended there.
 */
export interface InstallationsTable {
  org_lower: string;
  installation_id: number | null;
  updated_at: EpochMs;
}

/**
 * Request counters shared by every instance: one row per (client, window). `key_hash` is an
 * HMAC of the limit's name and the client key under the database's own salt: never an address.
 */
export interface RateLimitsTable {
  key_hash: string;
  window_start: EpochMs;
  count: number;
  /** When the row no longer matters (two windows on); pruned after. */
  expires_at: EpochMs;
}

/** Random values made once per database (the rate-limit salt). Never logged or exported. */
export interface StoreSecretsTable {
  name: string;
  value: string;
}

/**
 * A report's attachments, kept by the app instead of the tracking repository (migration
 * 0012): staff download them from the staff page. Deleted with the contact details at the
 * end of the retention period, and at the researcher's request.
 */
export interface ReportAttachmentsTable {
  report_id: string;
  /** From 1, in the order the researcher sent them; the n of `/staff/orgs/{org}/reports/{id}/attachments/{n}`. */
  position: number;
  /** The safe name (src/report/safe-file-name.ts), as the issue lists it. */
  file_name: string;
  /** The verified type. */
  content_type: string;
  /** Bytes, decoded. */
  size: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  /** The bytes as base64, encrypted with the store's FieldCipher. */
  data: string;
  created_at: EpochMs;
}

/**
 * Sign-in states already used at the OAuth callback, by their SHA-256: a state is good once,
 * on every instance. Rows are pruned once the state could no longer be used anyway.
 */
export interface StaffSignInStatesTable {
  state_hash: string;
  expires_at: EpochMs;
}
