import type { TrackerPort } from '../ports.js';
import type { Clock } from '../clock/clock.js';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** GitHub asks integrators to wait at least one second between writes. */
export const MIN_WRITE_GAP_MS = 1000;

/** Shared by every tracker of one process, so all writes are spaced, whatever the org. */
export interface WritePacer {
  beforeWrite(): Promise<void>;
}

export function createWritePacer(clock: Clock, sleep: Sleep, gapMs = MIN_WRITE_GAP_MS): WritePacer {
  let last = Number.NEGATIVE_INFINITY;
  let queue: Promise<void> = Promise.resolve();
  return {
    beforeWrite() {
      // Chained so concurrent callers are serialised, each a gap after the one before.
      const turn = queue.then(async () => {
        const wait = last + gapMs - clock().getTime();
        if (wait > 0) await sleep(wait);
        last = clock().getTime();
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

/** The same tracker, with every content-creating call waiting its turn. Reads are not paced. */
export function pacedTracker(tracker: TrackerPort, pacer: WritePacer): TrackerPort {
  function paced<A extends unknown[], R>(write: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args) => {
      await pacer.beforeWrite();
      return write(...args);
    };
  }
  return {
    ...tracker,
    createLabel: paced(tracker.createLabel),
    createIssue: paced(tracker.createIssue),
    addLabels: paced(tracker.addLabels),
    createComment: paced(tracker.createComment),
    putFile: paced(tracker.putFile),
    updateIssue: paced(tracker.updateIssue),
    removeLabel: paced(tracker.removeLabel),
  };
}
