import type { NewJob } from '../../store/store.js';
import { newJob } from '../../jobs/new-job.js';
import type { IssueUpdatePayload } from '../../jobs/issue-update-payload.js';

export type { IssueUpdatePayload } from '../../jobs/issue-update-payload.js';

/** An outbox job for an issue update. `key` makes it idempotent (e.g. `comment:<id>`). */
export function issueUpdateJob(key: string, org: string, payload: IssueUpdatePayload, runAfter: Date): NewJob {
  return newJob('issue-update', payload, { key, org, runAfter });
}

/** The hidden marker of a job's comment, so a retry can see it was already posted. */
export function jobCommentMarker(key: string): string {
  // Keys are ours (`comment:123`, `sla:DD-…:receipt:overdue`); keep the comment well-formed anyway.
  return `<!-- disclosure-desk:job=${key.replace(/[^A-Za-z0-9:_-]/g, '')} -->`;
}
