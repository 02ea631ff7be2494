/**
 * Typed errors shared by the domain and the GitHub gateway (STYLE.md §5). The gateway
 * turns Octokit's RequestError into these; the outbox decides from the type alone.
 */

/** GitHub asked us to slow down (secondary rate limit, 429, or exhausted primary limit). */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError' as const;
  constructor(
    message: string,
    /** How long GitHub asked us to wait, from retry-after or x-ratelimit-reset; null if it did not say. */
    readonly retryAfterMs: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** 5xx, timeout, dropped connection: worth retrying. */
export class TransientError extends Error {
  override name = 'TransientError' as const;
  constructor(message: string, readonly status: number | null, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A resource that does not exist, or that the installation cannot see. */
export class NotFoundError extends Error {
  override name = 'NotFoundError' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The app lacks a permission, or GitHub refused the request for a reason a human must fix. */
export class RefusedError extends Error {
  override name = 'RefusedError' as const;
  constructor(message: string, readonly status: number, options?: { cause?: unknown }) {
    super(message, options);
  }
}
