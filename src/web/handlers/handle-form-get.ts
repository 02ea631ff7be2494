import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrganisationView } from '../../flows/intake/intake-ports.js';
import { formPageHeaders, renderFormPage } from '../pages/form-page.js';
import { emptyFormView } from '../pages/form-view.js';
import { chooseLanguage } from '../pages/language.js';
import { PUBLIC_PAGE, sendHtml } from '../http/respond.js';
import type { WebContext } from '../http/web-context.js';

/** `GET /orgs/{org}/report`: the empty form in the negotiated language. */
export function handleFormGet(context: WebContext, req: IncomingMessage, res: ServerResponse, url: URL, org: OrganisationView): void {
  const language = chooseLanguage(url.searchParams.get('lang'), req.headers['accept-language'], org.languages);
  const view = emptyFormView(context, org, language, url);
  sendHtml(res, 200, renderFormPage(view), { ...PUBLIC_PAGE, noStore: false }, formPageHeaders(view));
}
