import { z } from 'zod';

/**
 * Payload of an `overdue-digest` job: one issue in the tracking repository listing an overdue
 * backlog the sweep found at once. `marker` is unique per digest; the job looks for it before
 * creating, so a retry or a lost answer never makes two.
 */
export const OverdueDigestPayload = z.strictObject({
  org: z.string().min(1),
  repo: z.string().min(1),
  marker: z.string().regex(/^<!-- disclosure-desk:overdue-digest=[A-Za-z0-9:_-]+ -->$/),
  title: z.string().min(1).max(256),
  body: z.string().min(1).max(60_000),
  /** The sweep's time, ISO 8601: the issue is looked for among those created since. */
  since: z.iso.datetime(),
});
export type OverdueDigestPayload = z.infer<typeof OverdueDigestPayload>;
