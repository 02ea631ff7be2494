import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The staff session cookie: who signed in, until when. Path /staff only. */
export const SESSION_COOKIE = 'dd_staff_session';
/** The sign-in state cookie, from the start of a sign-in to its callback. */
export const STATE_COOKIE = 'dd_staff_sign_in';
/** A staff session lasts a working day; then sign in again. */
export const SESSION_TTL_MS = 8 * 60 * 60_000;
/** A sign-in must come back from GitHub within this. */
export const STATE_TTL_MS = 10 * 60_000;

/** A signed-in staff member, as the session cookie says. Access is checked apart, on every request. */
export interface StaffSession {
  login: string;
  expiresAt: Date;
  /** Random per session: the CSRF token is derived from it. */
  sid: string;
}

/** A sign-in under way, as its state cookie says. */
export interface SignInState {
  state: string;
  expiresAt: Date;
  /** The staff path to go back to once signed in. */
  next: string;
}

/**
 * The keys of the staff pages, derived from one secret that every instance shares (kept in
 * the store): one for sessions, one for sign-in states, one for CSRF tokens, so a value made
 * for one purpose never passes as another.
 */
export interface StaffKeys {
  session: Buffer;
  state: Buffer;
  csrf: Buffer;
}

export function staffKeys(secret: string): StaffKeys {
  const derive = (purpose: string) => createHmac('sha256', secret).update(`disclosure-desk staff ${purpose}`).digest();
  return { session: derive('session'), state: derive('sign-in state'), csrf: derive('csrf') };
}

/** `payload.signature`, both base64url: the payload is JSON, the signature its HMAC-SHA256. */
function sign(key: Buffer, value: object): string {
  const payload = Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

/** The payload of a signed value whose signature holds, else null. */
function verify(key: Buffer, token: string | undefined): Record<string, unknown> | null {
  if (token === undefined || token.length > 4096) return null;
  const [payload, signature, ...rest] = token.split('.');
  if (payload === undefined || signature === undefined || rest.length > 0) return null;
  if (!equalText(signature, createHmac('sha256', key).update(payload).digest('base64url'))) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Compares two strings in constant time (for equal lengths). */
export function equalText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function newSession(login: string, now: Date): StaffSession {
  return { login, expiresAt: new Date(now.getTime() + SESSION_TTL_MS), sid: randomBytes(16).toString('base64url') };
}

export function sealSession(keys: StaffKeys, session: StaffSession): string {
  return sign(keys.session, { l: session.login, e: session.expiresAt.getTime(), s: session.sid });
}

/** The session a cookie holds: null when missing, tampered with, malformed or expired. */
export function openSession(keys: StaffKeys, token: string | undefined, now: Date): StaffSession | null {
  const value = verify(keys.session, token);
  if (value === null) return null;
  const { l: login, e: expires, s: sid } = value;
  if (typeof login !== 'string' || typeof sid !== 'string' || typeof expires !== 'number') return null;
  if (expires <= now.getTime() || expires > now.getTime() + SESSION_TTL_MS) return null;
  return { login, expiresAt: new Date(expires), sid };
}

export function newSignInState(next: string, now: Date): SignInState {
  return { state: randomBytes(32).toString('base64url'), expiresAt: new Date(now.getTime() + STATE_TTL_MS), next };
}

export function sealSignInState(keys: StaffKeys, state: SignInState): string {
  return sign(keys.state, { s: state.state, e: state.expiresAt.getTime(), n: state.next });
}

/** The sign-in a state cookie holds: null when missing, tampered with, malformed or expired. */
export function openSignInState(keys: StaffKeys, token: string | undefined, now: Date): SignInState | null {
  const value = verify(keys.state, token);
  if (value === null) return null;
  const { s: state, e: expires, n: next } = value;
  if (typeof state !== 'string' || typeof next !== 'string' || typeof expires !== 'number') return null;
  if (expires <= now.getTime() || expires > now.getTime() + STATE_TTL_MS) return null;
  return { state, expiresAt: new Date(expires), next };
}

/** What the store keeps of a used state: its hash, never the state. */
export function stateHash(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}

/** The CSRF token of a session: every staff form posts it back. */
export function csrfToken(keys: StaffKeys, session: StaffSession): string {
  return createHmac('sha256', keys.csrf).update(`${session.sid}\n${session.login}`).digest('base64url');
}

export function csrfValid(keys: StaffKeys, session: StaffSession, token: string | undefined): boolean {
  return token !== undefined && equalText(token, csrfToken(keys, session));
}

/** One cookie of the request, by name; undefined when absent. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/**
 * A `Set-Cookie` value for the staff pages: HttpOnly, SameSite=Lax, Path=/staff, Secure when
 * the desk is served over https. `value` null clears the cookie.
 */
export function staffCookie(name: string, value: string | null, options: { maxAgeMs: number; secure: boolean }): string {
  const parts = [`${name}=${value ?? ''}`, 'Path=/staff', 'HttpOnly', 'SameSite=Lax', `Max-Age=${value === null ? 0 : Math.floor(options.maxAgeMs / 1000)}`];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
