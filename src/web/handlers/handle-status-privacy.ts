import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StatusView } from '../../flows/intake/intake-ports.js';
import { STATUS_TOKEN } from '../../report/ids.js';
import { Language } from '../../report/report.js';
import { asLanguage } from '../pages/language.js';
import { languageLinks } from '../pages/layout.js';
import { renderErasePage, type EraseProblem } from '../pages/erase-page.js';
import { translator } from '../pages/strings.js';
import { rateLimitRequest } from './rate-limit-request.js';
import { bodyErrorKind } from '../http/body-error-kind.js';
import { readFormBody } from '../http/form-body.js';
import { mediaType } from '../http/media-type.js';
import { closeAfterResponse, SECRET_PAGE, sendHtml, sendPlainNotFound } from '../http/respond.js';
import { sendBadFormPage, sendRateLimitedPage, sendTooLargePage } from './error-responses.js';
import { checkEraseConfirmation, eraseConfirmation } from './erase-confirmation.js';
import { findStatus, organisationName } from './find-status.js';
import type { WebContext } from '../http/web-context.js';

/**
 * `GET /status/{token}/data.json`: everything the app holds about the researcher of this
 * report, as a download. The token is the only key; unknown tokens get the plain 404.
 */
export async function handleDataExport(context: WebContext, res: ServerResponse, token: string): Promise<void> {
  const data = STATUS_TOKEN.test(token) ? await context.statusDesk.exportData(token) : null;
  if (data === null) return sendPlainNotFound(res);
  const id = typeof (data.report as { id?: unknown } | undefined)?.id === 'string' ? (data.report as { id: string }).id : 'report';
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="${id.replace(/[^A-Za-z0-9-]/g, '')}-data.json"`,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  res.end(`${JSON.stringify(data, null, 2)}\n`);
}

/**
 * `GET /status/{token}/erase`: the confirmation page, saying exactly what erasing removes
 * and what stays, with the form that does it. Erases nothing: a link or a prefetch never
 * erases. Unknown and malformed tokens get the plain 404 of the status page.
 */
export async function handleEraseConfirmation(context: WebContext, res: ServerResponse, url: URL, token: string): Promise<void> {
  const status = await findStatus(context, res, token);
  if (status === null) return;
  const language = asLanguage(url.searchParams.get('lang')) ?? status.language;
  await sendErasePage(context, res, url, token, status, language, 200);
}

/**
 * `POST /status/{token}/erase` with the `confirmation` of the confirmation page: deletes the
 * researcher's contact details now (the report itself stays with the organisation), then
 * back to the status page, which from then on says what was removed and when. Without a
 * valid confirmation nothing is erased: 400 and the confirmation page again, asking once
 * more. Details already gone: straight back to the status page.
 */
export async function handleErase(context: WebContext, req: IncomingMessage, res: ServerResponse, url: URL, token: string): Promise<void> {
  if (!STATUS_TOKEN.test(token)) return sendPlainNotFound(res);
  const asked = asLanguage(url.searchParams.get('lang'));
  const decision = rateLimitRequest(context, req);
  if (!decision.allowed) return sendRateLimitedPage(res, { language: asked ?? 'en' }, decision.retryAfterSeconds, closeAfterResponse(req, res));
  // Unknown tokens get the plain 404 whatever the body, as on every status route.
  const status = await findStatus(context, res, token);
  if (status === null) return;
  const language = asked ?? status.language;
  let confirmation = '';
  if (mediaType(req) === '') {
    // No form at all (a bare POST): nothing to read, so nothing confirms it.
    req.resume();
  } else {
    try {
      confirmation = (await readFormBody(req, context.limits)).fields.get('confirmation') ?? '';
    } catch (error) {
      const kind = bodyErrorKind(error);
      if (kind.reason === 'too-large') return sendTooLargePage(res, { language }, kind.limitBytes, context.limits.maxAttachmentBytes, closeAfterResponse(req, res));
      return sendBadFormPage(res, kind.reason === 'media-type' ? 415 : 400, { language }, closeAfterResponse(req, res));
    }
  }
  if (status.contactRemoved === null) {
    const check = checkEraseConfirmation(token, confirmation, context.now());
    if (check !== 'valid') return sendErasePage(context, res, url, token, status, language, 400, check);
    const outcome = await context.statusDesk.erase(token);
    if (outcome === 'unknown') return sendPlainNotFound(res);
  }
  res.writeHead(303, { location: `/status/${token}?lang=${language}&erased=1`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  res.end();
}

/** The confirmation page, with a fresh confirmation; after a refused post it says why (400). */
async function sendErasePage(context: WebContext, res: ServerResponse, url: URL, token: string, status: StatusView, language: Language, code: 200 | 400, problem?: EraseProblem): Promise<void> {
  const page = renderErasePage({
    t: translator(language),
    language,
    orgName: await organisationName(context, status),
    status,
    languageLinks: languageLinks(url, language, Language.options),
    token,
    confirmation: eraseConfirmation(token, context.now()),
    ...(problem === undefined ? {} : { problem }),
  });
  sendHtml(res, code, page, SECRET_PAGE);
}
