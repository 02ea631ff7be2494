import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { validateGitHubResponse } from '../helpers/openapi.js';

const JWT = 'Bearer aaaa.bbbb.cccc';
const TOKEN = 'token ghs_anything';

let fake: FakeGitHub;
let clock: Date;

beforeEach(async () => {
  clock = new Date('2025-03-03T09:00:00.000Z');
  fake = await startFakeGitHub({ now: () => clock });
  fake.addOrg('acme', 1);
  fake.addRepo('acme', 'security-reports', { private: true });
});

afterEach(async () => {
  // These tests provoke what the fake records as problems; close() checks them elsewhere.
  await fake.close({ expectProblems: true });
});

interface Answer {
  status: number;
  headers: Headers;
  json: unknown;
  text: string;
}

async function call(method: string, path: string, options: { body?: unknown; auth?: string | null; accept?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/vnd.github+json' };
  const auth = options.auth === undefined ? TOKEN : options.auth;
  if (auth !== null) headers.authorization = auth;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const url = path.startsWith('http') ? path : `${fake.baseUrl}${path}`;
  const response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  const json: unknown = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
  return { status: response.status, headers: response.headers, json, text };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function asArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`not an array: ${JSON.stringify(value)}`);
  return value;
}

describe('fake GitHub: seeding and reads', () => {
  it('finds an organisation installation with the app JWT and 404s where the app is not installed', async () => {
    const found = await call('GET', '/orgs/acme/installation', { auth: JWT });
    const missing = await call('GET', '/orgs/other/installation', { auth: JWT });

    expect(found.status).toBe(200);
    expect(field(found.json, 'id')).toBe(1);
    expect(field(field(found.json, 'account'), 'login')).toBe('acme');
    expect(validateGitHubResponse('apps/get-org-installation', 200, found.json)).toEqual([]);
    expect(missing.status).toBe(404);
    expect(field(missing.json, 'message')).toBe('Not Found');
  });

  it('lists installations', async () => {
    fake.addOrg('globex', 2);

    const answer = await call('GET', '/app/installations', { auth: JWT });

    expect(asArray(answer.json).map((i) => field(i, 'id'))).toEqual([1, 2]);
  });

  it('refuses app endpoints without the JWT, and repository endpoints with it', async () => {
    const appWithToken = await call('GET', '/orgs/acme/installation', { auth: TOKEN });
    const repoWithJwt = await call('GET', '/repos/acme/security-reports', { auth: JWT });

    expect(appWithToken.status).toBe(401);
    expect(repoWithJwt.status).toBe(401);
  });

  it('answers 401 without an authorization header', async () => {
    const answer = await call('GET', '/repos/acme/security-reports', { auth: null });

    expect(answer.status).toBe(401);
    expect(field(answer.json, 'message')).toBe('Requires authentication');
  });

  it('hands out installation tokens that only see their own organisation', async () => {
    fake.addOrg('globex', 2);
    fake.addRepo('globex', 'secrets', { private: true });

    const created = await call('POST', '/app/installations/1/access_tokens', { auth: JWT });
    const token = `token ${String(field(created.json, 'token'))}`;
    const own = await call('GET', '/repos/acme/security-reports', { auth: token });
    const other = await call('GET', '/repos/globex/secrets', { auth: token });
    const unknown = await call('POST', '/app/installations/99/access_tokens', { auth: JWT });

    expect(created.status).toBe(201);
    expect(Date.parse(String(field(created.json, 'expires_at')))).toBe(clock.getTime() + 3600_000);
    expect(validateGitHubResponse('apps/create-installation-access-token', 201, created.json)).toEqual([]);
    expect(own.status).toBe(200);
    expect(other.status).toBe(404);
    expect(unknown.status).toBe(404);
  });

  it('describes a repository with its visibility and archive state', async () => {
    fake.addRepo('acme', 'old', { private: false, archived: true });

    const secret = await call('GET', '/repos/acme/security-reports');
    const old = await call('GET', '/repos/acme/old');
    const missing = await call('GET', '/repos/acme/none');

    expect(field(secret.json, 'private')).toBe(true);
    expect(field(secret.json, 'archived')).toBe(false);
    expect(field(secret.json, 'full_name')).toBe('acme/security-reports');
    expect(field(old.json, 'private')).toBe(false);
    expect(field(old.json, 'archived')).toBe(true);
    expect(validateGitHubResponse('repos/get', 200, secret.json)).toEqual([]);
    expect(missing.status).toBe(404);
  });

  it('serves files raw for the raw media type and as base64 JSON otherwise', async () => {
    fake.setFile('acme', '.github', '.github/disclosure.yml', 'tracking:\n  repository: security-reports\n');
    const path = '/repos/acme/.github/contents/.github%2Fdisclosure.yml';

    const raw = await call('GET', path, { accept: 'application/vnd.github.v3.raw' });
    const object = await call('GET', path);
    const missing = await call('GET', '/repos/acme/.github/contents/.github%2Fother.yml', { accept: 'application/vnd.github.raw' });

    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(raw.text).toBe('tracking:\n  repository: security-reports\n');
    expect(Buffer.from(String(field(object.json, 'content')), 'base64').toString('utf8')).toBe(raw.text);
    expect(validateGitHubResponse('repos/get-content', 200, object.json)).toEqual([]);
    expect(missing.status).toBe(404);
  });

  it('commits a file, refuses to overwrite it without its sha, and updates it with the sha', async () => {
    const path = '/repos/acme/security-reports/contents/attachments%2FDD-1%2Flog.txt';
    const content = Buffer.from('first').toString('base64');

    const created = await call('PUT', path, { body: { message: 'Add attachment', content } });
    const again = await call('PUT', path, { body: { message: 'Add attachment', content } });
    const sha = String(field(field(created.json, 'content'), 'sha'));
    const updated = await call('PUT', path, { body: { message: 'Update', content: Buffer.from('second').toString('base64'), sha } });
    const raw = await call('GET', path, { accept: 'application/vnd.github.raw' });

    expect(created.status).toBe(201);
    expect(sha).toBe('fe4f02ad058b43f6ed467fdf65b935107529564b'); // git hash-object of "first"
    expect(validateGitHubResponse('repos/create-or-update-file-contents', 201, created.json)).toEqual([]);
    expect(again.status).toBe(422);
    expect(updated.status).toBe(200);
    expect(raw.text).toBe('second');
  });

  it('works with and without the GHE /api/v3 prefix', async () => {
    const withPrefix = await call('GET', `${fake.baseUrl}/repos/acme/security-reports`);
    const without = await call('GET', `${fake.url}/repos/acme/security-reports`);

    expect([withPrefix.status, without.status]).toEqual([200, 200]);
    expect(fake.requests.map((r) => r.path)).toEqual(['/repos/acme/security-reports', '/repos/acme/security-reports']);
  });
});

