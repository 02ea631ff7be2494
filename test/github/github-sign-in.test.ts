import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubSignIn, githubBases } from '../../src/github/github-sign-in.js';
import { SignInRefusedError, SignInUnavailableError } from '../../src/ports/github-sign-in.js';
import { CLIENT_ID, CLIENT_SECRET, type FakeGitHubOAuth, startFakeGitHubOAuth } from '../helpers/fake-github-oauth.js';

const CALLBACK = 'https://desk.acme.example/staff/callback';

describe('sign-in with GitHub (the GitHub App’s OAuth web flow)', () => {
  let oauth: FakeGitHubOAuth;

  beforeEach(async () => {
    oauth = await startFakeGitHubOAuth();
  });

  afterEach(async () => {
    await oauth.close();
  });

  const signIn = () => createGitHubSignIn({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...githubBases(oauth.env), timeoutMs: 2000 });

  it('finds GitHub where Probot does: github.com, or GHE_PROTOCOL://GHE_HOST and its /api/v3', () => {
    expect(githubBases({})).toEqual({ webBase: 'https://github.com', apiBase: 'https://api.github.com' });
    expect(githubBases({ GHE_HOST: 'ghe.example.org' })).toEqual({ webBase: 'https://ghe.example.org', apiBase: 'https://ghe.example.org/api/v3' });
    expect(githubBases({ GHE_HOST: '127.0.0.1:8080', GHE_PROTOCOL: 'http' })).toEqual({ webBase: 'http://127.0.0.1:8080', apiBase: 'http://127.0.0.1:8080/api/v3' });
  });

  it('sends the browser to the authorize page with the client id, callback and state', () => {
    const url = new URL(signIn().authorizeUrl(CALLBACK, 'the-state'));

    expect(`${url.origin}${url.pathname}`).toBe(`${oauth.url}/login/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: CLIENT_ID, redirect_uri: CALLBACK, state: 'the-state', allow_signup: 'false' });
  });

  it('exchanges a code for the login, and revokes the token after its one use', async () => {
    const login = await signIn().loginFor(oauth.issueCode('alice'), CALLBACK);

    expect(login).toBe('alice');
    expect(oauth.redirectUris).toEqual([CALLBACK]);
    expect(oauth.tokensIssued).toHaveLength(1);
    expect(oauth.tokensRevoked).toEqual(oauth.tokensIssued);
    expect(oauth.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /login/oauth/access_token 200',
      'GET /api/v3/user 200',
      `DELETE /api/v3/applications/${CLIENT_ID}/token 204`,
    ]);
  });

  it('refuses a code GitHub does not know, or one used before', async () => {
    const code = oauth.issueCode('alice');
    await signIn().loginFor(code, CALLBACK);

    await expect(signIn().loginFor(code, CALLBACK)).rejects.toBeInstanceOf(SignInRefusedError);
    await expect(signIn().loginFor('made-up', CALLBACK)).rejects.toBeInstanceOf(SignInRefusedError);
  });

  it('refuses with wrong client credentials, never telling the token or secret in the error', async () => {
    const wrong = createGitHubSignIn({ clientId: CLIENT_ID, clientSecret: 'not-the-secret', ...githubBases(oauth.env) });

    const error = await wrong.loginFor(oauth.issueCode('alice'), CALLBACK).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SignInRefusedError);
    expect(String((error as Error).message)).not.toContain('not-the-secret');
  });

  it('says GitHub is unavailable on a 5xx or when it cannot be reached', async () => {
    oauth.failNextExchange(502);
    await expect(signIn().loginFor(oauth.issueCode('alice'), CALLBACK)).rejects.toBeInstanceOf(SignInUnavailableError);

    const nowhere = createGitHubSignIn({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, webBase: 'http://127.0.0.1:9', apiBase: 'http://127.0.0.1:9/api/v3', timeoutMs: 2000 });
    await expect(nowhere.loginFor('code', CALLBACK)).rejects.toBeInstanceOf(SignInUnavailableError);
  });
});
