import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SafeHtml } from './html.js';

/** The policy of every page that runs no script at all. */
const NO_SCRIPT_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Headers every HTML page carries: no inline script or style, no framing, no sniffing. */
export const HTML_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': NO_SCRIPT_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

/**
 * For the one page that runs our scripts (the report form when an OpenPGP key is set): script
 * files and fetches (the key) from this origin only. Still no inline script, no eval, no CDN.
 * Pass as the `extra` headers of {@link sendHtml}.
 */
export const SCRIPTED_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': NO_SCRIPT_CSP.replace("default-src 'none';", "default-src 'none'; script-src 'self'; connect-src 'self';"),
};

/** How a response may be cached and referred: pages that show a status token are secret. */
export interface PagePrivacy {
  /** `no-referrer` for pages whose URL or content carries a status token. */
  referrer: 'no-referrer' | 'same-origin';
  noStore: boolean;
}

/** Public pages (form, errors): the URL is no secret, but answers to a POST are never cached. */
export const PUBLIC_PAGE: PagePrivacy = { referrer: 'same-origin', noStore: true };
/** Pages that show or sit behind a status token. */
export const SECRET_PAGE: PagePrivacy = { referrer: 'no-referrer', noStore: true };

/** Extra response headers, e.g. Retry-After. */
export type ExtraHeaders = Record<string, string>;

/** Sends an HTML page with the security headers. */
export function sendHtml(res: ServerResponse, status: number, page: SafeHtml, privacy: PagePrivacy, extra: ExtraHeaders = {}): void {
  res.writeHead(status, {
    ...HTML_SECURITY_HEADERS,
    'Referrer-Policy': privacy.referrer,
    'Cache-Control': privacy.noStore ? 'no-store' : 'no-cache',
    ...extra,
  });
  res.end(page.value);
}

/** Sends JSON. API answers may carry a status token, so none is cached. */
export function sendJson(res: ServerResponse, status: number, body: unknown, extra: ExtraHeaders = {}): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(JSON.stringify(body));
}

/**
 * The one 404 for status links: the same bytes and headers whether the token is malformed
 * or unknown, so a prober learns nothing about which tokens exist.
 */
export function sendPlainNotFound(res: ServerResponse): void {
  res.writeHead(404, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end('Not found\n');
}

/**
 * For answers given before the body was read to its end (413, 429, 415): tell the client the
 * connection closes, and drop it once the answer is out, so we never read the rest.
 */
export function closeAfterResponse(req: IncomingMessage, res: ServerResponse): ExtraHeaders {
  if (req.readableEnded) return {};
  res.once('finish', () => req.destroy());
  return { Connection: 'close' };
}

/** 405 for a path we serve but a method we do not. */
export function sendMethodNotAllowed(res: ServerResponse, allow: string): void {
  res.writeHead(405, { Allow: allow, 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end('Method not allowed\n');
}
