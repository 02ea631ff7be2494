import { z } from 'zod';
import type { CloseReason as CloseReasonType } from '../ports/github.js';

/** Why an issue is closed, as GitHub's `state_reason` takes it (CloseReason in ports.ts). */
const CloseReason = z.enum(['completed', 'not_planned', 'duplicate'] as const satisfies readonly CloseReasonType[]);

/**
 * Payload of an `issue-update` job: what it does to a tracking issue. Every step is
 * idempotent, so a retry after a crash repeats them safely: labels are added or removed,
 * the state is set, the Deadlines section is re-rendered from the store, and the comment
 * carries a marker so it is posted once.
 */
export const IssueUpdatePayload = z.strictObject({
  /** The report whose Deadlines section to re-render; null for a plain comment. */
  reportId: z.string().min(1).nullable(),
  repo: z.string(),
  issueNumber: z.number().int(),
  addLabels: z.array(z.string()),
  removeLabels: z.array(z.string()),
  /** Re-render the Deadlines section of the issue body from the store. */
  syncDeadlines: z.boolean(),
  /** A comment to post once (Markdown we wrote), or null. */
  comment: z.string().nullable(),
  /** The state to put the issue in, or null to leave it. */
  issueState: z.discriminatedUnion('state', [z.strictObject({ state: z.literal('closed'), reason: CloseReason }), z.strictObject({ state: z.literal('open') })]).nullable(),
});
export type IssueUpdatePayload = z.infer<typeof IssueUpdatePayload>;
