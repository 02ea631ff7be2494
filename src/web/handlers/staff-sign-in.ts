import type { IncomingMessage, ServerResponse } from 'node:http';
import { isGitHubLogin } from '../../flows/org-directory.js';
import { SignInRefusedError } from '../../ports/github-sign-in.js';
import { LANGUAGES } from '../../i18n/catalogues.js';
import type { Language } from '../../report/report.js';
import {
  equalText,
  newSession,
  newSignInState,
  openSignInState,
  readCookie,
  sealSession,
  sealSignInState,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  STATE_COOKIE,
  STATE_TTL_MS,
  staffCookie,
  stateHash,
  type StaffSession,
} from '../http/staff-session.js';
import type { StaffContext } from '../http/staff-context.js';
import { errorName } from './accept-report.js';
import { readStaffForm, sendStaffMessage, sendStaffUnavailable, staffSession } from './staff-responses.js';

/**
 * Starts a sign-in with GitHub: a random state, bound to this browser by a signed,
 * short-lived cookie that also says where to go back to, and off to GitHub's authorize page.
 * `next` is a staff path the router matched (never a URL from outside).
 */
/**
 * The session of a staff request, or null after answering: a GET without one starts a
 * sign-in that comes back to the same page (and `?lang=`), a POST without one is refused.
 */
export function sessionOrSignIn(context: StaffContext, req: IncomingMessage, res: ServerResponse, url: URL, method: 'GET' | 'POST', language: Language): StaffSession | null {
  const session = staffSession(context, req);
  if (session !== null) return session;
  if (method === 'GET') {
    const lang = url.searchParams.get('lang');
    startSignIn(context, res, `${url.pathname}${lang !== null && (LANGUAGES as readonly string[]).includes(lang) ? `?lang=${lang}` : ''}`);
  } else {
    req.resume();
    sendStaffMessage(res, 403, language, 'csrf.title', [{ key: 'csrf.body' }]);
  }
  return null;
}

export function startSignIn(context: StaffContext, res: ServerResponse, next: string): void {
  const signIn = newSignInState(next, context.now());
  res.writeHead(302, {
    Location: context.signIn.authorizeUrl(context.redirectUri, signIn.state),
    'Set-Cookie': staffCookie(STATE_COOKIE, sealSignInState(context.keys, signIn), { maxAgeMs: STATE_TTL_MS, secure: context.secure }),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  res.end();
}

/**
 * `GET /staff/callback?code=…&state=…`: GitHub sends the browser back. The state must be the
 * one of this browser's cookie, unexpired and never used before (on any instance); the code
 * is exchanged for the user's login (the token is used once and let go); then access is
 * checked afresh for the organisation the sign-in started from. Only then a session cookie.
 */
export async function handleSignInCallback(
  context: StaffContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  language: Language,
  orgOf: (next: string) => string | null,
): Promise<void> {
  const clearState = staffCookie(STATE_COOKIE, null, { maxAgeMs: 0, secure: context.secure });
  const failed = (status: number, key: 'signInFailed.body' | 'signInRefused.body') =>
    sendStaffMessage(res, status, language, 'signInFailed.title', [{ key }], { cookies: [clearState] });
  const now = context.now();
  const signIn = openSignInState(context.keys, readCookie(req, STATE_COOKIE), now);
  const state = url.searchParams.get('state') ?? '';
  const code = url.searchParams.get('code') ?? '';
  const org = signIn === null ? null : orgOf(signIn.next);
  if (signIn === null || org === null || state === '' || !equalText(state, signIn.state)) {
    context.log.info({}, 'staff sign-in refused: state missing, wrong or expired');
    return failed(400, 'signInFailed.body');
  }
  if (!(await context.consumeSignInState(stateHash(signIn.state), signIn.expiresAt, now))) {
    context.log.info({}, 'staff sign-in refused: state already used');
    return failed(400, 'signInFailed.body');
  }
  // The researcher declined, or GitHub refused before a code was made.
  if (code === '' || url.searchParams.has('error')) return failed(400, 'signInRefused.body');

  let login: string;
  try {
    login = await context.signIn.loginFor(code, context.redirectUri);
  } catch (error) {
    context.log.warn({ error: errorName(error) }, 'staff sign-in failed at GitHub');
    if (error instanceof SignInRefusedError) return failed(400, 'signInRefused.body');
    return sendStaffUnavailable(res, language);
  }
  if (!isGitHubLogin(login)) return failed(400, 'signInRefused.body');

  let access;
  try {
    access = await context.access.check(org, login, { fresh: true });
  } catch (error) {
    context.log.warn({ org, error: errorName(error) }, 'staff access could not be checked');
    return sendStaffUnavailable(res, language);
  }
  if (access.kind === 'unknown-org') return sendStaffMessage(res, 404, language, 'notFound.title', [{ key: 'notFound.body' }], { cookies: [clearState] });
  if (access.kind === 'denied') {
    context.log.info({ org, staff: login }, 'staff sign-in refused: no write access to the tracking repository');
    return sendStaffMessage(
      res,
      403,
      language,
      'forbidden.title',
      [{ key: 'forbidden.body', params: { login, repo: `${access.org}/${access.repo}`, org: access.org } }, { key: 'forbidden.hint' }],
      { cookies: [clearState] },
    );
  }
  const session = newSession(login, now);
  context.log.info({ org, staff: login }, 'staff signed in');
  res.setHeader('Set-Cookie', [clearState, staffCookie(SESSION_COOKIE, sealSession(context.keys, session), { maxAgeMs: SESSION_TTL_MS, secure: context.secure })]);
  res.writeHead(303, { Location: signIn.next, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
  res.end();
}

/** `POST /staff/sign-out` with the session's CSRF token: the session cookie is cleared. */
export async function handleSignOut(context: StaffContext, req: IncomingMessage, res: ServerResponse, language: Language): Promise<void> {
  const session = staffSession(context, req);
  const cleared = staffCookie(SESSION_COOKIE, null, { maxAgeMs: 0, secure: context.secure });
  if (session === null) {
    req.resume();
    return sendStaffMessage(res, 200, language, 'signedOut.title', [{ key: 'signedOut.body' }], { cookies: [cleared] });
  }
  if ((await readStaffForm(context, req, res, session, language)) === null) return;
  context.log.info({ staff: session.login }, 'staff signed out');
  sendStaffMessage(res, 200, language, 'signedOut.title', [{ key: 'signedOut.body' }], { cookies: [cleared] });
}
