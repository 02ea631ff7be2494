import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, RateLimitedError, RefusedError, TransientError } from '../../src/errors.js';
import { writeOutcome } from '../../src/metrics/write-outcome.js';

describe('writeOutcome', () => {
  it.each([
    ['nothing thrown', null, 'ok'],
    ['a secondary rate limit', new RateLimitedError('create issue: rate limited', 60_000), 'rate-limited'],
    ['a 502', new TransientError('create issue: server error (502)', 502), 'server-error'],
    ['a dropped connection', new TransientError('create issue: network error', null), 'lost'],
    ['a missing permission', new RefusedError('create issue: forbidden', 403), 'refused'],
    ['a repository that is gone', new NotFoundError('create issue: not found'), 'refused'],
    ['a stale write', new ConflictError('put file: conflict'), 'refused'],
    ['an unexpected error', new Error('boom'), 'lost'],
  ])('names %s as its outcome', (_, failure, outcome) => {
    expect(writeOutcome(failure)).toBe(outcome);
  });
});
