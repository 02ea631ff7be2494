import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrganisationView } from '../intake/intake-service.js';
import { formPageHeaders, renderFormPage } from './form-page.js';
import { emptyFormView } from './form-view.js';
import { chooseLanguage } from './language.js';
import { PUBLIC_PAGE, sendHtml } from './respond.js';
import type { WebContext } from './web-context.js';

/** `GET /orgs/{org}/report`: the empty form in the negotiated language. */
export function handleFormGet(context: WebContext, req: IncomingMessage, res: ServerResponse, url: URL, org: OrganisationView): void {
  const language = chooseLanguage(url.searchParams.get('lang'), req.headers['accept-language'], org.languages);
  const view = emptyFormView(context, org, language, url);
  sendHtml(res, 200, renderFormPage(view), { ...PUBLIC_PAGE, noStore: false }, formPageHeaders(view));
}
