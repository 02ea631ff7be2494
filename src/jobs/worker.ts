import type { Job, JobKind, Store } from '../store/store.js';
import type { Clock } from '../clock/clock.js';
import type { Logger } from '../log.js';
import { keptFailing, retryDelayMs } from './backoff.js';
import { BudgetSpentError, NotFoundError, RateLimitedError, RefusedError, TransientError } from '../errors.js';
import { pauseFor } from './lane-pause.js';
import type { GitHubHealth } from './github-health.js';
import { BadJobPayloadError } from './bad-job-payload-error.js';
import { type Metrics, noMetrics } from '../metrics/metrics.js';

/** Jobs that call GitHub: what they meet is GitHub's condition (mail and credit records are not). */
function touchesGitHub(kind: JobKind): boolean {
  return kind !== 'send-mail' && kind !== 'publish-credit';
}

/** What a job handler decided. Thrown errors mean "retry with backoff", except BadJobPayloadError: the job is dead. */
export type JobOutcome = { kind: 'done' } | { kind: 'later'; afterMs: number; reason: string };

/**
 * Runs one job. It reads its payload with `parsePayload(kind, job)` before anything else, so
 * a payload that does not parse throws BadJobPayloadError and the job is dead-lettered.
 */
export type JobHandler = (job: Job) => Promise<JobOutcome>;

export interface Worker {
  /** Runs due jobs until none is due (several lanes at once). Resolves with how many ran. */
  runOnce(): Promise<number>;
  /** Polls every `pollMs` until stopped. */
  start(): void;
  /** Ask for a run soon (e.g. a report was just accepted). */
  kick(): void;
  /** Stops claiming; resolves when the jobs in hand are finished. */
  stop(): Promise<void>;
}

/**
 * A claimed job (and its lane) is ours for this long; a crashed worker's jobs come back
 * after it. A running job renews it every third of it, so a long job is never taken over.
 */
export const LEASE_MS = 60_000;

/** Lanes worked at once by one process: each is one installation's serial queue. */
export const DEFAULT_CONCURRENCY = 4;

/**
 * The outbox worker: every GitHub write goes through here (rule "every GitHub write goes through the outbox"). Each
 * installation has a lane; one job of a lane runs at a time across all instances, staff
 * work first, lanes served in turn, several lanes at once. A rate limit pauses the lane for
 * every instance (pauses grow while limits repeat). Failures are rescheduled, never dropped;
 * only a job whose payload does not parse is dead-lettered (state `dead`), as no retry can help.
 */
