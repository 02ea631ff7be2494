import { z } from 'zod';
import { Language } from '../report/report.js';
import { MAIL_KINDS } from '../researcher/plan-mail.js';

/**
 * Payload of a `send-mail` job: one message to the researcher of one report. The
 * researcher's address (and PGP key) are not in it: the handler reads them from the
 * report's triage record when it runs, so no contact details sit in the jobs table.
 */
export const SendMailPayload = z.strictObject({
  reportId: z.string().min(1),
  /** 0 for the acknowledgement, n ≥ 1 for the n-th stored staff message; makes the Message-ID. */
  messageIndex: z.number().int().min(0),
  kind: z.enum(MAIL_KINDS),
  /** The rendered text (`researcherMessage(…)` or `acknowledgementText(…)`), as stored for the status page. */
  body: z.string(),
  language: Language,
  /** The status page link, or null. It holds the status token: pass it only where you have it anyway. */
  statusUrl: z.string().nullable(),
  /** The Message-ID of the researcher's own e-mail (e-mailed reports), threaded by the acknowledgement. */
  inReplyTo: z.string().nullable().optional(),
});
export type SendMailPayload = z.infer<typeof SendMailPayload>;
