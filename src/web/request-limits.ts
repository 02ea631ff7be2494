import type { IncomingMessage, ServerResponse } from 'node:http';
import { admitPost } from './http/admitted-posts.js';
import { clientAddress, rateLimitKey } from './http/client-ip.js';
import type { SharedRateLimiter } from './http/rate-limit.js';
import type { TrustProxy } from './http/trust-proxy.js';
import { Language } from '../report/report.js';
import { errorName } from './handlers/accept-report.js';
import { sendRateLimitedPage } from './handlers/error-responses.js';
import { chooseLanguage } from './pages/language.js';
import { matchRoute, type Route } from './http/match-route.js';
import { sendJson } from './http/respond.js';
import type { WebLog } from './http/web-context.js';

/** Probot's `addHandler` signature: true when we answered, false to let Probot go on. */
type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** What the request limits need: who the client is, and the limits every instance shares. */
export interface RequestLimitDeps {
  trust: TrustProxy;
  /** Every POST to our routes (reports, replies, erasure): `INTAKE_RATE_LIMIT`. */
  posts: SharedRateLimiter;
  /** Anonymous page reads that may need the store or GitHub: `READ_RATE_LIMIT`. */
  reads: SharedRateLimiter;
  defaultOrg: string | undefined;
  log: WebLog;
}

/** Static assets cost nothing; every other read may cost a store or a GitHub lookup. */
function countsAsRead(route: Route): boolean {
  return route.kind !== 'stylesheet' && route.kind !== 'script' && route.kind !== 'favicon';
}

/**
 * Wraps the routes' handler with the limits every instance shares: each POST to our routes is
 * counted (the handlers answer a refusal in their own format), and anonymous reads beyond
 * their limit are answered 429 here, before any lookup. Paths that are not ours (Probot's
 * webhook path) pass untouched. Clients are keyed by the address the nearest untrusted hop
 * saw (see clientAddress), IPv6 by /64.
 */
export function withRequestLimits(handler: Handler, deps: RequestLimitDeps): Handler {
  return async function limited(req, res) {
    const route = routeOf(req, deps.defaultOrg);
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (route === null || (method !== 'POST' && method !== 'GET')) return handler(req, res);
    const key = rateLimitKey(clientAddress(req, deps.trust));
    try {
      if (method === 'POST') {
        admitPost(req, await deps.posts.hit(key));
      } else if (countsAsRead(route)) {
        const decision = await deps.reads.hit(key);
        if (!decision.allowed) {
          deps.log.info({ route: route.kind }, 'read refused: rate limit');
          sendRefusedRead(req, res, route, decision.retryAfterSeconds);
          return true;
        }
      }
    } catch (error) {
      deps.log.warn({ route: route.kind, error: errorName(error) }, 'rate limit unavailable');
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '30' });
      res.end('Temporarily unavailable. Nothing was stored; please try again later.\n');
      return true;
    }
    return handler(req, res);
  };
}

function routeOf(req: IncomingMessage, defaultOrg: string | undefined): Route | null {
  if (!req.url?.startsWith('/')) return null;
  try {
    return matchRoute(new URL(`http://localhost${req.url}`).pathname, defaultOrg);
  } catch {
    return null;
  }
}

function sendRefusedRead(req: IncomingMessage, res: ServerResponse, route: Route, retryAfterSeconds: number): void {
  if (route.kind === 'api' || route.kind === 'status-data') {
    const message = `too many requests from your network; try again in ${retryAfterSeconds} seconds`;
    return sendJson(res, 429, { errors: [{ field: 'request', message }] }, { 'Retry-After': String(retryAfterSeconds) });
  }
  const lang = new URL(`http://localhost${req.url ?? '/'}`).searchParams.get('lang');
  sendRateLimitedPage(res, { language: chooseLanguage(lang, req.headers['accept-language'], Language.options) }, retryAfterSeconds, {}, 'reads');
}
