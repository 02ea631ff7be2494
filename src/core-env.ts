import { DEFAULT_CONCURRENCY } from './jobs/worker.js';

/* The environment variables createCore (app.ts) reads for the worker and the sweep. */

/** OUTBOX_CONCURRENCY: lanes (installations) worked at once by this process; default 4. */
export function outboxConcurrency(env: NodeJS.ProcessEnv): number {
  const value = Number(env.OUTBOX_CONCURRENCY ?? '');
  return Number.isInteger(value) && value >= 1 && value <= 64 ? value : DEFAULT_CONCURRENCY;
}

/** SLA_SWEEP_INTERVAL_MS, default 5 minutes; at least 10 seconds. */
export function sweepIntervalMs(env: NodeJS.ProcessEnv): number {
  const value = Number(env.SLA_SWEEP_INTERVAL_MS ?? '');
  return Number.isFinite(value) && value >= 10_000 ? value : 5 * 60_000;
}