export function createWorker(deps: {
  store: Store;
  handlers: Record<JobKind, JobHandler>;
  clock: Clock;
  log: Logger;
  pollMs?: number;
  concurrency?: number;
  /** Told how each GitHub job ended, for readiness and metrics (see touchesGitHub). */
  github?: GitHubHealth;
  /** A job was dead-lettered: the organisation is told (its alert issue), not only the log. */
  onDead?: (job: Job) => Promise<void>;
  metrics?: Metrics;
}): Worker {
  const pollMs = deps.pollMs ?? 2000;
  const concurrency = Math.max(1, deps.concurrency ?? DEFAULT_CONCURRENCY);
  let run: { count: number; active: number; done: Promise<number>; finish: (count: number) => void } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let polling = false;
  let stopping = false;

  async function runJob(job: Job): Promise<void> {
    const meta = { jobId: job.id, kind: job.kind, key: job.key, lane: job.lane, attempt: job.attempts + 1 };
    const heartbeat = setInterval(() => {
      deps.store.extendLease(job.id, job.lane, new Date(deps.clock().getTime() + LEASE_MS)).catch(() => deps.log.warn(meta, 'job lease not renewed'));
    }, LEASE_MS / 3);
    heartbeat.unref();
    try {
      const outcome = await deps.handlers[job.kind](job);
      if (touchesGitHub(job.kind)) deps.github?.record(null);
      if (outcome.kind === 'done') {
        await deps.store.completeJob(job.id, deps.clock());
        return;
      }
      await deps.store.retryJob(job.id, new Date(deps.clock().getTime() + outcome.afterMs), outcome.reason);
    } catch (error) {
      if (touchesGitHub(job.kind)) deps.github?.record(error);
      if (error instanceof BadJobPayloadError) {
        // The paths name the fields, never their values (rule "no researcher data in logs").
        deps.log.error({ ...meta, paths: error.paths }, 'job dead-lettered: its payload does not match its schema');
        await deps.store.deadJob(job.id, deps.clock(), `${error.name}: ${error.message}`);
        await told(job);
        return;
      }
      const name = error instanceof Error ? error.name : 'Error';
      const message = describe(error);
      const failingForMs = deps.clock().getTime() - job.createdAt.getTime();
      if (!(error instanceof BudgetSpentError) && keptFailing(error, job.attempts, failingForMs)) {
        deps.log.error({ ...meta, error: name, failingForMs }, 'job dead-lettered: it kept failing; requeue it once the cause is fixed');
        await deps.store.deadJob(job.id, deps.clock(), `${name}: ${message}`, { keepPayload: true });
        await told(job);
        return;
      }
      const delay = error instanceof RateLimitedError || error instanceof BudgetSpentError ? await pauseLane(job, error) : retryDelayMs(error, job.attempts);
      deps.log.warn({ ...meta, error: name, retryInMs: delay }, `job failed, retrying: ${message}`);
      await deps.store.retryJob(job.id, new Date(deps.clock().getTime() + delay), `${name}: ${message}`);
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** The dead job is in the store already: telling the organisation may fail without losing anything. */
  async function told(job: Job): Promise<void> {
    await deps.onDead?.(job).catch(() => deps.log.warn({ jobId: job.id, kind: job.kind }, 'dead job not announced'));
  }

  /** Every instance stops writing to the installation until the pause ends; resolves with its length. */
  async function pauseLane(job: Job, error: RateLimitedError | BudgetSpentError): Promise<number> {
    const lane = job.lane;
    const state = await deps.store.laneState(lane);
    const now = deps.clock();
    const pause = pauseFor(error, state.pauseLevel);
    const until = new Date(now.getTime() + pause.ms);
    await deps.store.pauseLane(lane, until, pause.level, pause.reason);
    (deps.metrics ?? noMetrics).lanePaused(error instanceof BudgetSpentError ? 'budget-spent' : 'rate-limited');
    deps.log.warn({ lane, pauseMs: pause.ms, level: pause.level, until: until.toISOString() }, `lane paused: ${pause.reason}`);
    return pause.ms;
  }

  async function slot(current: NonNullable<typeof run>): Promise<void> {
    try {
      while (!stopping) {
        const job = await deps.store.claimJob(deps.clock(), LEASE_MS);
        if (job === null) break;
        await runJob(job);
        current.count += 1;
      }
    } catch (error) {
      deps.log.error({ error: error instanceof Error ? error.name : 'Error' }, 'outbox run failed');
    } finally {
      current.active -= 1;
      if (current.active === 0) {
        run = null;
        current.finish(current.count);
      }
    }
  }

  function runOnce(): Promise<number> {
    if (run === null) {
      let finish: (count: number) => void = () => undefined;
      const done = new Promise<number>((resolve) => (finish = resolve));
      run = { count: 0, active: 0, done, finish };
    }
    const current = run;
    // More work may have arrived for lanes nobody works now: fill the free places.
    while (current.active < concurrency && !stopping) {
      current.active += 1;
      void slot(current);
    }
    if (current.active === 0) {
      run = null;
      current.finish(current.count);
    }
    return current.done;
  }

  function schedule(ms: number): void {
    if (!polling) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      void runOnce().finally(() => schedule(pollMs));
    }, ms);
    timer.unref();
  }

  return {
    runOnce,
    start() {
      polling = true;
      stopping = false;
      schedule(0);
    },
    kick() {
      if (polling) void runOnce();
    },
    async stop() {
      polling = false;
      stopping = true;
      if (timer) clearTimeout(timer);
      await run?.done;
    },
  };
}

/**
 * Our own errors carry messages we wrote (operation and status). Anything else, a
 * JSON.parse or driver error say, may quote the data it choked on, which can be report
 * text: only its name is logged and stored (rule "no researcher data in logs").
 */
function describe(error: unknown): string {
  const ours =
    error instanceof RateLimitedError ||
    error instanceof TransientError ||
    error instanceof RefusedError ||
    error instanceof NotFoundError ||
    error instanceof BudgetSpentError;
  return ours ? error.message : 'unexpected error (details withheld from logs)';
}
