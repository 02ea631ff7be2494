import type { RateLimitSetting } from './body-limits.js';

/** The outcome of counting one request against the limit. */
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts requests per key; in memory, so each instance limits on its own. */
export interface RateLimiter {
  hit(key: string): RateLimitDecision;
}

/** Sweep stale keys every so many hits, so one-off clients do not pile up in memory. */
const SWEEP_EVERY = 256;

/**
 * A sliding-window log: a key may make `count` requests in any `windowSeconds`. Exact (no
 * burst at a window edge) and bounded: at most `count` timestamps are kept per key.
 * A refused request is not recorded, so a client that keeps retrying is let in again once
 * its oldest request leaves the window.
 */
export function createRateLimiter(setting: RateLimitSetting | null, now: () => Date = () => new Date()): RateLimiter {
  if (!setting) return { hit: () => ({ allowed: true }) };
  const windowMs = setting.windowSeconds * 1000;
  const log = new Map<string, number[]>();
  let hits = 0;

  function sweep(at: number): void {
    for (const [key, times] of log) {
      const newest = times[times.length - 1];
      if (newest === undefined || newest <= at - windowMs) log.delete(key);
    }
  }

  return {
    hit(key) {
      const at = now().getTime();
      if (++hits % SWEEP_EVERY === 0) sweep(at);
      const times = (log.get(key) ?? []).filter((t) => t > at - windowMs);
      const oldest = times[0];
      if (times.length >= setting.count && oldest !== undefined) {
        log.set(key, times);
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - at) / 1000)) };
      }
      times.push(at);
      log.set(key, times);
      return { allowed: true };
    },
  };
}
