import type { ServerResponse } from 'node:http';
import type { Language } from '../../report/report.js';
import type { AcceptOutcome } from './accept-report.js';
import { renderConfirmationPage } from '../pages/confirmation-page.js';
import { SECRET_PAGE, sendHtml } from '../http/respond.js';
import { translator } from '../pages/strings.js';
import { statusUrl, type WebContext } from '../http/web-context.js';

/** A stored report, as {@link AcceptOutcome} has it. */
export type StoredOutcome = Extract<AcceptOutcome, { stored: true }>;

/** 200 with the confirmation page of a stored form report: tracking id and the secret status link. */
export function sendConfirmation(context: WebContext, res: ServerResponse, orgName: string, language: Language, outcome: StoredOutcome): void {
  const page = renderConfirmationPage({
    t: translator(language),
    language,
    orgName,
    reportId: outcome.accepted.id,
    statusUrl: statusUrl(context, outcome.accepted.statusToken),
    receipt: { ...outcome.accepted.receipt, url: `${statusUrl(context, outcome.accepted.statusToken)}/receipt.asc` },
    status: outcome.status,
  });
  sendHtml(res, 200, page, SECRET_PAGE);
}
