/**
 * The metrics port: what the rest of the app reports. Only `src/metrics/` knows it becomes
 * Prometheus (prom-client); domain code calls this interface, and tests can pass `noMetrics`.
 */
import type { DeadlineKind } from '../clock/sla-state.js';

/** Where a report came in. */
export type ReportChannel = 'form' | 'api' | 'github' | 'email';

/**
 * How one GitHub write ended. `lost`: the connection failed or timed out, so it may or may
 * not have reached GitHub; `refused`: GitHub said no for a reason a human must fix (or the
 * resource is gone, or changed under us).
 */
export type WriteOutcome = 'ok' | 'server-error' | 'lost' | 'rate-limited' | 'refused';

/**
 * How one researcher mail ended. `failed`: it will be tried again (a 4xx, a dropped
 * connection); `refused`: it never will (a 5xx, or no way to encrypt it to their key).
 */
export type MailOutcome = 'sent' | 'failed' | 'refused';

/**
 * Why a report is held, as a label: the stored reason is a sentence naming the repository
 * or quoting the config, so it is never a label itself. `other`: a reason this version
 * does not write (an older one did), or none recorded.
 */
export type HoldCategory = 'config-invalid' | 'not-installed' | 'tracking-repo-missing' | 'tracking-repo-public' | 'tracking-repo-archived' | 'other';

/** How a deadline ended: met at or before its due instant, or missed (its overdue notice). */
export type SlaOutcome = 'met' | 'missed';

/** Why a lane was paused: GitHub's rate limit, or our own hourly budget of content creation. */
export type PauseReason = 'rate-limited' | 'budget-spent';

export const WRITE_OUTCOMES: readonly WriteOutcome[] = ['ok', 'server-error', 'lost', 'rate-limited', 'refused'];
export const REPORT_CHANNELS: readonly ReportChannel[] = ['form', 'api', 'github', 'email'];
export const MAIL_OUTCOMES: readonly MailOutcome[] = ['sent', 'failed', 'refused'];
export const HOLD_CATEGORIES: readonly HoldCategory[] = ['config-invalid', 'not-installed', 'tracking-repo-missing', 'tracking-repo-public', 'tracking-repo-archived', 'other'];
export const SLA_OUTCOMES: readonly SlaOutcome[] = ['met', 'missed'];
export const PAUSE_REASONS: readonly PauseReason[] = ['rate-limited', 'budget-spent'];

export interface Metrics {
  /** A report was committed to the store (after the commit, never before). */
  reportAccepted(channel: ReportChannel): void;
  /** A report was filed as a tracking issue, this many seconds after it was accepted. */
  reportFiled(secondsSinceAccepted: number): void;
  /** One paced GitHub write was answered or failed. */
  githubWrite(outcome: WriteOutcome): void;
  /** One attempt to mail a researcher ended. */
  mail(outcome: MailOutcome): void;
  /** A report's deadline was met, or first became missed: once per deadline of a report. */
  slaDeadline(deadline: DeadlineKind, outcome: SlaOutcome): void;
  /** An installation's lane was paused. */
  lanePaused(reason: PauseReason): void;
}

/** Metrics switched off (neither METRICS_TOKEN nor METRICS_PORT), and the default in tests. */
export const noMetrics: Metrics = {
  reportAccepted: () => undefined,
  reportFiled: () => undefined,
  githubWrite: () => undefined,
  mail: () => undefined,
  slaDeadline: () => undefined,
  lanePaused: () => undefined,
};
