import type { IncomingMessage, ServerResponse } from 'node:http';
import { LANGUAGES } from '../../i18n/catalogues.js';
import type { Language } from '../../report/report.js';
import type { SafeHtml } from '../http/html.js';
import { closeAfterResponse, SECRET_PAGE, sendHtml } from '../http/respond.js';
import { readBody } from '../http/read-body.js';
import { mediaType } from '../http/media-type.js';
import { csrfValid, openSession, readCookie, SESSION_COOKIE, type StaffSession } from '../http/staff-session.js';
import type { StaffContext } from '../http/staff-context.js';
import { chooseLanguage } from '../pages/language.js';
import { renderStaffMessage } from '../pages/staff-message-page.js';
import { type StaffKey, staffTranslator } from '../pages/staff-strings.js';
import { bodyErrorKind } from '../http/body-error-kind.js';

/** A staff form carries a CSRF token and nothing big. */
const MAX_STAFF_FORM_BYTES = 8 * 1024;

/** Staff pages are never cached and never referred: they show contact details and report facts. */
export function sendStaffHtml(res: ServerResponse, status: number, page: SafeHtml, cookies: readonly string[] = [], extra: Record<string, string> = {}): void {
  if (cookies.length > 0) res.setHeader('Set-Cookie', [...cookies]);
  sendHtml(res, status, page, SECRET_PAGE, extra);
}

/** A page that only says something, in the staff member's language. */
export function sendStaffMessage(
  res: ServerResponse,
  status: number,
  language: Language,
  title: StaffKey,
  paragraphs: Array<{ key: StaffKey; params?: Record<string, string | number> }>,
  options: { cookies?: readonly string[]; signOut?: { csrf: string }; extra?: Record<string, string> } = {},
): void {
  const t = staffTranslator(language);
  const page = renderStaffMessage({
    t,
    language,
    title: t(title),
    paragraphs: paragraphs.map((p) => t(p.key, p.params)),
    ...(options.signOut === undefined ? {} : { signOut: options.signOut }),
  });
  sendStaffHtml(res, status, page, options.cookies, options.extra);
}

/** The language of a staff page: `?lang=`, then the browser's, then `fallback` (the tracking language). */
export function staffLanguage(req: IncomingMessage, url: URL, fallback: Language = 'en'): Language {
  const offered: Language[] = [fallback, ...LANGUAGES.filter((language) => language !== fallback)];
  return chooseLanguage(url.searchParams.get('lang'), req.headers['accept-language'], offered);
}

/** The session of the request's cookie, or null (none, tampered with, expired). */
export function staffSession(context: StaffContext, req: IncomingMessage): StaffSession | null {
  return openSession(context.keys, readCookie(req, SESSION_COOKIE), context.now());
}

/** 503 while GitHub cannot answer who may do what: nothing was done. */
export function sendStaffUnavailable(res: ServerResponse, language: Language): void {
  sendStaffMessage(res, 503, language, 'unavailable.title', [{ key: 'unavailable.body' }], { extra: { 'Retry-After': '30' } });
}

/**
 * Reads a staff form (url-encoded, small) and checks its CSRF token against the session.
 * Answers the refusal itself (403 for a missing or wrong token, 400/413 for a body that is
 * not such a form) and resolves null then; otherwise the form's fields.
 */
export async function readStaffForm(
  context: StaffContext,
  req: IncomingMessage,
  res: ServerResponse,
  session: StaffSession,
  language: Language,
  maxBytes = MAX_STAFF_FORM_BYTES,
): Promise<URLSearchParams | null> {
  let fields = new URLSearchParams();
  if (mediaType(req) === 'application/x-www-form-urlencoded') {
    try {
      fields = new URLSearchParams((await readBody(req, maxBytes)).toString('utf8'));
    } catch (error) {
      const kind = bodyErrorKind(error);
      sendStaffMessage(res, kind.reason === 'too-large' ? 413 : 400, language, 'csrf.title', [{ key: 'csrf.body' }], { extra: closeAfterResponse(req, res) });
      return null;
    }
  } else {
    req.resume();
  }
  if (!csrfValid(context.keys, session, fields.get('csrf') ?? undefined)) {
    context.log.info({ staff: session.login }, 'staff form refused: CSRF token missing or wrong');
    sendStaffMessage(res, 403, language, 'csrf.title', [{ key: 'csrf.body' }]);
    return null;
  }
  return fields;
}
