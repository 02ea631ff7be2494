/**
 * The front door's bounds on bytes, time and memory (rule "our own front door"). One request may
 * carry at most `maxRequestBytes`; all bodies being read or handled at once share
 * `maxInflightBytes`; slow clients are cut by the timeouts and the minimum rate.
 */

const MIB = 1024 * 1024;

/** Limits for every request the front door serves. Sizes in bytes, times in milliseconds. */
export interface FrontDoorLimits {
  /** Bytes held by all request bodies at once (read and not yet answered). Past it: 503 + Retry-After. */
  maxInflightBytes: number;
  /** The largest body any route accepts: GitHub's webhook cap, 25 MB. Routes have smaller caps of their own. */
  maxRequestBytes: number;
  /** Time for the request line and headers (Node's `headersTimeout`). */
  headersTimeoutMs: number;
  /** A body that sends no byte for this long (while we are reading) is cut: 408. */
  idleTimeoutMs: number;
  /** Bodies must average at least this many bytes per second... */
  minBytesPerSecond: number;
  /** ...measured once this much time has passed since the request arrived. */
  rateGraceMs: number;
  /** Hard ceiling for receiving a whole request (Node's `requestTimeout`). */
  requestTimeoutMs: number;
  /** How often Node checks the two timeouts above (its `connectionsCheckingInterval`). */
  checkIntervalMs: number;
  /** Idle keep-alive connections are closed after this. */
  keepAliveTimeoutMs: number;
  /** Seconds in the `Retry-After` of a 503 when the budget is spent. */
  retryAfterSeconds: number;
}

/** GitHub caps webhook payloads at 25 MB: https://docs.github.com/en/webhooks/webhook-events-and-payloads#payload-cap */
export const GITHUB_WEBHOOK_CAP_BYTES = 25 * 1000 * 1000;

export const DEFAULT_FRONT_DOOR_LIMITS: FrontDoorLimits = {
  maxInflightBytes: 32 * MIB,
  maxRequestBytes: GITHUB_WEBHOOK_CAP_BYTES,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 10_000,
  minBytesPerSecond: 1024,
  rateGraceMs: 10_000,
  requestTimeoutMs: 300_000,
  checkIntervalMs: 1_000,
  keepAliveTimeoutMs: 5_000,
  retryAfterSeconds: 5,
};

/** A front-door variable in the environment that cannot be read; thrown at startup. */
export class InvalidFrontDoorSettingError extends Error {
  override name = 'InvalidFrontDoorSettingError' as const;
  constructor(readonly variable: string, readonly value: string) {
    super(`${variable} must be a positive whole number of bytes, got "${value}"`);
  }
}

/**
 * Reads `MAX_INFLIGHT_BYTES` (bytes held by all request bodies at once; default 32 MiB). It
 * must be at least the largest single body (25 MB), or webhooks could never arrive.
 *
 * @throws InvalidFrontDoorSettingError when set but malformed or too small.
 */
export function frontDoorLimitsFromEnv(env: Record<string, string | undefined>): Partial<FrontDoorLimits> {
  const value = env.MAX_INFLIGHT_BYTES?.trim();
  if (!value) return {};
  const bytes = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(bytes) || bytes < GITHUB_WEBHOOK_CAP_BYTES) {
    throw new InvalidFrontDoorSettingError('MAX_INFLIGHT_BYTES', value);
  }
  return { maxInflightBytes: bytes };
}

/** Fills in defaults for whatever the caller left out. */
export function resolveFrontDoorLimits(partial: Partial<FrontDoorLimits> = {}): FrontDoorLimits {
  return { ...DEFAULT_FRONT_DOOR_LIMITS, ...partial };
}
