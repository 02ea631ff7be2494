import type { Job } from '../../store/store.js';
import { type CommandDeps, handleCommandComment } from './apply-staff-commands.js';
import type { JobHandler, JobOutcome } from '../../jobs/worker.js';
import { parsePayload } from '../../jobs/parse-job.js';

/** A command typed while its report is being filed waits this long between looks. */
export const NOT_FILED_RECHECK_MS = 5_000;

/** Runs a queued staff comment's commands; GitHub errors throw and the worker retries. */
export function triageCommentJob(deps: CommandDeps): JobHandler {
  return async (job: Job): Promise<JobOutcome> => {
    const outcome = await handleCommandComment(deps, parsePayload('triage-comment', job));
    if (outcome === 'not-filed-yet') return { kind: 'later', afterMs: NOT_FILED_RECHECK_MS, reason: 'the report is still being filed' };
    return { kind: 'done' };
  };
}
