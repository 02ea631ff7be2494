import type { AcceptedReport, StatusView } from '../../flows/intake/intake-ports.js';
import type { ReportInput } from '../../report/report.js';
import type { WebContext } from '../http/web-context.js';

/** Stored with its status (null if it could not be read back), or not stored at all. */
export type AcceptOutcome = { stored: true; accepted: AcceptedReport; status: StatusView | null } | { stored: false };

/**
 * Hands a valid report to the intake. A failure means nothing was committed, so the caller
 * answers 503 and never claims success (rule "a 2xx means durable"). Only ids are logged.
 */
export async function acceptReport(context: WebContext, org: string, channel: 'form' | 'api', input: ReportInput): Promise<AcceptOutcome> {
  let accepted: AcceptedReport;
  try {
    accepted = await context.intake.accept(org, channel, input);
  } catch (error) {
    context.log.warn({ org, channel, error: errorName(error) }, 'report not stored: intake failed');
    return { stored: false };
  }
  context.log.info({ reportId: accepted.id, org, channel }, 'report accepted');
  let status: StatusView | null = null;
  try {
    // Only for the deadlines on the confirmation page; the report is stored either way.
    status = channel === 'form' ? await context.statusDesk.status(accepted.statusToken) : null;
  } catch (error) {
    context.log.warn({ reportId: accepted.id, error: errorName(error) }, 'status not read after accept');
  }
  return { stored: true, accepted, status };
}

/** The error's class name: its message might quote report text, so it is not logged. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
