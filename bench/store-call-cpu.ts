import type { Store } from '../src/store/store.js';

/**
 * `store` with the process CPU time spent in each of `methods` added up, from the call
 * until its promise settles (the sweep awaits each call before the next, so the figures do
 * not overlap): where a sweep's time goes, by store call, without a profiler's overhead.
 */
export function countingStoreCpu(store: Store, methods: ReadonlyArray<keyof Store>): { store: Store; spent: Map<string, { calls: number; cpuMs: number }> } {
  const spent = new Map<string, { calls: number; cpuMs: number }>();
  const counted = new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      // On the store itself: its methods use private fields, which a proxy does not have.
      if (!methods.includes(key as keyof Store)) return (value as (...a: unknown[]) => unknown).bind(target);
      return async (...args: unknown[]) => {
        const before = process.cpuUsage();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          const used = process.cpuUsage(before);
          const entry = spent.get(String(key)) ?? { calls: 0, cpuMs: 0 };
          spent.set(String(key), { calls: entry.calls + 1, cpuMs: entry.cpuMs + (used.user + used.system) / 1000 });
        }
      };
    },
  });
  return { store: counted, spent };
}
