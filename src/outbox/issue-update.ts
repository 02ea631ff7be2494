import type { CloseReason } from '../ports.js';
import type { NewJob } from '../store/store.js';

/**
 * What an `issue-update` job does to a tracking issue. Every step is idempotent, so a
 * retry after a crash repeats them safely: labels are added or removed, the state is set,
 * the Deadlines section is re-rendered from the store, and the comment carries a marker
 * so it is posted once.
 */
export interface IssueUpdatePayload {
  /** The report whose Deadlines section to re-render; null for a plain comment. */
  reportId: string | null;
  repo: string;
  issueNumber: number;
  addLabels: string[];
  removeLabels: string[];
  syncDeadlines: boolean;
  comment: string | null;
  issueState: { state: 'closed'; reason: CloseReason } | { state: 'open' } | null;
}

/** An outbox job for an issue update. `key` makes it idempotent (e.g. `comment:<id>`). */
export function issueUpdateJob(key: string, org: string, payload: IssueUpdatePayload, runAfter: Date): NewJob {
  return { key, kind: 'issue-update', org, payload: JSON.stringify(payload), runAfter };
}

/** The hidden marker of a job's comment, so a retry can see it was already posted. */
export function jobCommentMarker(key: string): string {
  // Keys are ours (`comment:123`, `sla:DD-…:receipt:overdue`); keep the comment well-formed anyway.
  return `<!-- disclosure-desk:job=${key.replace(/[^A-Za-z0-9:_-]/g, '')} -->`;
}
