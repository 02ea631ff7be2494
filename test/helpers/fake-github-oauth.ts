/**
 * GitHub's side of "sign in with GitHub" for the staff pages, as a local server: the GitHub
 * App's OAuth web flow (`/login/oauth/authorize`, `POST /login/oauth/access_token`) and the
 * two API calls the desk makes with the user token (`GET /api/v3/user`, and revoking it with
 * `DELETE /api/v3/applications/{client_id}/token`). Reached the standard way: point
 * `GHE_HOST` / `GHE_PROTOCOL` (of the core's env) at it.
 *
 * ```ts
 * const oauth = await startFakeGitHubOAuth();
 * const env = { ...oauth.env, PUBLIC_URL: 'https://desk.acme.example' };
 * const code = oauth.issueCode('alice');  // what GitHub would put in the callback URL
 * ```
 *
 * Like GitHub: a code is good once and for one client and redirect URI; a bad code is
 * answered 200 with `error: bad_verification_code`; `GET /user` needs a live token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export const CLIENT_ID = 'Iv1.staffpages0001';
export const CLIENT_SECRET = 'client-secret-for-tests-0123456789abcdef';

/** One request the fake received, without any secret in it. */
export interface OAuthRequest {
  method: string;
  path: string;
  status: number;
}

export interface FakeGitHubOAuth {
  /** `127.0.0.1:<port>`, for GHE_HOST. */
  host: string;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** GHE_HOST, GHE_PROTOCOL, GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET for the core's env. */
  env: Record<string, string>;
  /** A fresh code for `login`, as GitHub would send it to the callback (good once). */
  issueCode(login: string): string;
  /** Makes the next token exchange answer `status` (e.g. 502) with nothing exchanged. */
  failNextExchange(status: number): void;
  /** Every request, in order. */
  requests: OAuthRequest[];
  /** Tokens handed out, and those revoked since. */
  tokensIssued: string[];
  tokensRevoked: string[];
  /** Redirect URIs the exchanges named, in order. */
  redirectUris: string[];
  close(): Promise<void>;
}

export async function startFakeGitHubOAuth(options: { clientId?: string; clientSecret?: string } = {}): Promise<FakeGitHubOAuth> {
  const clientId = options.clientId ?? CLIENT_ID;
  const clientSecret = options.clientSecret ?? CLIENT_SECRET;
  const codes = new Map<string, string>();
  const tokens = new Map<string, string>();
  const failures: number[] = [];
  const requests: OAuthRequest[] = [];
  const tokensIssued: string[] = [];
  const tokensRevoked: string[] = [];
  const redirectUris: string[] = [];

  function reply(res: ServerResponse, req: IncomingMessage, status: number, body?: unknown): void {
    requests.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '', status });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (text === '') return {};
    if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
    return JSON.parse(text) as Record<string, unknown>;
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && url.pathname === '/login/oauth/authorize') {
        // A person would sign in here; tests take the state from the redirect and call back themselves.
        return reply(res, req, 200, { client_id: url.searchParams.get('client_id') });
      }
      if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
        const failure = failures.shift();
        if (failure !== undefined) return reply(res, req, failure, { message: 'fake failure' });
        const body = await bodyOf(req);
        if (req.headers.accept !== 'application/json') return reply(res, req, 406, { message: 'ask for application/json' });
        redirectUris.push(String(body.redirect_uri ?? ''));
        if (body.client_id !== clientId || body.client_secret !== clientSecret) return reply(res, req, 200, { error: 'incorrect_client_credentials' });
        const login = typeof body.code === 'string' ? codes.get(body.code) : undefined;
        if (login === undefined) return reply(res, req, 200, { error: 'bad_verification_code' });
        codes.delete(String(body.code));
        const token = `ghu_${randomBytes(18).toString('hex')}`;
        tokens.set(token, login);
        tokensIssued.push(token);
        return reply(res, req, 200, { access_token: token, token_type: 'bearer', scope: '' });
      }
      if (req.method === 'GET' && url.pathname === '/api/v3/user') {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const login = token === undefined ? undefined : tokens.get(token);
        if (login === undefined) return reply(res, req, 401, { message: 'Bad credentials' });
        return reply(res, req, 200, { login, id: 1, type: 'User' });
      }
      const revoke = /^\/api\/v3\/applications\/([^/]+)\/token$/.exec(url.pathname);
      if (req.method === 'DELETE' && revoke !== null) {
        const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
        const body = await bodyOf(req);
        if (decodeURIComponent(revoke[1] ?? '') !== clientId || req.headers.authorization !== expected) return reply(res, req, 401, { message: 'Bad credentials' });
        const token = String(body.access_token ?? '');
        if (!tokens.delete(token)) return reply(res, req, 404, { message: 'Not Found' });
        tokensRevoked.push(token);
        return reply(res, req, 204);
      }
      return reply(res, req, 404, { message: 'Not Found' });
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;

  return {
    host,
    url: `http://${host}`,
    env: { GHE_HOST: host, GHE_PROTOCOL: 'http', GITHUB_CLIENT_ID: clientId, GITHUB_CLIENT_SECRET: clientSecret },
    issueCode(login) {
      const code = randomBytes(10).toString('hex');
      codes.set(code, login);
      return code;
    },
    failNextExchange(status) {
      failures.push(status);
    },
    requests,
    tokensIssued,
    tokensRevoked,
    redirectUris,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
