/**
 * A browser for the staff pages, as far as the tests need one: a cookie jar (Set-Cookie
 * honoured, Max-Age=0 deletes, Path ignored since every staff cookie is `/staff`), no
 * redirects followed, and the sign-in round trip against the fake GitHub OAuth server.
 *
 * ```ts
 * const browser = staffBrowser(base);
 * await browser.signIn(oauth, 'alice', `/staff/orgs/acme/reports/${id}`);
 * const page = await browser.get(`/staff/orgs/acme/reports/${id}`);
 * ```
 */
import type { FakeGitHubOAuth } from './fake-github-oauth.js';

export interface StaffBrowser {
  /** Cookie values by name. */
  cookies: Map<string, string>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** A url-encoded form post. */
  post(path: string, form: Record<string, string>): Promise<Response>;
  /**
   * Opens `path` signed out (the desk sends the browser to GitHub), "signs in" as `login` at
   * the fake and follows GitHub's redirect back to the callback. Resolves with the callback's answer.
   */
  signIn(oauth: FakeGitHubOAuth, login: string, path: string): Promise<Response>;
  /** The first two steps only: the state GitHub would carry back, without calling back. */
  startSignIn(path: string): Promise<{ state: string; authorize: URL; response: Response }>;
}

/** The CSRF token of a staff page's forms. */
export function csrfOf(html: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error('no CSRF token on the page');
  return token;
}

export function staffBrowser(base: string): StaffBrowser {
  const cookies = new Map<string, string>();

  function remember(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const cleared = attributes.some((attribute) => attribute.trim().toLowerCase() === 'max-age=0');
      if (cleared) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  }

  function cookieHeader(): Record<string, string> {
    return cookies.size === 0 ? {} : { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  const browser: StaffBrowser = {
    cookies,
    async get(path, headers = {}) {
      return remember(await fetch(`${base}${path}`, { redirect: 'manual', headers: { ...cookieHeader(), ...headers } }));
    },
    async post(path, form) {
      return remember(
        await fetch(`${base}${path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { ...cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form).toString(),
        }),
      );
    },
    async startSignIn(path) {
      const response = await browser.get(path);
      if (response.status !== 302) throw new Error(`expected a redirect to GitHub, got ${response.status}: ${await response.text()}`);
      const authorize = new URL(response.headers.get('location') ?? '');
      const state = authorize.searchParams.get('state');
      if (state === null) throw new Error('no state in the authorize URL');
      return { state, authorize, response };
    },
    async signIn(oauth, login, path) {
      const { state } = await browser.startSignIn(path);
      const code = oauth.issueCode(login);
      return browser.get(`/staff/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`);
    },
  };
  return browser;
}
