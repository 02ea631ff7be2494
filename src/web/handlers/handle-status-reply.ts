import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFormBody } from '../http/form-body.js';
import { Language } from '../../report/report.js';
import { removeControlCharacters } from '../../report/sanitise-unicode.js';
import { MAX_REPLY_CHARACTERS } from '../../flows/researcher/receive-reply.js';
import { bodyErrorKind } from '../http/body-error-kind.js';
import { sendBadFormPage, sendRateLimitedPage, sendTooLargePage } from './error-responses.js';
import { asLanguage } from '../pages/language.js';
import { languageLinks } from '../pages/layout.js';
import { rateLimitRequest } from './rate-limit-request.js';
import { closeAfterResponse, SECRET_PAGE, sendHtml, sendPlainNotFound } from '../http/respond.js';
import { renderStatusPage, type ReplyNotice } from '../pages/status-page.js';
import { translator } from '../pages/strings.js';
import type { WebContext } from '../http/web-context.js';
import { findStatus, organisationName } from './find-status.js';
import { handleFixVerificationAnswer } from './handle-fix-verification.js';
import type { MultipartForm } from '../http/multipart.js';

/**
 * `POST /status/{token}` with a `message` field: the researcher's reply. It becomes a
 * comment on the tracking issue (neutralised) and resumes a paused clock; the page then
 * redirects to itself (post/redirect/get). Unknown tokens get the same plain 404 as GET.
 * A post with a `verification` field is the answer to a request to verify the fix
 * (handle-fix-verification.ts).
 */
export async function handleStatusReply(context: WebContext, req: IncomingMessage, res: ServerResponse, url: URL, token: string): Promise<void> {
  const status = await findStatus(context, res, token);
  if (status === null) return;
  const language = asLanguage(url.searchParams.get('lang')) ?? status.language;
  const place = { language };
  const decision = rateLimitRequest(context, req);
  if (!decision.allowed) {
    sendRateLimitedPage(res, place, decision.retryAfterSeconds, closeAfterResponse(req, res));
    return;
  }
  let form: MultipartForm;
  try {
    form = await readFormBody(req, context.limits);
  } catch (error) {
    const kind = bodyErrorKind(error);
    if (kind.reason === 'too-large') return sendTooLargePage(res, place, kind.limitBytes, context.limits.maxAttachmentBytes, closeAfterResponse(req, res));
    return sendBadFormPage(res, kind.reason === 'media-type' ? 415 : 400, place, closeAfterResponse(req, res));
  }
  // The answer to a request to verify the fix posts here too, with its own fields.
  if (form.fields.has('verification')) return handleFixVerificationAnswer(context, req, res, url, token, status, form, language);
  // Controls are removed before the checks, so a reply of NULs alone is empty (see receiveResearcherReply).
  const message = removeControlCharacters(form.fields.get('message') ?? '').trim();
  const orgName = await organisationName(context, status);
  const render = (code: number, notice: ReplyNotice, kept = '') =>
    sendHtml(
      res,
      code,
      renderStatusPage({ t: translator(language), language, orgName, status, languageLinks: languageLinks(url, language, Language.options), notice, draft: kept, token }),
      SECRET_PAGE,
    );
  if (message === '') return render(400, 'empty');
  if (message.length > MAX_REPLY_CHARACTERS) return render(400, 'too-long', message);
  const outcome = await context.statusDesk.reply(token, message);
  if (outcome === 'unknown') return sendPlainNotFound(res);
  if (outcome === 'not-filed') return render(409, 'not-filed', message);
  res.writeHead(303, { location: `/status/${token}?lang=${language}&sent=1`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  res.end();
}
