import { describe, expect, it } from 'vitest';
import { toDomainError } from '../../src/github/errors.js';
import { NotFoundError, RateLimitedError, RefusedError, TransientError } from '../../src/errors.js';

const now = new Date('2026-03-02T10:00:00Z');

function httpError(status: number, headers: Record<string, string> = {}, message = 'HttpError') {
  return Object.assign(new Error(message), { status, response: { headers } });
}

describe('toDomainError', () => {
  it('treats a 403 with retry-after as a secondary rate limit and keeps the wait', () => {
    const error = toDomainError(httpError(403, { 'retry-after': '30' }), now, 'create issue');

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(30_000);
  });

  it('reads a secondary rate limit from the message when GitHub sends no retry-after', () => {
    const error = toDomainError(httpError(403, {}, 'You have exceeded a secondary rate limit'), now, 'x');

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBeNull();
  });

  it('waits until x-ratelimit-reset when the primary limit is spent', () => {
    const reset = String(now.getTime() / 1000 + 120);

    const error = toDomainError(httpError(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), now, 'x');

    expect((error as RateLimitedError).retryAfterMs).toBe(120_000);
  });

  it('treats 429 as a rate limit', () => {
    expect(toDomainError(httpError(429), now, 'x')).toBeInstanceOf(RateLimitedError);
  });

  it.each([500, 502, 503, 504])('treats %i as transient', (status) => {
    expect(toDomainError(httpError(status), now, 'x')).toBeInstanceOf(TransientError);
  });

  it('treats an error without a status (dropped connection, timeout) as transient', () => {
    expect(toDomainError(new TypeError('fetch failed'), now, 'x')).toBeInstanceOf(TransientError);
  });

  it('names a dropped connection, which Octokit reports as a 500 without a response, a network error', () => {
    const error = toDomainError(Object.assign(new Error('fetch failed'), { status: 500 }), now, 'create issue');

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).status).toBeNull();
    expect(error.message).toBe('create issue: network error');
  });

  it('treats a plain 403 as a refusal a human must fix', () => {
    const error = toDomainError(httpError(403, {}, 'Resource not accessible by integration'), now, 'x');

    expect(error).toBeInstanceOf(RefusedError);
  });

  it.each([404, 410])('treats %i as not found', (status) => {
    expect(toDomainError(httpError(status), now, 'x')).toBeInstanceOf(NotFoundError);
  });

  it('treats 422 as a refusal', () => {
    expect(toDomainError(httpError(422), now, 'x')).toBeInstanceOf(RefusedError);
  });
});
