import { BudgetSpentError, type RateLimitedError } from '../errors.js';

const MINUTE_MS = 60_000;
/** The longest a repeated limit makes a lane wait (unless GitHub asks for longer). */
const MAX_PAUSE_MS = 60 * MINUTE_MS;

/** How long a lane pauses, the streak it reaches, and why. */
export interface LanePause {
  ms: number;
  level: number;
  reason: string;
}

/**
 * The pause after a rate limit: what GitHub asked for (`retry-after` or the primary limit's
 * reset), at least a minute when it did not say, doubled for every limit hit in a row
 * (`level`, reset by a successful write). A spent content-creation budget waits for the
 * hour's window to free a place and does not count as a hit.
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
 */
export function pauseFor(error: RateLimitedError | BudgetSpentError, level: number): LanePause {
  if (error instanceof BudgetSpentError) return { ms: error.retryAfterMs, level, reason: 'content-creation budget for the hour spent' };
  const asked = error.retryAfterMs;
  const base = asked ?? MINUTE_MS;
  const grown = Math.min(base * 2 ** Math.min(level, 16), Math.max(MAX_PAUSE_MS, asked ?? 0));
  return { ms: Math.max(grown, asked ?? 0, 1000), level: level + 1, reason: asked === null ? 'rate limited, no retry-after' : 'rate limited' };
}
