/** Outbox jobs and report events: the records the store and triage both speak. */

/**
 * What an outbox job does. `file-report` files a report; `triage-comment` runs the
 * commands of a staff comment (permission check, then the triage change); `issue-update`
 * applies a triage change to its tracking issue (labels, state, deadlines section, a comment).
 */
export type JobKind =
  | 'file-report'
  | 'triage-comment'
  | 'issue-update'
  /** Opens the draft advisory of an accepted report, or explains why GitHub refused. */
  | 'create-advisory'
  /** Brings a draft advisory's CWE ids and packages up to date. */
  | 'update-advisory'
  /** Records the credit of a published advisory and closes its tracking issue. */
  | 'publish-credit'
  /** Rewrites an organisation's public hall of fame from its credit records. */
  | 'hall-of-fame'
  /** E-mails one message to the researcher (encrypted to their key when they gave one). */
  | 'send-mail';

export interface NewJob {
  /** Idempotency key: enqueueing the same key twice yields one job. */
  key: string;
  kind: JobKind;
  org: string;
  /** Job-specific JSON. For file-report: `{ "reportId": "..." }`. */
  payload: string;
  runAfter: Date;
}

export interface Job extends NewJob {
  id: number;
  state: 'pending' | 'done';
  attempts: number;
  lastError: string | null;
  /** Until when the claiming worker owns the job. */
  lockedUntil: Date | null;
}

export interface ReportEvent {
  reportId: string;
  type: string;
  at: Date;
  data?: Record<string, string | number | boolean | null>;
}
