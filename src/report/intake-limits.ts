/**
 * Size and rate limits for the web intake (form and JSON API). Reporters are anonymous
 * and the endpoints are public, so every body is bounded before it is read.
 */

const MIB = 1024 * 1024;

/** A sliding-window rate limit: at most `count` POSTs per `windowSeconds` per client network. */
export interface RateLimitSetting {
  count: number;
  windowSeconds: number;
}

/** Limits on what one request may carry. All sizes are in bytes. */
export interface IntakeLimits {
  /** JSON API body. Larger than the form's because attachments travel base64-encoded (+33 %). */
  maxJsonBodyBytes: number;
  /** `application/x-www-form-urlencoded` form body (no files can travel this way). */
  maxUrlencodedBodyBytes: number;
  /** Whole `multipart/form-data` form body, files included. */
  maxMultipartBytes: number;
  /** Each attachment, decoded. */
  maxAttachmentBytes: number;
  /** Attachments per report. */
  maxAttachments: number;
  /** POSTs per client network (IPv4 address or IPv6 /64); null disables rate limiting. */
  rateLimit: RateLimitSetting | null;
}

/** Defaults: five 5 MiB files fit a report, with room for the text around them. */
export const DEFAULT_LIMITS: IntakeLimits = {
  maxJsonBodyBytes: 14 * MIB,
  maxUrlencodedBodyBytes: 1 * MIB,
  maxMultipartBytes: 12 * MIB,
  maxAttachmentBytes: 5 * MIB,
  maxAttachments: 5,
  rateLimit: { count: 10, windowSeconds: 600 },
};

/** A limit in the environment that cannot be read; thrown at startup so a typo never goes unnoticed. */
export class InvalidLimitError extends Error {
  override name = 'InvalidLimitError' as const;
  constructor(readonly variable: string, readonly value: string) {
    super(`${variable} must be ${variable === 'INTAKE_RATE_LIMIT' ? '<count>/<seconds> or 0' : 'a positive whole number of bytes'}, got "${value}"`);
  }
}

/**
 * Reads intake limits from the environment; unset variables keep {@link DEFAULT_LIMITS}.
 *
 * - `INTAKE_MAX_BODY_BYTES`: the largest request body accepted, in bytes, for every body type
 *   (JSON, urlencoded and multipart). Unset: JSON 14 MiB, multipart 12 MiB, urlencoded 1 MiB.
 * - `INTAKE_MAX_ATTACHMENT_BYTES`: the largest single attachment, in bytes, after decoding.
 *   Unset: 5 MiB.
 * - `INTAKE_RATE_LIMIT`: `<count>/<seconds>`, e.g. `10/600` for ten reports per ten minutes per
 *   client network; `0` disables the limit (e.g. behind a proxy that limits already).
 *   Unset: `10/600`.
 *
 * @throws InvalidLimitError when a variable is set but malformed.
 */
export function limitsFromEnv(env: Record<string, string | undefined>): Partial<IntakeLimits> {
  const limits: Partial<IntakeLimits> = {};
  const body = env.INTAKE_MAX_BODY_BYTES?.trim();
  if (body) {
    const bytes = positiveInteger('INTAKE_MAX_BODY_BYTES', body);
    limits.maxJsonBodyBytes = bytes;
    limits.maxUrlencodedBodyBytes = bytes;
    limits.maxMultipartBytes = bytes;
  }
  const attachment = env.INTAKE_MAX_ATTACHMENT_BYTES?.trim();
  if (attachment) limits.maxAttachmentBytes = positiveInteger('INTAKE_MAX_ATTACHMENT_BYTES', attachment);
  const rate = env.INTAKE_RATE_LIMIT?.trim();
  if (rate) limits.rateLimit = parseRateLimit(rate);
  return limits;
}

/** Fills in defaults for whatever the caller left out. */
export function resolveLimits(partial: Partial<IntakeLimits> = {}): IntakeLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}

function positiveInteger(variable: string, value: string): number {
  if (!/^[0-9]+$/.test(value)) throw new InvalidLimitError(variable, value);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidLimitError(variable, value);
  return n;
}

function parseRateLimit(value: string): RateLimitSetting | null {
  if (value === '0') return null;
  const match = /^([0-9]+)\s*\/\s*([0-9]+)$/.exec(value);
  if (!match?.[1] || !match[2]) throw new InvalidLimitError('INTAKE_RATE_LIMIT', value);
  const count = Number(match[1]);
  const windowSeconds = Number(match[2]);
  if (count <= 0 || windowSeconds <= 0) throw new InvalidLimitError('INTAKE_RATE_LIMIT', value);
  return { count, windowSeconds };
}
