import { ConflictError, NotFoundError, RateLimitedError, RefusedError, TransientError } from '../errors.js';
import type { WriteOutcome } from './metrics.js';

/** Classifies a write from what the GitHub gateway threw (null: it succeeded). */
export function writeOutcome(failure: unknown): WriteOutcome {
  if (failure === null || failure === undefined) return 'ok';
  if (failure instanceof RateLimitedError) return 'rate-limited';
  if (failure instanceof TransientError) return failure.status === null ? 'lost' : 'server-error';
  if (failure instanceof RefusedError || failure instanceof NotFoundError || failure instanceof ConflictError) return 'refused';
  // Anything else (a driver or programming error) gives no answer from GitHub to go by.
  return 'lost';
}
