/** A task run on a timer; `stop` waits for a run in progress. */
export interface Periodic {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Runs `task` every `everyMs`: the first time at once, or after `firstMs`. A failure goes to
 * `onError` and the next tick runs again. The timer never keeps the process alive; `task`
 * guards against overlapping runs itself (the sweeps share their run with `runOnce`).
 */
export function periodic(task: () => Promise<unknown>, options: { everyMs: number; firstMs?: number; onError: (error: unknown) => void }): Periodic {
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> | null = null;
  const tick = (): void => {
    inFlight = task().then(() => undefined, options.onError);
  };
  const repeat = (): void => {
    timer = setInterval(tick, options.everyMs);
    timer.unref();
  };
  return {
    start() {
      if (timer !== null) return;
      if (options.firstMs === undefined) {
        repeat();
        tick();
        return;
      }
      timer = setTimeout(() => {
        tick();
        repeat();
      }, options.firstMs);
      timer.unref();
    },
    async stop() {
      // clearInterval clears a timeout as well: the same timer id space in Node.
      if (timer !== null) clearInterval(timer);
      timer = null;
      await inFlight;
    },
  };
}
