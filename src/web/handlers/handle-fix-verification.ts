import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StatusView } from '../../flows/intake/intake-ports.js';
import { MAX_REPLY_CHARACTERS } from '../../flows/researcher/receive-reply.js';
import { Language } from '../../report/report.js';
import { removeControlCharacters } from '../../report/sanitise-unicode.js';
import { isFixVerdict } from '../../triage/fix-verification.js';
import type { MultipartForm } from '../http/multipart.js';
import { closeAfterResponse, SECRET_PAGE, sendHtml, sendPlainNotFound } from '../http/respond.js';
import type { WebContext } from '../http/web-context.js';
import { languageLinks } from '../pages/layout.js';
import { renderStatusPage, type FixVerificationDraft, type FixVerificationNotice } from '../pages/status-page.js';
import { translator } from '../pages/strings.js';
import { sendBadFormPage } from './error-responses.js';
import { organisationName } from './find-status.js';

/** A request number as the form sends it: a positive whole number, not absurdly long. */
const REQUEST_NUMBER = /^[1-9]\d{0,8}$/;

/**
 * `POST /status/{token}` with `verification` (`confirmed` | `not-fixed`), `request` (the
 * request it answers, from the form) and an optional `note`: the researcher's answer to a
 * request to verify the fix. It lands on the tracking issue once (comment and `fix:*` label);
 * the page then redirects to itself (post/redirect/get) and shows the answer in its story.
 * No choice, or a note over the reply limit: 400 with the form as it was. A request that has
 * its answer already (the first stands) or can no longer be answered: 409 saying so. The
 * body was read and the rate limit counted by the caller (handle-status-reply.ts).
 */
export async function handleFixVerificationAnswer(
  context: WebContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  token: string,
  status: StatusView,
  form: MultipartForm,
  language: Language,
): Promise<void> {
  const requestText = form.fields.get('request') ?? '';
  if (!REQUEST_NUMBER.test(requestText)) return sendBadFormPage(res, 400, { language }, closeAfterResponse(req, res));
  const request = Number(requestText);
  const choice = form.fields.get('verification');
  const verdict = isFixVerdict(choice) ? choice : null;
  // Controls are removed before the checks, as for a reply (see receiveResearcherReply).
  const note = removeControlCharacters(form.fields.get('note') ?? '').trim();

  const render = async (code: number, notice: FixVerificationNotice, draft: FixVerificationDraft, shown: StatusView) =>
    sendHtml(
      res,
      code,
      renderStatusPage({
        t: translator(language),
        language,
        orgName: await organisationName(context, shown),
        status: shown,
        languageLinks: languageLinks(url, language, Language.options),
        verifyNotice: notice,
        verifyDraft: draft,
        token,
      }),
      SECRET_PAGE,
    );
  if (verdict === null) return render(400, 'choose', { verdict: null, note }, status);
  if (note.length > MAX_REPLY_CHARACTERS) return render(400, 'too-long', { verdict, note }, status);

  const outcome = context.statusDesk.answerFixVerification === undefined ? 'not-open' : await context.statusDesk.answerFixVerification(token, { request, verdict, note });
  if (outcome === 'unknown') return sendPlainNotFound(res);
  if (outcome === 'recorded') {
    res.writeHead(303, { location: `/status/${token}?lang=${language}&sent=1`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    res.end();
    return;
  }
  // Refused: the page as it stands now (a newer request, the answer given), saying why.
  const fresh = (await context.statusDesk.status(token)) ?? status;
  return render(409, outcome === 'already-answered' ? 'already-answered' : 'not-open', { verdict: null, note }, fresh);
}
