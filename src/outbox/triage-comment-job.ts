import type { Job } from '../store/store.js';
import { type CommandDeps, type CommentFacts, handleCommandComment } from '../triage/handle-command-comment.js';
import type { JobHandler, JobOutcome } from './worker.js';

/** Runs a queued staff comment's commands; GitHub errors throw and the worker retries. */
export function triageCommentJob(deps: CommandDeps): JobHandler {
  return async (job: Job): Promise<JobOutcome> => {
    await handleCommandComment(deps, JSON.parse(job.payload) as CommentFacts);
    return { kind: 'done' };
  };
}
