import { z } from 'zod';

/** Payload of a `publish-credit` job: what the `published` webhook tells, as the job keeps it. */
export const PublishedAdvisory = z.strictObject({
  org: z.string(),
  ghsaId: z.string().min(1),
  url: z.string(),
  cveId: z.string().nullable(),
  summary: z.string(),
  /** Epoch ms. */
  publishedAt: z.number(),
  /** Credited users on the advisory, as GitHub lists them. */
  credits: z.array(z.strictObject({ login: z.string(), type: z.string() })),
});
export type PublishedAdvisory = z.infer<typeof PublishedAdvisory>;