describe('fake GitHub: labels and issues', () => {
  it('creates labels and answers 422 already_exists for a duplicate, whatever its case', async () => {
    const first = await call('POST', '/repos/acme/security-reports/labels', { body: { name: 'security', color: 'b60205', description: 'x' } });
    const again = await call('POST', '/repos/acme/security-reports/labels', { body: { name: 'Security', color: 'b60205' } });
    const list = await call('GET', '/repos/acme/security-reports/labels?per_page=100');

    expect(first.status).toBe(201);
    expect(validateGitHubResponse('issues/create-label', 201, first.json)).toEqual([]);
    expect(again.status).toBe(422);
    expect(again.json).toMatchObject({ message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] });
    expect(asArray(list.json).map((l) => field(l, 'name'))).toEqual(['security']);
  });

  it('creates an issue with its labels, creating missing labels as GitHub does', async () => {
    const answer = await call('POST', '/repos/acme/security-reports/issues', {
      body: { title: 'Report DD-1', body: '<!-- dd:DD-1 -->', labels: ['security', 'triage'] },
    });

    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ number: 1, title: 'Report DD-1', state: 'open', created_at: '2025-03-03T09:00:00Z' });
    expect(field(answer.json, 'html_url')).toBe(`${fake.url}/acme/security-reports/issues/1`);
    expect(field(answer.json, 'pull_request')).toBeUndefined();
    expect(asArray(field(answer.json, 'labels')).map((l) => field(l, 'name'))).toEqual(['security', 'triage']);
    expect(validateGitHubResponse('issues/create', 201, answer.json)).toEqual([]);
    expect(fake.repo('acme', 'security-reports')?.labels.map((l) => l.name)).toEqual(['security', 'triage']);
  });

  it('refuses writes to an archived repository', async () => {
    fake.addRepo('acme', 'old', { private: true, archived: true });

    const answer = await call('POST', '/repos/acme/old/issues', { body: { title: 'x' } });

    expect(answer.status).toBe(403);
    expect(field(answer.json, 'message')).toBe('Repository was archived so is read-only.');
  });

  it('lists issues page by page with a link header, filtered by state and since', async () => {
    for (let n = 1; n <= 5; n += 1) {
      clock = new Date(Date.UTC(2025, 2, 3, 9, n));
      fake.addIssue('acme', 'security-reports', { title: `issue ${n}` });
    }
    const repo = fake.repo('acme', 'security-reports');
    if (repo?.issues[0]) repo.issues[0].state = 'closed';

    const pages: unknown[][] = [];
    let next: string | null = '/repos/acme/security-reports/issues?state=all&since=2025-03-03T09:02:00Z&sort=created&direction=asc&per_page=2';
    while (next !== null) {
      const answer = await call('GET', next);
      pages.push(asArray(answer.json));
      next = /<([^>]+)>; rel="next"/.exec(answer.headers.get('link') ?? '')?.[1] ?? null;
    }
    const open = await call('GET', '/repos/acme/security-reports/issues');

    expect(pages.map((page) => page.map((i) => field(i, 'number')))).toEqual([[2, 3], [4, 5]]);
    expect(asArray(open.json).map((i) => field(i, 'number'))).toEqual([5, 4, 3, 2]);
    expect(fake.state.invalidRequests).toEqual([]);
  });

  it('adds labels, comments and updates an issue', async () => {
    fake.addIssue('acme', 'security-reports', { title: 'x', labels: ['a'] });
    const path = '/repos/acme/security-reports/issues/1';

    const labels = await call('POST', `${path}/labels`, { body: { labels: ['b', 'a'] } });
    const comment = await call('POST', `${path}/comments`, { body: { body: 'Thanks' } });
    const closed = await call('PATCH', path, { body: { state: 'closed', state_reason: 'not_planned' } });
    const missing = await call('PATCH', '/repos/acme/security-reports/issues/9', { body: { state: 'closed' } });

    expect(asArray(labels.json).map((l) => field(l, 'name'))).toEqual(['a', 'b']);
    expect(comment.status).toBe(201);
    expect(validateGitHubResponse('issues/create-comment', 201, comment.json)).toEqual([]);
    expect(closed.json).toMatchObject({ state: 'closed', state_reason: 'not_planned', comments: 1 });
    expect(missing.status).toBe(404);
  });
});

