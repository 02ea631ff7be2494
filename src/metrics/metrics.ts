/**
 * The metrics port: what the rest of the app reports. Only `src/metrics/` knows it becomes
 * Prometheus (prom-client); domain code calls this interface, and tests can pass `noMetrics`.
 */

/** Where a report came in. */
export type ReportChannel = 'form' | 'api' | 'github' | 'email';

/**
 * How one GitHub write ended. `lost`: the connection failed or timed out, so it may or may
 * not have reached GitHub; `refused`: GitHub said no for a reason a human must fix (or the
 * resource is gone, or changed under us).
 */
export type WriteOutcome = 'ok' | 'server-error' | 'lost' | 'rate-limited' | 'refused';

export const WRITE_OUTCOMES: readonly WriteOutcome[] = ['ok', 'server-error', 'lost', 'rate-limited', 'refused'];
export const REPORT_CHANNELS: readonly ReportChannel[] = ['form', 'api', 'github', 'email'];

export interface Metrics {
  /** A report was committed to the store (after the commit, never before). */
  reportAccepted(channel: ReportChannel): void;
  /** A report was filed as a tracking issue, this many seconds after it was accepted. */
  reportFiled(secondsSinceAccepted: number): void;
  /** One paced GitHub write was answered or failed. */
  githubWrite(outcome: WriteOutcome): void;
}

/** Metrics switched off (neither METRICS_TOKEN nor METRICS_PORT), and the default in tests. */
export const noMetrics: Metrics = {
  reportAccepted: () => undefined,
  reportFiled: () => undefined,
  githubWrite: () => undefined,
};
