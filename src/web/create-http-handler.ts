import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveLimits, type IntakeLimits } from '../report/intake-limits.js';
import type { PublicPages, ReportIntake, StatusDesk } from '../flows/intake/intake-ports.js';
import type { ReceiptDesk } from '../flows/intake/receipt-desk.js';
import { createRateLimiter } from './http/rate-limit.js';
import type { OrgPgp } from '../ports/org-pgp.js';
import type { OrgPgpFor } from '../ports/org-pgp-source.js';
import { errorName } from './handlers/accept-report.js';
import { dispatchRoute } from './dispatch-route.js';
import { matchRoute } from './http/match-route.js';
import { sendJson } from './http/respond.js';
import { loadStrings } from './pages/strings.js';
import { loadStylesheet } from './pages/stylesheet.js';
import type { WebContext, WebLog } from './http/web-context.js';
import type { StaffRoutesDeps } from './http/staff-context.js';
import { createStaffRoutes } from './staff-routes.js';

/** What the web routes need. Everything but the three ports has a default. */
export interface HttpHandlerDeps {
  /** Durable acceptance of a report. */
  intake: ReportIntake;
  /** Organisation lookup, effective config and hall of fame for the public pages. */
  pages: PublicPages;
  /** The status page's port: status, replies, export, erasure. */
  statusDesk: StatusDesk;
  /** The researcher's signed receipt (`/status/{token}/receipt.asc`); without it that route is a 404. */
  receipts?: ReceiptDesk;
  /** When set, `/report` serves this organisation's form too. */
  defaultOrg?: string;
  /** Overrides for {@link DEFAULT_LIMITS}, e.g. from `limitsFromEnv(process.env)`. */
  limits?: Partial<IntakeLimits>;
  /** Take the client address from the first `X-Forwarded-For` hop (only behind a proxy you run). */
  trustProxy?: boolean;
  /** The clock for rate limiting, security.txt's Expires and the policy page; tests pass a fixed one. */
  now?: () => Date;
  /** Public base URL, e.g. `https://desk.example.org`, for absolute status links; root-relative without. */
  publicUrl?: string;
  /** The organisation's OpenPGP key from `loadOrgPgp(env)`; without it encrypted reports are refused and no key is served. */
  pgp?: OrgPgp | null;
  /** Each organisation's own key (organisation settings), falling back to `pgp`; routes of an organisation use it instead of `pgp`. */
  pgpFor?: OrgPgpFor;
  log?: WebLog;
  /** The staff pages under `/staff` (sign-in with GitHub); without it those paths are not ours. */
  staff?: Omit<StaffRoutesDeps, 'log' | 'now'>;
}

/** Probot's `addHandler` signature: true when we answered, false to let Probot go on. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const SILENT: WebLog = { info: () => undefined, warn: () => undefined };

/**
 * The web routes: report form (`/orgs/{org}/report`, and `/report` with `defaultOrg`), JSON
 * API (`/api/v1/orgs/{org}/reports`), status page (`/status/{token}`), the organisation's
 * OpenPGP key (`/orgs/{org}/pgp-key.asc`, and `/pgp-key.asc` with `defaultOrg`) and the stylesheet.
 * Strings and stylesheet are read here, so a broken install fails at startup.
 */
export function createHttpHandler(deps: HttpHandlerDeps): HttpHandler {
  loadStrings();
  const css = loadStylesheet();
  const limits = resolveLimits(deps.limits);
  const context: WebContext = {
    intake: deps.intake,
    pages: deps.pages,
    statusDesk: deps.statusDesk,
    receipts: deps.receipts ?? null,
    limits,
    limiter: createRateLimiter(limits.rateLimit, deps.now),
    trustProxy: deps.trustProxy ?? false,
    publicUrl: deps.publicUrl,
    pgp: deps.pgp ?? null,
    now: deps.now ?? (() => new Date()),
    log: deps.log ?? SILENT,
  };

  const staff = deps.staff === undefined ? null : createStaffRoutes({ ...deps.staff, now: context.now, log: context.log });

  return async function handle(req, res) {
    const url = requestUrl(req.url);
    if (url !== null && staff !== null) {
      try {
        if (await staff(req, res, url)) return true;
      } catch (error) {
        // A bug or an unreachable store: nothing was done, and nothing is claimed.
        context.log.warn({ route: 'staff', error: errorName(error) }, 'request failed');
        if (res.headersSent) res.destroy();
        else {
          res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
          res.end('Temporarily unavailable. Nothing was done; please try again later.\n');
        }
        return true;
      }
    }
    const route = url && matchRoute(url.pathname, deps.defaultOrg);
    if (!url || !route) return false;
    try {
      // The organisation's own key, resolved per request: a rotation shows at once.
      const org = 'org' in route ? route.org : null;
      const routeContext = deps.pgpFor !== undefined && org !== null ? { ...context, pgp: await deps.pgpFor(org) } : context;
      await dispatchRoute(routeContext, css, route, req, res, url);
    } catch (error) {
      // A bug or an unreachable store: say nothing was stored, never pretend success.
      context.log.warn({ route: route.kind, error: errorName(error) }, 'request failed');
      if (res.headersSent) res.destroy();
      else if (route.kind === 'api') sendJson(res, 503, { errors: [{ field: 'request', message: 'temporarily unavailable; nothing was stored, please try again later' }] });
      else {
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
        res.end('Temporarily unavailable. Nothing was stored; please try again later.\n');
      }
    }
    return true;
  };
}

/** The request target as a URL; null for anything that is not an origin-form path. */
function requestUrl(target: string | undefined): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    return new URL(`http://localhost${target}`);
  } catch {
    return null;
  }
}
