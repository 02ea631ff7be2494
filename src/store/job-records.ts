/** Outbox jobs and report events: the records the store and triage both speak. */
export type { ReportEvent } from '../report/report-event.js';

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
  /** Brings the organisation's one alert issue up to date: held reports, dead jobs, an invalid config. */
  | 'org-alert'
  /** Checks `.github/disclosure.yml` at a pushed commit and reports it as a check run. */
  | 'config-check'
  /** Rewrites the organisation's pinned "SLA at a glance" issue in its tracking repository (daily). */
  | 'sla-dashboard'
  /** Opens one issue in the tracking repository listing an overdue backlog found at once (after an outage). */
  | 'overdue-digest'
  /** E-mails one message to the researcher (encrypted to their key when they gave one). */
  | 'send-mail';

/**
 * `staff`: somebody is waiting for it (a staff command and its reply, an acknowledgement, a
 * researcher's reply reaching the issue); runs before `bulk` work (filing, SLA notices, the
 * hall of fame) in its lane and across lanes.
 */
export type JobPriority = 'staff' | 'bulk';

/** Work people wait for, by kind; anything else is bulk. A job may say otherwise (SLA notices are bulk issue updates). */
const STAFF_KINDS: ReadonlySet<JobKind> = new Set(['triage-comment', 'issue-update', 'create-advisory', 'update-advisory', 'send-mail']);

export function defaultPriority(kind: JobKind): JobPriority {
  return STAFF_KINDS.has(kind) ? 'staff' : 'bulk';
}

/**
 * The lane a job runs in. One job of a lane runs at a time across all instances, and the
 * lane carries the installation's write pacing and rate-limit pause: every organisation
 * (one installation each) has its own, so one organisation's backlog never stalls another.
 * Mail writes nothing to GitHub: it has a lane of its own, never behind GitHub's pace.
 */
export function laneOf(kind: JobKind, org: string): string {
  const installation = org.toLowerCase();
  return kind === 'send-mail' ? `mail:${installation}` : installation;
}

/** `pending` until it ran; `done` once it did; `dead` when it cannot run (a payload that does not parse) or kept failing, until requeued. */
export type JobState = 'pending' | 'done' | 'dead';

export interface NewJob {
  /** Idempotency key: enqueueing the same key twice yields one job. */
  key: string;
  kind: JobKind;
  org: string;
  /** The kind's payload as JSON, as `newJob` writes it and `parseJob` reads it (one schema per kind in src/jobs). */
  payload: string;
  runAfter: Date;
  /** Default: by kind ({@link defaultPriority}). */
  priority?: JobPriority;
}

/** A dead job as the operator sees it: what, where, why, since when; never its payload. */
export interface DeadJob {
  key: string;
  kind: JobKind;
  org: string;
  attempts: number;
  lastError: string | null;
  diedAt: Date;
}

export interface Job extends NewJob {
  id: number;
  priority: JobPriority;
  /** See {@link laneOf}. */
  lane: string;
  /** `dead`: its payload did not parse, or it kept failing; never claimed again until requeued (see Store.deadJob). */
  state: JobState;
  attempts: number;
  lastError: string | null;
  /** When it was enqueued: how long a failing job has been failing. */
  createdAt: Date;
  /** Until when the claiming worker owns the job. */
  lockedUntil: Date | null;
}

