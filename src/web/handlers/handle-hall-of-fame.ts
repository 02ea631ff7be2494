import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DisclosureConfig } from '../../config/schema.js';
import type { OrganisationView } from '../../flows/intake/intake-ports.js';
import { renderHallOfFamePage } from '../pages/hall-of-fame-page.js';
import { chooseLanguage } from '../pages/language.js';
import { languageLinks } from '../pages/layout.js';
import { PUBLIC_INFO_PAGE } from '../pages/public-info-page.js';
import { sendHtml } from '../http/respond.js';
import type { WebContext } from '../http/web-context.js';

/** `GET /orgs/{org}/hall-of-fame`: the published advisories and who found them. The caller has found the organisation installed. */
export async function handleHallOfFame(context: WebContext, req: IncomingMessage, res: ServerResponse, url: URL, found: { organisation: OrganisationView; config: DisclosureConfig }): Promise<void> {
  const { organisation, config } = found;
  const language = chooseLanguage(url.searchParams.get('lang'), req.headers['accept-language'], organisation.languages);
  const entries = await context.pages.hallOfFame(organisation.login);
  const page = renderHallOfFamePage({
    language,
    organisation,
    entries,
    showRewards: config.hall_of_fame.show_rewards,
    timeZone: config.sla.time_zone,
    languageLinks: languageLinks(url, language, organisation.languages),
  });
  sendHtml(res, 200, page, PUBLIC_INFO_PAGE, { Vary: 'Accept-Language' });
}
