import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PublicConfig } from '../../flows/intake/intake-ports.js';
import { chooseLanguage } from '../pages/language.js';
import { languageLinks } from '../pages/layout.js';
import { renderPolicyPage, renderPolicySettingUpPage } from '../pages/policy-page.js';
import { PUBLIC_INFO_PAGE } from '../pages/public-info-page.js';
import { sendHtml } from '../http/respond.js';
import type { WebContext } from '../http/web-context.js';

/**
 * `GET /orgs/{org}/policy`: the organisation's disclosure policy from its config, in the
 * language of `?lang=`, else the browser's, else the organisation's first. The caller has
 * found the organisation installed.
 */
export function handlePolicy(context: WebContext, req: IncomingMessage, res: ServerResponse, url: URL, found: PublicConfig): void {
  const { organisation, config } = found;
  const language = chooseLanguage(url.searchParams.get('lang'), req.headers['accept-language'], organisation.languages);
  if (found.policy === 'setting-up') {
    const links = languageLinks(url, language, organisation.languages);
    sendHtml(res, 200, renderPolicySettingUpPage({ language, organisation, languageLinks: links }), PUBLIC_INFO_PAGE, { Vary: 'Accept-Language' });
    return;
  }
  const page = renderPolicyPage({
    language,
    organisation,
    config,
    keyFingerprint: context.pgp?.fingerprint ?? null,
    now: context.now(),
    languageLinks: languageLinks(url, language, organisation.languages),
  });
  sendHtml(res, 200, page, PUBLIC_INFO_PAGE, { Vary: 'Accept-Language' });
}