describe('fake GitHub: requests checked against the spec', () => {
  it('rejects a body the spec does not allow with 422 and records it', async () => {
    const answer = await call('POST', '/repos/acme/security-reports/issues', { body: { title: 'x', labels: 'security' } });

    expect(answer.status).toBe(422);
    expect(fake.state.invalidRequests).toHaveLength(1);
    expect(fake.state.invalidRequests[0]?.problems.join('\n')).toContain('body.labels: must be array');
    expect(fake.repo('acme', 'security-reports')?.issues).toEqual([]);
  });

  it('answers unknown routes with a GitHub-like 404 and records them as invalid', async () => {
    const answer = await call('GET', '/repos/acme/security-reports/tickets');

    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ message: 'Not Found', documentation_url: expect.any(String) });
    expect(fake.state.invalidRequests.map((r) => r.url)).toEqual(['/repos/acme/security-reports/tickets']);
  });

  it('answers routes it does not implement with 404 and records them as unhandled', async () => {
    const answer = await call('GET', '/repos/acme/security-reports/pulls');

    expect(answer.status).toBe(404);
    expect(fake.state.unhandledRequests.map((r) => r.route)).toEqual(['GET /repos/{owner}/{repo}/pulls']);
    expect(fake.state.invalidRequests).toEqual([]);
  });

  it('records every request with its route and time', async () => {
    await call('POST', '/repos/acme/security-reports/issues', { body: { title: 'x' } });

    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/repos/acme/security-reports/issues',
      body: { title: 'x' },
      route: 'POST /repos/{owner}/{repo}/issues',
      operationId: 'issues/create',
      auth: 'token',
      status: 201,
      time: clock,
    });
  });
});

