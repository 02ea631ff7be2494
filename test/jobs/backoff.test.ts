import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/jobs/backoff.js';
import { NotFoundError, RateLimitedError, RefusedError, TransientError } from '../../src/errors.js';

describe('retryDelayMs', () => {
  it('honours the wait GitHub asked for', () => {
    expect(retryDelayMs(new RateLimitedError('x', 42_000), 0)).toBe(42_000);
  });

  it.each([
    [0, 60_000],
    [1, 120_000],
    [2, 240_000],
    [10, 3_600_000],
  ])('waits at least 60 s and doubles for an unspecified rate limit (attempt %i → %i ms)', (attempts, expected) => {
    expect(retryDelayMs(new RateLimitedError('x', null), attempts)).toBe(expected);
  });

  it.each([
    [0, 10_000],
    [3, 80_000],
    [20, 900_000],
  ])('backs off exponentially from 10 s for server errors (attempt %i → %i ms)', (attempts, expected) => {
    expect(retryDelayMs(new TransientError('x', 502), attempts)).toBe(expected);
  });

  it('rechecks refusals and missing resources every 5 minutes', () => {
    expect(retryDelayMs(new RefusedError('x', 403), 7)).toBe(300_000);
    expect(retryDelayMs(new NotFoundError('x'), 7)).toBe(300_000);
  });

  it('never drops a job that failed for an unknown reason', () => {
    expect(retryDelayMs(new Error('bug'), 100)).toBe(3_600_000);
  });
});
