import { ConflictError, NotFoundError, RateLimitedError, RefusedError, TransientError } from '../errors.js';

interface HttpErrorLike {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown } | undefined;
}

/**
 * Turns an Octokit RequestError (or a network/timeout error) into a domain error, so the
 * outbox decides what to do from the type alone.
 *
 * Secondary rate limits come as 403 or 429 with `retry-after`, or with a message that
 * says so; a spent primary limit comes as 403/429 with `x-ratelimit-remaining: 0`.
 * https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#rate-limit-errors
 */
export function toDomainError(error: unknown, now: Date, what: string): Error {
  const e = (typeof error === 'object' && error !== null ? error : {}) as HttpErrorLike;
  // Octokit reports a failed fetch (reset, timeout, DNS) as a 500 with no response: no
  // server answered, so the write may or may not have reached GitHub.
  const answered = !(e.status === 500 && e.response === undefined);
  const status = typeof e.status === 'number' && answered ? e.status : null;
  const headers = e.response?.headers ?? {};
  const message = typeof e.message === 'string' ? e.message : String(error);

  if (status === 403 || status === 429) {
    const retryAfterMs = waitFromHeaders(headers, now);
    const spent = String(headers['x-ratelimit-remaining'] ?? '') === '0';
    if (status === 429 || retryAfterMs !== null || spent || /rate limit/i.test(message)) {
      return new RateLimitedError(`${what}: rate limited (${status})`, retryAfterMs, { cause: error });
    }
    return new RefusedError(`${what}: forbidden (${status})`, status, { cause: error, ...detailOf(e) });
  }
  if (status === 404 || status === 410) return new NotFoundError(`${what}: not found (${status})`, { cause: error });
  if (status === 409) return new ConflictError(`${what}: conflict (409)`, { cause: error });
  if (status !== null && status >= 400 && status < 500) {
    return new RefusedError(`${what}: refused (${status})`, status, { cause: error, ...detailOf(e) });
  }
  // 5xx, and Octokit's status-500 wrapper around fetch failures, timeouts and resets.
  return new TransientError(`${what}: ${status === null ? 'network error' : `server error (${status})`}`, status, {
    cause: error,
  });
}

/**
 * GitHub's own words for a refusal, for staff: the body's `message`, plus the first entry
 * of `errors` (a 422 says "Validation Failed" there and the reason in `errors`). Kept out of
 * the error's `message`, which is logged and stays fixed.
 * https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api
 */
function detailOf(e: HttpErrorLike): { detail?: string } {
  const data = e.response?.data;
  if (typeof data !== 'object' || data === null) return {};
  const { message, errors } = data as { message?: unknown; errors?: unknown };
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  const reason = typeof first === 'string' ? first : typeof first === 'object' && first !== null ? (first as { message?: unknown }).message : undefined;
  const parts = [message, reason].filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return parts.length === 0 ? {} : { detail: parts.join(': ') };
}

function waitFromHeaders(headers: Record<string, string | number | undefined>, now: Date): number | null {
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined && retryAfter !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(String(retryAfter));
    if (Number.isFinite(date)) return Math.max(0, date - now.getTime());
  }
  const reset = headers['x-ratelimit-reset'];
  if (String(headers['x-ratelimit-remaining'] ?? '') === '0' && reset !== undefined) {
    const resetMs = Number(reset) * 1000;
    if (Number.isFinite(resetMs)) return Math.max(0, resetMs - now.getTime());
  }
  return null;
}

/** Runs one GitHub call and names it in the domain error it may throw, e.g. `create issue: not found (404)`. */
export type DomainCall = <T>(what: string, fn: () => Promise<T>) => Promise<T>;

/** The DomainCall of one gateway: every Octokit error becomes a domain error. Domain errors only leave the gateways. */
export function domainCalls(now: () => Date): DomainCall {
  return async (what, fn) => {
    try {
      return await fn();
    } catch (error) {
      throw toDomainError(error, now(), what);
    }
  };
}
