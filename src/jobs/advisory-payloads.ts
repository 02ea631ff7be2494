import { z } from 'zod';

/** Payload of a `create-advisory` job: open the draft advisory of an accepted report in `owner/repo`. */
export const CreateAdvisoryPayload = z.strictObject({
  reportId: z.string().min(1),
  owner: z.string(),
  repo: z.string(),
  /** Who asked (`/accept owner/repo`, `/advisory owner/repo`): they need write access there too. */
  by: z.string().optional(),
});
export type CreateAdvisoryPayload = z.infer<typeof CreateAdvisoryPayload>;

/** Payload of an `update-advisory` job: the store holds what to send. */
export const UpdateAdvisoryPayload = z.strictObject({
  reportId: z.string().min(1),
});
export type UpdateAdvisoryPayload = z.infer<typeof UpdateAdvisoryPayload>;
