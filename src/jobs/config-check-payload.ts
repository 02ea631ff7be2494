import { z } from 'zod';

/** Payload of a `config-check` job: the commit of the organisation's `.github` repository to check. */
export const ConfigCheckPayload = z.strictObject({
  org: z.string().min(1),
  repo: z.string().min(1),
  /** The commit the check run belongs to (a push's `after`, a pull request's head). */
  sha: z.string().regex(/^[0-9a-f]{40}$/),
});
export type ConfigCheckPayload = z.infer<typeof ConfigCheckPayload>;
