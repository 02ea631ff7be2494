import type { LookupBudget } from '../flows/org-directory.js';
import type { RateLimitSetting } from '../report/intake-limits.js';
import { createSharedRateLimiter, type RequestCounters } from './http/rate-limit.js';

/** Anonymous page reads per client network by default: generous for people, a wall for floods. */
export const DEFAULT_READ_RATE_LIMIT: RateLimitSetting = { count: 120, windowSeconds: 60 };

/**
 * GitHub lookups of organisations the store has not heard of, per minute, across every
 * instance: `GET /orgs/{org}/installation` is paid from the app's own quota, which every
 * organisation shares.
 */
export const INSTALLATION_LOOKUPS_PER_MINUTE = 10;

/** READ_RATE_LIMIT was not `<count>/<seconds>` or `0`. */
export class InvalidReadRateLimitError extends Error {
  override name = 'InvalidReadRateLimitError' as const;
  constructor(readonly value: string) {
    super(`READ_RATE_LIMIT must be <count>/<seconds> or 0, got "${value}"`);
  }
}

/** `READ_RATE_LIMIT`: `<count>/<seconds>` (default `120/60`); `0` turns the read limit off. */
export function readRateLimitFromEnv(env: Record<string, string | undefined>): RateLimitSetting | null {
  const value = env.READ_RATE_LIMIT?.trim() ?? '';
  if (value === '') return DEFAULT_READ_RATE_LIMIT;
  if (value === '0') return null;
  const match = /^([0-9]+)\s*\/\s*([0-9]+)$/.exec(value);
  const count = Number(match?.[1] ?? 0);
  const windowSeconds = Number(match?.[2] ?? 0);
  if (!Number.isSafeInteger(count) || !Number.isSafeInteger(windowSeconds) || count <= 0 || windowSeconds <= 0) throw new InvalidReadRateLimitError(value);
  return { count, windowSeconds };
}

/** The budget of installation lookups, counted in the store so every instance shares it. */
export function installationLookups(counters: RequestCounters, now: () => Date, perMinute = INSTALLATION_LOOKUPS_PER_MINUTE): LookupBudget {
  const limiter = createSharedRateLimiter({ counters, name: 'installation-lookups', setting: { count: perMinute, windowSeconds: 60 }, now });
  return { take: async () => (await limiter.hit('all')).allowed };
}
