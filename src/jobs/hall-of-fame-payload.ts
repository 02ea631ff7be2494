import { z } from 'zod';

/** Payload of a `hall-of-fame` job: empty; the job renders the whole file from the organisation's credit records. */
export const HallOfFamePayload = z.strictObject({});
export type HallOfFamePayload = z.infer<typeof HallOfFamePayload>;
