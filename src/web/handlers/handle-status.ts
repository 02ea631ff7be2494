import type { IncomingMessage, ServerResponse } from 'node:http';
import { Language } from '../../report/report.js';
import { asLanguage } from '../pages/language.js';
import { languageLinks } from '../pages/layout.js';
import { SECRET_PAGE, sendHtml } from '../http/respond.js';
import { findStatus, organisationName } from './find-status.js';
import { renderStatusPage } from '../pages/status-page.js';
import { translator } from '../pages/strings.js';
import type { WebContext } from '../http/web-context.js';

/**
 * `GET /status/{token}`: the report's state and deadlines, in the report's language unless
 * `?lang=` asks otherwise. Malformed and unknown tokens get the same plain 404. The URL is a
 * secret, hence no-referrer and no-store.
 */
export async function handleStatus(context: WebContext, req: IncomingMessage, res: ServerResponse, url: URL, token: string): Promise<void> {
  const status = await findStatus(context, res, token);
  if (status === null) return;
  const language = asLanguage(url.searchParams.get('lang')) ?? status.language;
  const page = renderStatusPage({
    t: translator(language),
    language,
    orgName: await organisationName(context, status),
    status,
    languageLinks: languageLinks(url, language, Language.options),
    ...(url.searchParams.get('sent') === '1' ? { notice: 'sent' as const } : {}),
    erased: url.searchParams.get('erased') === '1',
    token,
  });
  sendHtml(res, 200, page, SECRET_PAGE);
}
