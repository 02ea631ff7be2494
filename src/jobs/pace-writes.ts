import type { IssuePort } from '../ports/github.js';
import type { Clock } from '../clock/clock.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { laneOf } from '../store/job-records.js';
import { BudgetSpentError } from '../errors.js';
import { type Metrics, noMetrics } from '../metrics/metrics.js';
import { writeOutcome } from '../metrics/write-outcome.js';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * GitHub asks integrators to wait at least one second between writes. Counted from the
 * answer to the previous write, so GitHub itself receives them at least this far apart.
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#avoid-concurrent-requests
 */
export const MIN_WRITE_GAP_MS = 1000;

/**
 * Content-creating requests one lane may make in any hour: GitHub allows 500 (and 80 a
 * minute, which the one-second gap keeps anyway); a margin is left for a human's clicks.
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 */
export const HOURLY_CREATE_BUDGET = 480;

const HOUR_MS = 3_600_000;

/** `create`: makes content (issue, comment, label, advisory, file); `write`: edits or removes. */
export type WriteKind = 'create' | 'write';

/** The write pacing of one installation's lane. */
export interface WritePacer {
  /** Waits until the write may leave. Throws BudgetSpentError when the hour's creates are used up. */
  beforeWrite(kind: WriteKind): Promise<void>;
  /**
   * The write was answered, or failed (it may have reached GitHub): the next waits a gap
   * after now. `failure` is what the write threw, for the metrics' outcome.
   */
  afterWrite(kind: WriteKind, succeeded: boolean, failure?: unknown): Promise<void>;
}

/** One pacer per installation lane, its state in the store so every instance keeps to it. */
export interface LanePacers {
  lane(org: string): WritePacer;
}

/**
 * The only pacer of GitHub writes (Probot's own throttling is switched off, so two pacers
 * never stack). One job of a lane runs at a time across all instances (see the store's
 * claim), so the lane's pacing state needs no lock: read before a write, written after it.
 */
export function createLanePacers(deps: { store: Pick<Store, 'laneState' | 'recordWrite' | 'createsInLastHour'>; clock: Clock; sleep: Sleep; log: Logger; gapMs?: number; metrics?: Metrics }): LanePacers {
  const gapMs = deps.gapMs ?? MIN_WRITE_GAP_MS;
  const metrics = deps.metrics ?? noMetrics;
  return {
    lane(org) {
      const lane = laneOf('file-report', org);
      return {
        async beforeWrite(kind) {
          const state = await deps.store.laneState(lane);
          const wait = state.nextWriteAt.getTime() - deps.clock().getTime();
          if (wait > 0) await deps.sleep(wait);
          if (kind === 'create') await checkBudget(lane);
          if (state.pauseLevel > 0) deps.log.info({ lane }, 'lane writing again after a rate-limit pause');
        },
        async afterWrite(kind, succeeded, failure) {
          // Every paced write passes here exactly once, whatever its outcome.
          metrics.githubWrite(succeeded ? 'ok' : writeOutcome(failure));
          const now = deps.clock();
          await deps.store.recordWrite(lane, now, new Date(now.getTime() + gapMs), kind === 'create', succeeded);
        },
      };

      async function checkBudget(lane: string): Promise<void> {
        const now = deps.clock();
        const creates = await deps.store.createsInLastHour(lane, now);
        if (creates.length < HOURLY_CREATE_BUDGET) return;
        // The window frees a place when the create that fills it leaves the hour.
        const frees = creates[creates.length - HOURLY_CREATE_BUDGET] ?? now;
        throw new BudgetSpentError('content-creation budget for the hour is spent', Math.max(1000, frees.getTime() + HOUR_MS - now.getTime()));
      }
    },
  };
}

/** Runs one write in its turn; the gap is stamped whatever the outcome. */
export async function pacedWrite<T>(pacer: WritePacer, kind: WriteKind, write: () => Promise<T>): Promise<T> {
  await pacer.beforeWrite(kind);
  let succeeded = false;
  let failure: unknown = null;
  try {
    const result = await write();
    succeeded = true;
    return result;
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    await pacer.afterWrite(kind, succeeded, failure);
  }
}

/** The same issue gateway, with every write waiting its turn. Reads are not paced. */
export function pacedIssues(issues: IssuePort, pacer: WritePacer): IssuePort {
  function paced<A extends unknown[], R>(kind: WriteKind, write: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return (...args) => pacedWrite(pacer, kind, () => write(...args));
  }
  return {
    ...issues,
    createLabel: paced('create', issues.createLabel),
    createIssue: paced('create', issues.createIssue),
    createComment: paced('create', issues.createComment),
    putFile: paced('create', issues.putFile),
    addLabels: paced('write', issues.addLabels),
    updateIssue: paced('write', issues.updateIssue),
    removeLabel: paced('write', issues.removeLabel),
  };
}
