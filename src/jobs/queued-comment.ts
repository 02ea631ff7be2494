import { z } from 'zod';

/**
 * Payload of a `triage-comment` job: a staff comment with commands, as the outbox keeps it.
 * The issue body is report text and is never stored (an `issueBody` key is an error).
 */
export const QueuedComment = z.strictObject({
  org: z.string(),
  repo: z.string(),
  issueNumber: z.number().int(),
  commentId: z.number().int(),
  /** The comment text: the commands are parsed from it when the job runs. */
  body: z.string(),
  author: z.string(),
  /** Bots (this app included) never run commands: no loops, no spoofing through integrations. */
  authorIsBot: z.boolean(),
  /** The report the issue was found to track. Absent in jobs queued by versions before the marker lookup: then found by issue number. */
  reportId: z.string().min(1).optional(),
});
export type QueuedComment = z.infer<typeof QueuedComment>;
