import { z } from 'zod';

/** Payload of an `org-alert` job: the organisation; the job reads everything else fresh. */
export const OrgAlertPayload = z.strictObject({
  org: z.string().min(1),
});
export type OrgAlertPayload = z.infer<typeof OrgAlertPayload>;
