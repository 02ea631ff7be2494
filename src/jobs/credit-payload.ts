import { z } from 'zod';
import { PublishedAdvisory } from './published-advisory.js';

/**
 * Payload of a `publish-credit` job queued by `/resolved`: credit the researcher of a report
 * resolved without a GitHub advisory. The job reads who they are and how they chose to be
 * credited from the store when it runs (rule "erasure and retention win").
 */
export const ResolvedCredit = z.strictObject({
  source: z.literal('resolved'),
  org: z.string(),
  reportId: z.string().min(1),
  /** The staff comment with the `/resolved` (one job per comment). */
  commentId: z.number().int(),
  /** Epoch ms: when staff resolved the report, the date the credit carries. */
  resolvedAt: z.number(),
});
export type ResolvedCredit = z.infer<typeof ResolvedCredit>;

/**
 * Payload of a `publish-credit` job: a published advisory (what the `published` webhook
 * told; jobs queued before `source` existed have none) or a report resolved without one.
 */
export const CreditPayload = z.discriminatedUnion('source', [PublishedAdvisory.extend({ source: z.literal('advisory').optional() }), ResolvedCredit]);
export type CreditPayload = z.infer<typeof CreditPayload>;
