import type { Job, JobKind, Store } from '../store/store.js';
import type { Clock } from '../clock/clock.js';
import type { Logger } from '../log.js';
import { retryDelayMs } from './backoff.js';
import { NotFoundError, RateLimitedError, RefusedError, TransientError } from '../errors.js';

/** What a job handler decided. Thrown errors mean "retry with backoff". */
export type JobOutcome = { kind: 'done' } | { kind: 'later'; afterMs: number; reason: string };

export type JobHandler = (job: Job) => Promise<JobOutcome>;

export interface Worker {
  /** Runs due jobs one by one until none is due. Resolves with how many ran. */
  runOnce(): Promise<number>;
  /** Polls every `pollMs` until stopped. */
  start(): void;
  /** Ask for a run soon (e.g. a report was just accepted). */
  kick(): void;
  stop(): Promise<void>;
}

/** A claimed job is ours for this long; a crashed worker's jobs come back after it. */
export const LEASE_MS = 5 * 60_000;

/**
 * The outbox worker: every GitHub write goes through here, one job at a time per
 * process (DESIGN.md invariant 6). Failures are rescheduled, never dropped.
 */
export function createWorker(deps: {
  store: Store;
  handlers: Record<JobKind, JobHandler>;
  clock: Clock;
  log: Logger;
  pollMs?: number;
}): Worker {
  const pollMs = deps.pollMs ?? 2000;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;

  async function runJob(job: Job): Promise<void> {
    const meta = { jobId: job.id, kind: job.kind, key: job.key, attempt: job.attempts + 1 };
    try {
      const outcome = await deps.handlers[job.kind](job);
      if (outcome.kind === 'done') {
        await deps.store.completeJob(job.id, deps.clock());
        return;
      }
      await deps.store.retryJob(job.id, new Date(deps.clock().getTime() + outcome.afterMs), outcome.reason);
    } catch (error) {
      const delay = retryDelayMs(error, job.attempts);
      const name = error instanceof Error ? error.name : 'Error';
      const message = describe(error);
      deps.log.warn({ ...meta, error: name, retryInMs: delay }, `job failed, retrying: ${message}`);
      await deps.store.retryJob(job.id, new Date(deps.clock().getTime() + delay), `${name}: ${message}`);
    }
  }

  async function drain(): Promise<number> {
    let count = 0;
    for (;;) {
      const job = await deps.store.claimJob(deps.clock(), LEASE_MS);
      if (job === null) return count;
      await runJob(job);
      count += 1;
    }
  }

  function runOnce(): Promise<number> {
    // One drain at a time per process: writes stay serialised.
    if (running === null) {
      running = drain().finally(() => {
        running = null;
      });
    }
    return running;
  }

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      runOnce()
        .catch((error: unknown) => deps.log.error({ error: error instanceof Error ? error.name : 'Error' }, 'outbox run failed'))
        .finally(() => schedule(pollMs));
    }, ms);
    timer.unref();
  }

  return {
    runOnce,
    start() {
      stopped = false;
      schedule(0);
    },
    kick() {
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/**
 * Our own errors carry messages we wrote (operation and status). Anything else, a
 * JSON.parse or driver error say, may quote the data it choked on, which can be report
 * text: only its name is logged and stored (DESIGN.md invariant 5).
 */
function describe(error: unknown): string {
  const ours =
    error instanceof RateLimitedError ||
    error instanceof TransientError ||
    error instanceof RefusedError ||
    error instanceof NotFoundError;
  return ours ? error.message : 'unexpected error (details withheld from logs)';
}