describe('fake GitHub: failure injection', () => {
  it('answers 5xx for the next matching requests only', async () => {
    fake.failNext({ method: 'POST', path: /\/issues$/, times: 2, kind: '5xx' });

    const read = await call('GET', '/repos/acme/security-reports');
    const first = await call('POST', '/repos/acme/security-reports/issues', { body: { title: 'x' } });
    const second = await call('POST', '/repos/acme/security-reports/issues', { body: { title: 'x' } });
    const third = await call('POST', '/repos/acme/security-reports/issues', { body: { title: 'x' } });

    expect([read.status, first.status, second.status, third.status]).toEqual([200, 502, 502, 201]);
    expect(fake.repo('acme', 'security-reports')?.issues).toHaveLength(1);
    expect(fake.requests.map((r) => r.injected)).toEqual([undefined, '5xx', '5xx', undefined]);
  });

  it('drops the connection', async () => {
    fake.failNext({ kind: 'drop' });

    const attempt = call('GET', '/repos/acme/security-reports');

    await expect(attempt).rejects.toThrow();
    expect(fake.requests[0]?.status).toBeNull();
  });

  it('answers a secondary rate limit like GitHub: 403, retry-after and the message', async () => {
    fake.failNext({ kind: 'secondary-rate-limit', retryAfterSeconds: 7 });

    const answer = await call('POST', '/repos/acme/security-reports/issues', { body: { title: 'x' } });

    expect(answer.status).toBe(403);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(String(field(answer.json, 'message'))).toMatch(/^You have exceeded a secondary rate limit/);
  });

  it('never answers a timed-out request, and still closes', async () => {
    fake.failNext({ kind: 'timeout' });

    const attempt = fetch(`${fake.baseUrl}/repos/acme/security-reports`, {
      headers: { authorization: TOKEN },
      signal: AbortSignal.timeout(300),
    });

    await expect(attempt).rejects.toThrow(/aborted|timeout/i);
    expect(fake.requests[0]?.status).toBeNull();
  });
});

describe('fake GitHub: a test that does not test what it says fails', () => {
  it('fails on close for a request the spec refuses, one it does not know, and a failure armed but never met', async () => {
    const other = await startFakeGitHub();
    other.addOrg('acme', 1);
    other.addRepo('acme', 'security-reports', { private: true });
    other.failNext({ method: 'POST', path: /\/issues$/, kind: '5xx' });
    await fetch(`${other.baseUrl}/repos/acme/security-reports/nothing-here`, { headers: { authorization: TOKEN, accept: 'application/vnd.github+json' } });

    await expect(other.close()).rejects.toThrow(/refused by the spec: GET .*nothing-here[\s\S]*armed but never met: 5xx POST/);
  });

  it('closes quietly when every request was expected and every armed failure met', async () => {
    const other = await startFakeGitHub();
    other.addOrg('acme', 1);
    other.addRepo('acme', 'security-reports', { private: true });
    other.failNext({ method: 'GET', path: /^\/repos\/acme\/security-reports$/, kind: '5xx' });
    const answer = await fetch(`${other.baseUrl}/repos/acme/security-reports`);

    expect(answer.status).toBe(502);
    await expect(other.close()).resolves.toBeUndefined();
  });
});
