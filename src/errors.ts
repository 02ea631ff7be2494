/**
 * Typed errors shared by the domain and the GitHub gateway. The gateway
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

/**
 * The app lacks a permission, or GitHub refused the request for a reason a human must fix.
 * `detail` is GitHub's own message (e.g. "Advanced Security must be enabled…"), for staff.
 */
export class RefusedError extends Error {
  override name = 'RefusedError' as const;
  constructor(message: string, readonly status: number, options?: { cause?: unknown; detail?: string }) {
    super(message, options);
    this.detail = options?.detail ?? null;
  }
  readonly detail: string | null;
}

/** A write lost a race: the resource changed since it was read (409, or 422 on a stale sha). */
export class ConflictError extends Error {
  override name = 'ConflictError' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Our own budget, not GitHub's answer: the lane used its content-creation allowance for the
 * hour (GitHub allows 500). The lane waits `retryAfterMs` without counting it as a limit hit.
 */
export class BudgetSpentError extends Error {
  override name = 'BudgetSpentError' as const;
  constructor(message: string, readonly retryAfterMs: number) {
    super(message);
  }
}
