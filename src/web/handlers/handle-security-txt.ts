import type { ServerResponse } from 'node:http';
import { cachedClearsign } from '../../flows/cached-clearsign.js';
import { sendPlainNotFound } from '../http/respond.js';
import { publicBase, renderSecurityTxt, securityTxtFields } from '../pages/security-txt.js';
import type { WebContext } from '../http/web-context.js';

/** The security.txt route: which organisation, and whether it is the default one at `/.well-known/`. */
export interface SecurityTxtRoute {
  org: string | null;
  wellKnown: boolean;
}

const NO_PUBLIC_URL =
  'security.txt is not available: its links must be absolute https URLs, and this server has no public address configured.\n' +
  'The operator sets PUBLIC_URL (for example https://desk.example.org) to enable it.\n';

/**
 * `GET /orgs/{org}/security.txt` and, for the default organisation, `/.well-known/security.txt`
 * (RFC 9116). Cleartext-signed with the organisation key when one is configured. Without a
 * public https address (PUBLIC_URL) there are no absolute URLs, so a plain 404 says why.
 */
export async function handleSecurityTxt(context: WebContext, res: ServerResponse, route: SecurityTxtRoute): Promise<void> {
  const base = publicBase(context.publicUrl);
  if (base === null) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(NO_PUBLIC_URL);
    return;
  }
  const found = route.org === null ? null : await context.pages.publicConfig(route.org);
  if (found === null) return sendPlainNotFound(res);
  const { organisation, config } = found;
  const text = renderSecurityTxt(
    securityTxtFields({
      base,
      login: organisation.login,
      email: config.contact.email,
      phone: config.contact.phone,
      hasKey: context.pgp !== null,
      languages: config.languages,
      wellKnown: route.wellKnown,
      now: context.now(),
    }),
  );
  const body = context.pgp === null ? text : await cachedClearsign(context.pgp, text);
  res.writeHead(200, {
    'Content-Type': 'text/plain; charset=utf-8',
    // Expires moves daily and the config may change: keep copies short-lived.
    'Cache-Control': 'public, max-age=300',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}
