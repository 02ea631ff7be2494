import { z } from 'zod';

/** Payload of an `sla-dashboard` job: the organisation; the job reads everything else fresh. */
export const SlaDashboardPayload = z.strictObject({
  org: z.string().min(1),
});
export type SlaDashboardPayload = z.infer<typeof SlaDashboardPayload>;
