import type { IncomingMessage, ServerResponse } from 'node:http';
import { isGitHubLogin } from '../flows/org-directory.js';
import { REPORT_ID } from '../report/ids.js';
import { errorName } from './handlers/accept-report.js';
import { handleAttachment, handleReveal, handleStaffReport } from './handlers/staff-report.js';
import { sendStaffMessage, sendStaffUnavailable, staffLanguage } from './handlers/staff-responses.js';
import { handleSignInCallback, handleSignOut } from './handlers/staff-sign-in.js';
import { handleSettingsPage, handleSettingsPost } from './handlers/staff-settings.js';
import { sendMethodNotAllowed, sendPlainNotFound } from './http/respond.js';
import { absoluteUrl, type StaffContext, type StaffRoutesDeps } from './http/staff-context.js';
import { staffKeys } from './http/staff-session.js';

/** A path under `/staff` we answer. */
export type StaffRoute =
  | { kind: 'callback' }
  | { kind: 'sign-out' }
  | { kind: 'report'; org: string; id: string }
  | { kind: 'reveal'; org: string; id: string }
  | { kind: 'attachment'; org: string; id: string; position: number }
  /** The organisation's settings (owners only): the page, and its key and mailbox forms. */
  | { kind: 'settings'; org: string; form: 'key' | 'mailbox' | null };

/** `/staff` and everything under it belongs to the staff pages. */
export function isStaffPath(pathname: string): boolean {
  return pathname === '/staff' || pathname.startsWith('/staff/');
}

/** Maps a path under `/staff` to a staff route; null for anything else there (a plain 404). */
export function matchStaffRoute(pathname: string): StaffRoute | null {
  if (pathname === '/staff/callback') return { kind: 'callback' };
  if (pathname === '/staff/sign-out') return { kind: 'sign-out' };
  const settings = /^\/staff\/orgs\/([^/]+)\/settings(?:\/(key|mailbox))?$/.exec(pathname);
  if (settings !== null) return isGitHubLogin(settings[1] ?? '') ? { kind: 'settings', org: settings[1] ?? '', form: (settings[2] as 'key' | 'mailbox' | undefined) ?? null } : null;
  const match = /^\/staff\/orgs\/([^/]+)\/reports\/([^/]+)(?:\/(reveal)|\/attachments\/([1-9][0-9]{0,2}))?$/.exec(pathname);
  if (match === null) return null;
  const [, org = '', id = '', reveal, position] = match;
  if (!isGitHubLogin(org) || !REPORT_ID.test(id)) return null;
  if (reveal !== undefined) return { kind: 'reveal', org, id };
  if (position !== undefined) return { kind: 'attachment', org, id, position: Number(position) };
  return { kind: 'report', org, id };
}

/**
 * The staff pages, behind sign-in with GitHub: a report's page with the recorded reveal of
 * the researcher's contact details, and its attachments. Answers every path under `/staff`
 * (resolves false for anything else); while GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET or
 * PUBLIC_URL is missing, each with 503 naming them.
 */
export function createStaffRoutes(deps: StaffRoutesDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? { info: () => undefined, warn: () => undefined };
  const publicUrl = absoluteUrl(deps.publicUrl);
  let keys: Promise<ReturnType<typeof staffKeys>> | null = null;

  async function contextFor(): Promise<StaffContext | null> {
    if (deps.signIn === null || publicUrl === null || deps.missing.length > 0) return null;
    keys ??= deps.sessionSecret().then(staffKeys);
    try {
      return {
        desk: deps.desk,
        access: deps.access,
        signIn: deps.signIn,
        keys: await keys,
        consumeSignInState: deps.consumeSignInState,
        redirectUri: `${publicUrl}/staff/callback`,
        secure: publicUrl.startsWith('https:'),
        ...(deps.orgSettings === undefined ? {} : { orgSettings: deps.orgSettings }),
        now,
        log,
      };
    } catch (error) {
      keys = null;
      throw error;
    }
  }

  return async function staffRoutes(req, res, url) {
    if (!isStaffPath(url.pathname)) return false;
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const route = matchStaffRoute(url.pathname);
    if (route === null) {
      req.resume();
      sendPlainNotFound(res);
      return true;
    }
    const expected = route.kind === 'reveal' || route.kind === 'sign-out' || (route.kind === 'settings' && route.form !== null) ? 'POST' : 'GET';
    if (method !== expected) {
      req.resume();
      sendMethodNotAllowed(res, expected === 'GET' ? 'GET, HEAD' : 'POST');
      return true;
    }
    let context: StaffContext | null;
    try {
      context = await contextFor();
    } catch (error) {
      log.warn({ error: errorName(error) }, 'staff pages unavailable: no signing key');
      req.resume();
      sendStaffUnavailable(res, staffLanguage(req, url));
      return true;
    }
    if (context === null) {
      req.resume();
      sendNotConfigured(res, deps.missing.length > 0 ? deps.missing : ['PUBLIC_URL']);
      return true;
    }
    switch (route.kind) {
      case 'callback': {
        const decision = deps.signInLimit === undefined ? { allowed: true as const } : await deps.signInLimit(req);
        if (!decision.allowed) {
          log.info({ route: 'staff-callback' }, 'staff sign-in refused: rate limit');
          sendStaffMessage(res, 429, staffLanguage(req, url), 'signInLimited.title', [{ key: 'signInLimited.body' }], { extra: { 'Retry-After': String(decision.retryAfterSeconds) } });
          break;
        }
        await handleSignInCallback(context, req, res, url, staffLanguage(req, url), orgOfNext);
        break;
      }
      case 'sign-out':
        await handleSignOut(context, req, res, staffLanguage(req, url));
        break;
      case 'report':
        await handleStaffReport(context, req, res, url, route);
        break;
      case 'reveal':
        await handleReveal(context, req, res, url, route);
        break;
      case 'attachment':
        await handleAttachment(context, req, res, url, route);
        break;
      case 'settings':
        if (route.form === null) await handleSettingsPage(context, req, res, url, route.org);
        else await handleSettingsPost(context, req, res, url, route.org, route.form);
        break;
    }
    return true;
  };
}

/** The organisation of the staff page a sign-in started from; null for anything that is not one. */
function orgOfNext(next: string): string | null {
  const [path = '', query] = next.split('?', 2);
  if (query !== undefined && !/^lang=[a-z]{2}$/.test(query)) return null;
  const route = matchStaffRoute(path);
  return route?.kind === 'report' || route?.kind === 'attachment' || (route?.kind === 'settings' && route.form === null) ? route.org : null;
}

/** 503 naming what the operator must set: the page cannot work without them. */
function sendNotConfigured(res: ServerResponse, missing: readonly string[]): void {
  res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(
    `The staff pages are not set up: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set. ` +
      'The operator sets GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (the GitHub App\'s OAuth client) and PUBLIC_URL ' +
      '(with <PUBLIC_URL>/staff/callback as the app\'s callback URL on GitHub); see the README, "The staff page".\n',
  );
}
