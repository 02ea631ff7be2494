import { NotFoundError, RateLimitedError, RefusedError, TransientError } from '../errors.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * How long to wait before the next attempt of a failed job.
 *
 * - Rate limits: what GitHub said (`retry-after` / `x-ratelimit-reset`); without it at
 *   least 60 s, doubling per attempt, as GitHub asks:
 *   https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
 * - 5xx, timeouts and network errors: 10 s doubling, at most 15 minutes.
 * - Refusals and missing resources need a human; recheck every 5 minutes.
 * - Anything else (a bug): 1 minute doubling, at most an hour. Never dropped.
 */
export function retryDelayMs(error: unknown, attempts: number): number {
  const exponent = Math.min(Math.max(attempts, 0), 16);
  if (error instanceof RateLimitedError) {
    if (error.retryAfterMs !== null) return Math.max(error.retryAfterMs, SECOND);
    return Math.min(MINUTE * 2 ** exponent, HOUR);
  }
  if (error instanceof TransientError) return Math.min(10 * SECOND * 2 ** exponent, 15 * MINUTE);
  if (error instanceof RefusedError || error instanceof NotFoundError) return 5 * MINUTE;
  return Math.min(MINUTE * 2 ** exponent, HOUR);
}

/** A job dies only after this many failed attempts… */
export const GIVE_UP_AFTER_ATTEMPTS = 25;
/** …and a day of failing: long enough to ride out a GitHub or mail outage unattended. */
export const GIVE_UP_AFTER_MS = 24 * HOUR;

/**
 * Whether a job that failed again has failed long enough to need a person: it then goes
 * to the dead jobs (kept, with its payload, until requeued) instead of retrying forever
 * where nobody looks. Rate limits never count: they pause the lane and pass.
 */
export function keptFailing(error: unknown, attempts: number, failingForMs: number): boolean {
  if (error instanceof RateLimitedError) return false;
  return attempts + 1 >= GIVE_UP_AFTER_ATTEMPTS && failingForMs >= GIVE_UP_AFTER_MS;
}

/** An organisation without the app installed: look again later, someone may reinstall it. */
export const UNINSTALLED_RECHECK_MS = 10 * 60_000;
