import { type GitHubSignIn, SignInRefusedError, SignInUnavailableError } from '../ports/github-sign-in.js';

/** What sign-in needs: the GitHub App's OAuth client, and where GitHub is. */
export interface SignInSettings {
  /** The GitHub App's client id (`GITHUB_CLIENT_ID`). */
  clientId: string;
  /** The GitHub App's client secret (`GITHUB_CLIENT_SECRET`). Never logged. */
  clientSecret: string;
  /** GitHub's web host: `https://github.com`, or `GHE_PROTOCOL://GHE_HOST`. */
  webBase: string;
  /** GitHub's API: `https://api.github.com`, or `GHE_PROTOCOL://GHE_HOST/api/v3`. */
  apiBase: string;
  /** Each request to GitHub gives up after this long; default 10 s. */
  timeoutMs?: number;
}

/** Where GitHub is, as Probot reads it: github.com, or GitHub Enterprise (or a local fake) at GHE_HOST. */
export function githubBases(env: NodeJS.ProcessEnv): { webBase: string; apiBase: string } {
  const host = env.GHE_HOST?.trim();
  if (!host) return { webBase: 'https://github.com', apiBase: 'https://api.github.com' };
  const webBase = `${env.GHE_PROTOCOL?.trim() || 'https'}://${host}`;
  return { webBase, apiBase: `${webBase}/api/v3` };
}

const API_HEADERS = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28',
  'user-agent': 'disclosure-desk',
};

/**
 * Sign-in with GitHub through the GitHub App's own OAuth user authorization (the web
 * application flow): the code is exchanged at `/login/oauth/access_token`, the token asks
 * `GET /user` who signed in, and is then revoked. The token never leaves this function: it
 * is not stored, returned or logged, and no error carries it.
 */
export function createGitHubSignIn(settings: SignInSettings): GitHubSignIn {
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const web = settings.webBase.replace(/\/+$/, '');
  const api = settings.apiBase.replace(/\/+$/, '');

  async function call(url: string, init: RequestInit, what: string): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new SignInUnavailableError(`${what}: GitHub could not be reached`, { cause: error });
    }
  }

  function refusedOrUnavailable(response: Response, what: string): Error {
    return response.status >= 500 || response.status === 429
      ? new SignInUnavailableError(`${what}: GitHub answered ${response.status}`)
      : new SignInRefusedError(`${what}: GitHub answered ${response.status}`);
  }

  async function json(response: Response, what: string): Promise<Record<string, unknown>> {
    try {
      const body: unknown = await response.json();
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
    } catch {
      // Answered below: not JSON is not an answer we can use.
    }
    throw new SignInRefusedError(`${what}: GitHub's answer was not a JSON object`);
  }

  async function exchange(code: string, redirectUri: string): Promise<string> {
    const what = 'token exchange';
    const response = await call(
      `${web}/login/oauth/access_token`,
      {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json', 'user-agent': API_HEADERS['user-agent'] },
        body: JSON.stringify({ client_id: settings.clientId, client_secret: settings.clientSecret, code, redirect_uri: redirectUri }),
      },
      what,
    );
    if (!response.ok) throw refusedOrUnavailable(response, what);
    const body = await json(response, what);
    // GitHub answers a bad code with 200 and `error` (bad_verification_code, redirect_uri_mismatch, …).
    if (typeof body.error === 'string') throw new SignInRefusedError(`${what}: GitHub refused the code (${body.error.replace(/[^a-z_]/g, '')})`);
    const token = body.access_token;
    if (typeof token !== 'string' || token === '') throw new SignInRefusedError(`${what}: GitHub's answer held no token`);
    return token;
  }

  async function whoIs(token: string): Promise<string> {
    const what = 'GET /user';
    const response = await call(`${api}/user`, { headers: { ...API_HEADERS, authorization: `Bearer ${token}` } }, what);
    if (!response.ok) throw refusedOrUnavailable(response, what);
    const body = await json(response, what);
    if (typeof body.login !== 'string' || body.login === '') throw new SignInRefusedError(`${what}: GitHub's answer held no login`);
    return body.login;
  }

  /** The token has done its one job: revoke it, so a copy of it is worth nothing. Best effort. */
  async function revoke(token: string): Promise<void> {
    const basic = Buffer.from(`${settings.clientId}:${settings.clientSecret}`, 'utf8').toString('base64');
    await call(
      `${api}/applications/${encodeURIComponent(settings.clientId)}/token`,
      { method: 'DELETE', headers: { ...API_HEADERS, authorization: `Basic ${basic}`, 'content-type': 'application/json' }, body: JSON.stringify({ access_token: token }) },
      'revoke token',
    ).catch(() => undefined);
  }

  return {
    authorizeUrl(redirectUri, state) {
      const query = new URLSearchParams({ client_id: settings.clientId, redirect_uri: redirectUri, state, allow_signup: 'false' });
      return `${web}/login/oauth/authorize?${query.toString()}`;
    },
    async loginFor(code, redirectUri) {
      const token = await exchange(code, redirectUri);
      try {
        return await whoIs(token);
      } finally {
        await revoke(token);
      }
    },
  };
}
