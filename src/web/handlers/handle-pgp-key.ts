import type { ServerResponse } from 'node:http';
import { sendPlainNotFound } from '../http/respond.js';
import type { WebContext } from '../http/web-context.js';

/**
 * `GET /orgs/{org}/pgp-key.asc`: the organisation's armored OpenPGP public key, for
 * researchers who encrypt their report. The caller has found the organisation installed;
 * without a configured key this is a 404 like an unknown organisation.
 */
export function handlePgpKey(context: WebContext, res: ServerResponse): void {
  if (!context.pgp) return sendPlainNotFound(res);
  res.writeHead(200, {
    'Content-Type': 'application/pgp-keys',
    // Public, but the key may be rotated and the installation removed: revalidate within minutes.
    'Cache-Control': 'public, max-age=300',
    'Content-Disposition': 'inline; filename="pgp-key.asc"',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(context.pgp.publicKeyArmored);
}
