import type { ScriptName } from './scripts.js';

/** GitHub login rules, loosely: the org segment must look like one, else 404 without a lookup. */
const ORG_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/** A request path we answer; `org` is null when the segment cannot be a GitHub login. */
export type Route =
  | { kind: 'form'; org: string | null }
  | { kind: 'api'; org: string | null }
  | { kind: 'pgp-key'; org: string | null }
  | { kind: 'policy'; org: string | null }
  | { kind: 'hall-of-fame'; org: string | null }
  /** `wellKnown`: the default organisation's, served at `/.well-known/security.txt` too. */
  | { kind: 'security-txt'; org: string | null; wellKnown: boolean }
  | { kind: 'status'; token: string }
  | { kind: 'status-data'; token: string }
  | { kind: 'status-erase'; token: string }
  /** The researcher's signed receipt. */
  | { kind: 'status-receipt'; token: string }
  | { kind: 'stylesheet' }
  | { kind: 'favicon' }
  | { kind: 'script'; name: ScriptName };

/**
 * Maps a path to one of our routes, or null so Probot handles it (its webhook path, its
 * own pages). Methods are checked by the route handlers.
 */
export function matchRoute(pathname: string, defaultOrg: string | undefined): Route | null {
  if (pathname === '/assets/style.css') return { kind: 'stylesheet' };
  if (pathname === '/assets/favicon.svg' || pathname === '/favicon.ico') return { kind: 'favicon' };
  if (pathname === '/assets/encrypt-form.js') return { kind: 'script', name: 'encrypt-form.js' };
  if (pathname === '/assets/openpgp.mjs') return { kind: 'script', name: 'openpgp.mjs' };
  if (pathname === '/report' && defaultOrg !== undefined) return { kind: 'form', org: login(defaultOrg) };
  const form = /^\/orgs\/([^/]+)\/report$/.exec(pathname);
  if (form?.[1] !== undefined) return { kind: 'form', org: login(form[1]) };
  if (pathname === '/pgp-key.asc' && defaultOrg !== undefined) return { kind: 'pgp-key', org: login(defaultOrg) };
  const pgpKey = /^\/orgs\/([^/]+)\/pgp-key\.asc$/.exec(pathname);
  if (pgpKey?.[1] !== undefined) return { kind: 'pgp-key', org: login(pgpKey[1]) };
  if (pathname === '/.well-known/security.txt' && defaultOrg !== undefined) return { kind: 'security-txt', org: login(defaultOrg), wellKnown: true };
  const page = /^\/orgs\/([^/]+)\/(policy|hall-of-fame|security\.txt)$/.exec(pathname);
  if (page?.[1] !== undefined) {
    const org = login(page[1]);
    if (page[2] === 'policy') return { kind: 'policy', org };
    if (page[2] === 'hall-of-fame') return { kind: 'hall-of-fame', org };
    return { kind: 'security-txt', org, wellKnown: org !== null && org.toLowerCase() === defaultOrg?.toLowerCase() };
  }
  const api = /^\/api\/v1\/orgs\/([^/]+)\/reports$/.exec(pathname);
  if (api?.[1] !== undefined) return { kind: 'api', org: login(api[1]) };
  const privacy = /^\/status\/([^/]+)\/(data\.json|erase|receipt\.asc)$/.exec(pathname);
  if (privacy?.[1] !== undefined) {
    const kind = privacy[2] === 'erase' ? 'status-erase' : privacy[2] === 'receipt.asc' ? 'status-receipt' : 'status-data';
    return { kind, token: privacy[1] };
  }
  const status = /^\/status\/([^/]+)$/.exec(pathname);
  if (status?.[1] !== undefined) return { kind: 'status', token: status[1] };
  return null;
}

function login(segment: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return ORG_LOGIN.test(decoded) ? decoded : null;
}
