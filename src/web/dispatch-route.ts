import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrganisationView } from '../flows/intake/intake-ports.js';
import { Language } from '../report/report.js';
import { sendNotFoundPage } from './handlers/error-responses.js';
import { handleApiPost } from './handlers/handle-api-post.js';
import { handleFormGet } from './handlers/handle-form-get.js';
import { handleFormPost } from './handlers/handle-form-post.js';
import { handleHallOfFame } from './handlers/handle-hall-of-fame.js';
import { handlePgpKey } from './handlers/handle-pgp-key.js';
import { handlePolicy } from './handlers/handle-policy.js';
import { handleSecurityTxt } from './handlers/handle-security-txt.js';
import { handleStatus } from './handlers/handle-status.js';
import { handleStatusReply } from './handlers/handle-status-reply.js';
import { handleDataExport, handleErase, handleEraseConfirmation } from './handlers/handle-status-privacy.js';
import { handleReceipt } from './handlers/handle-receipt.js';
import { chooseLanguage } from './pages/language.js';
import type { Route } from './http/match-route.js';
import { closeAfterResponse, sendJson, sendMethodNotAllowed, sendPlainNotFound } from './http/respond.js';
import { sendScript } from './http/scripts.js';
import { sendStylesheet } from './pages/stylesheet.js';
import { sendFavicon } from './pages/favicon.js';
import type { WebContext } from './http/web-context.js';

/** Runs the handler for a matched route, after the method check and the organisation lookup. */
export async function dispatchRoute(context: WebContext, css: Buffer, route: Route, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  switch (route.kind) {
    case 'stylesheet':
      if (method === 'GET') sendStylesheet(res, css);
      else sendMethodNotAllowed(res, 'GET, HEAD');
      return;
    case 'favicon':
      if (method === 'GET') sendFavicon(res);
      else sendMethodNotAllowed(res, 'GET, HEAD');
      return;
    case 'script':
      if (method === 'GET') sendScript(res, route.name);
      else sendMethodNotAllowed(res, 'GET, HEAD');
      return;
    case 'status-data':
      if (method === 'GET') await handleDataExport(context, res, route.token);
      else sendMethodNotAllowed(res, 'GET, HEAD');
      return;
    case 'status-receipt':
      if (method === 'GET') await handleReceipt(context, res, route.token);
      else sendMethodNotAllowed(res, 'GET, HEAD');
      return;
    case 'status-erase':
      // GET asks for confirmation; only the confirmed POST erases.
      if (method === 'GET') await handleEraseConfirmation(context, res, url, route.token);
      else if (method === 'POST') await handleErase(context, req, res, url, route.token);
      else sendMethodNotAllowed(res, 'GET, HEAD, POST');
      return;
    case 'status':
      if (method === 'GET') await handleStatus(context, req, res, url, route.token);
      else if (method === 'POST') await handleStatusReply(context, req, res, url, route.token);
      else sendMethodNotAllowed(res, 'GET, HEAD, POST');
      return;
    case 'form': {
      if (method !== 'GET' && method !== 'POST') return sendMethodNotAllowed(res, 'GET, HEAD, POST');
      const org = await lookup(context, route.org);
      if (org === null) {
        const language = chooseLanguage(url.searchParams.get('lang'), req.headers['accept-language'], Language.options);
        return sendNotFoundPage(res, { language }, method === 'POST' ? closeAfterResponse(req, res) : {});
      }
      if (method === 'GET') return handleFormGet(context, req, res, url, org);
      return handleFormPost(context, req, res, url, org);
    }
    case 'api': {
      if (method !== 'POST') return sendMethodNotAllowed(res, 'POST');
      const org = await lookup(context, route.org);
      if (org === null) {
        const errors = [{ field: 'org', message: 'no such organisation, or Disclosure Desk is not installed there' }];
        return sendJson(res, 404, { errors }, closeAfterResponse(req, res));
      }
      return handleApiPost(context, req, res, org.login);
    }
    case 'pgp-key': {
      if (method !== 'GET') return sendMethodNotAllowed(res, 'GET, HEAD');
      if (!context.pgp || (await lookup(context, route.org)) === null) return sendPlainNotFound(res);
      return handlePgpKey(context, res);
    }
    case 'security-txt':
      if (method === 'GET') await handleSecurityTxt(context, res, route);
      else sendMethodNotAllowed(res, 'GET, HEAD');
      return;
    case 'policy':
    case 'hall-of-fame': {
      if (method !== 'GET') return sendMethodNotAllowed(res, 'GET, HEAD');
      const found = route.org === null ? null : await context.pages.publicConfig(route.org);
      if (found === null) return sendNotFoundPage(res, { language: chooseLanguage(url.searchParams.get('lang'), req.headers['accept-language'], Language.options) });
      if (route.kind === 'policy') return handlePolicy(context, req, res, url, found);
      return handleHallOfFame(context, req, res, url, found);
    }
  }
}

/** null for a malformed login and for an organisation the app is not installed on. */
async function lookup(context: WebContext, login: string | null): Promise<OrganisationView | null> {
  return login === null ? null : context.pages.organisation(login);
}
