import type { RateLimitSetting } from '../../report/intake-limits.js';

/** The outcome of counting one request against the limit. */
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts requests per key in memory (one process); createSharedRateLimiter shares counts across instances. */
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

/** The counters a shared limiter needs: the store's (see RequestCounterStore). */
export interface RequestCounters {
  countRequest(name: string, clientKey: string, windowMs: number, now: Date): Promise<{ windowStart: Date; current: number; previous: number }>;
  uncountRequest(name: string, clientKey: string, windowMs: number, windowStart: Date): Promise<void>;
}

/** A limiter whose counts every instance on the database shares. */
export interface SharedRateLimiter {
  hit(key: string): Promise<RateLimitDecision>;
}

/**
 * A limit every instance shares through the store: `count` requests per `windowSeconds`,
 * estimated as a sliding window from two fixed windows (the previous one weighted by how much
 * of it still overlaps), so there is no double burst at a window edge. A refused request is
 * taken back, so a client that keeps retrying is let in again as its requests age out.
 * `name` keeps limits apart (report posts, page reads, GitHub lookups).
 */
export function createSharedRateLimiter(deps: { counters: RequestCounters; name: string; setting: RateLimitSetting | null; now?: () => Date }): SharedRateLimiter {
  const { setting } = deps;
  if (!setting) return { hit: () => Promise.resolve({ allowed: true }) };
  const windowMs = setting.windowSeconds * 1000;
  const now = deps.now ?? (() => new Date());
  return {
    async hit(key) {
      const at = now();
      const counts = await deps.counters.countRequest(deps.name, key, windowMs, at);
      const decision = decide(setting.count, windowMs, at.getTime() - counts.windowStart.getTime(), counts.current, counts.previous);
      if (!decision.allowed) await deps.counters.uncountRequest(deps.name, key, windowMs, counts.windowStart);
      return decision;
    },
  };
}

/**
 * Pure: whether the request just counted (`current` includes it) fits, `elapsedMs` into the
 * current window; if not, how long until it would.
 */
export function decide(limit: number, windowMs: number, elapsedMs: number, current: number, previous: number): RateLimitDecision {
  const overlap = 1 - elapsedMs / windowMs;
  if (previous * overlap + current <= limit) return { allowed: true };
  // Within this window the previous one's weight keeps falling; failing that, wait for the
  // next window, where this window's requests (less this one) weigh in as the previous.
  const settled = current - 1;
  let waitMs: number;
  if (current <= limit && previous > 0) {
    waitMs = (1 - (limit - current) / previous) * windowMs - elapsedMs;
  } else {
    const nextOverlap = settled > 0 ? (limit - 1) / settled : 1;
    waitMs = windowMs - elapsedMs + Math.max(0, 1 - Math.min(1, nextOverlap)) * windowMs;
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
