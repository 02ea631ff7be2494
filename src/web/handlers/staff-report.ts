import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StaffAccessOutcome } from '../../flows/staff/staff-access.js';
import type { RevealedContact, StaffReportView } from '../../flows/staff/staff-ports.js';
import { LANGUAGES } from '../../i18n/catalogues.js';
import type { Language } from '../../report/report.js';
import { csrfToken, type StaffSession } from '../http/staff-session.js';
import type { StaffContext } from '../http/staff-context.js';
import { languageLinks } from '../pages/layout.js';
import { renderStaffReportPage } from '../pages/staff-report-page.js';
import { staffTranslator } from '../pages/staff-strings.js';
import { errorName } from './accept-report.js';
import { sessionOrSignIn } from './staff-sign-in.js';
import { readStaffForm, sendStaffHtml, sendStaffMessage, sendStaffUnavailable, staffLanguage } from './staff-responses.js';

/** A staff report path the router matched: an organisation login and a report id. */
export interface StaffReportRoute {
  org: string;
  id: string;
}

/**
 * Who is asking, and may they: the session (a GET without one starts a sign-in; a POST
 * without one is refused), then access to the organisation, checked with GitHub at most a
 * minute ago. Answers the refusal itself and resolves null then.
 */
async function signedIn(
  context: StaffContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  route: StaffReportRoute,
  method: 'GET' | 'POST',
): Promise<{ session: StaffSession; language: Language } | null> {
  const language = staffLanguage(req, url);
  const session = sessionOrSignIn(context, req, res, url, method, language);
  if (session === null) return null;
  let access: StaffAccessOutcome;
  try {
    access = await context.access.check(route.org, session.login);
  } catch (error) {
    context.log.warn({ org: route.org, error: errorName(error) }, 'staff access could not be checked');
    req.resume();
    sendStaffUnavailable(res, language);
    return null;
  }
  if (access.kind === 'unknown-org') {
    req.resume();
    sendStaffMessage(res, 404, language, 'notFound.title', [{ key: 'notFound.body' }]);
    return null;
  }
  if (access.kind === 'denied') {
    context.log.info({ org: route.org, staff: session.login }, 'staff request refused: no write access to the tracking repository');
    req.resume();
    sendStaffMessage(
      res,
      403,
      language,
      'forbidden.title',
      [{ key: 'forbidden.body', params: { login: session.login, repo: `${access.org}/${access.repo}`, org: access.org } }, { key: 'forbidden.hint' }],
      { signOut: { csrf: csrfToken(context.keys, session) } },
    );
    return null;
  }
  return { session, language };
}

function sendReportPage(context: StaffContext, req: IncomingMessage, res: ServerResponse, url: URL, session: StaffSession, report: StaffReportView, revealed?: RevealedContact): void {
  const language = staffLanguage(req, url, report.trackingLanguage);
  const page = renderStaffReportPage({
    t: staffTranslator(language),
    language,
    languageLinks: languageLinks(url, language, LANGUAGES),
    login: session.login,
    csrf: csrfToken(context.keys, session),
    report,
    ...(revealed === undefined ? {} : { revealed }),
  });
  sendStaffHtml(res, 200, page);
}

/** `GET /staff/orgs/{org}/reports/{id}`: the report's staff page. */
export async function handleStaffReport(context: StaffContext, req: IncomingMessage, res: ServerResponse, url: URL, route: StaffReportRoute): Promise<void> {
  const who = await signedIn(context, req, res, url, route, 'GET');
  if (who === null) return;
  const report = await context.desk.report(route.org, route.id);
  if (report === null) return sendStaffMessage(res, 404, who.language, 'notFound.title', [{ key: 'notFound.body' }]);
  sendReportPage(context, req, res, url, who.session, report);
}

/**
 * `POST /staff/orgs/{org}/reports/{id}/reveal` with the session's CSRF token: records the
 * reveal (an event, and a comment on the tracking issue through the outbox), then shows the
 * page with the contact details. Answered directly, never redirected to a URL that shows them.
 */
export async function handleReveal(context: StaffContext, req: IncomingMessage, res: ServerResponse, url: URL, route: StaffReportRoute): Promise<void> {
  const who = await signedIn(context, req, res, url, route, 'POST');
  if (who === null) return;
  if ((await readStaffForm(context, req, res, who.session, who.language)) === null) return;
  const outcome = await context.desk.reveal(route.org, route.id, who.session.login);
  if (outcome.kind === 'not-found') return sendStaffMessage(res, 404, who.language, 'notFound.title', [{ key: 'notFound.body' }]);
  sendReportPage(context, req, res, url, who.session, outcome.view, outcome.kind === 'revealed' ? outcome.contact : undefined);
}

/** What a browser may do with a downloaded attachment: nothing but save it. */
const DOWNLOAD_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/octet-stream',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
};

/**
 * `GET /staff/orgs/{org}/reports/{id}/attachments/{n}`: the file, for signed-in staff only,
 * always as a download under its safe name (ASCII letters, digits, `.`, `_`, `-`), never
 * rendered: `Content-Disposition: attachment`, an octet stream, no sniffing, a sandbox.
 */
export async function handleAttachment(context: StaffContext, req: IncomingMessage, res: ServerResponse, url: URL, route: StaffReportRoute & { position: number }): Promise<void> {
  const who = await signedIn(context, req, res, url, route, 'GET');
  if (who === null) return;
  const file = await context.desk.attachment(route.org, route.id, route.position);
  if (file === null) return sendStaffMessage(res, 404, who.language, 'notFound.title', [{ key: 'notFound.body' }]);
  const name = file.fileName.replace(/[^A-Za-z0-9._-]/g, '_') || `attachment-${route.position}`;
  context.log.info({ org: route.org, reportId: route.id, attachment: route.position, staff: who.session.login }, 'attachment downloaded by staff');
  res.writeHead(200, { ...DOWNLOAD_HEADERS, 'Content-Disposition': `attachment; filename="${name}"`, 'Content-Length': String(file.data.length) });
  res.end(file.data);
}
