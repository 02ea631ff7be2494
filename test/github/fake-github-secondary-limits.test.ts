/**
 * The fake GitHub's opt-in secondary limits (the bench's filing rate runs against them):
 * content writes of one installation at least 1 s apart, at most 80 a minute and 500 an
 * hour; a write that breaks one is answered 403 with `retry-after` and GitHub's message,
 * performs nothing, and is counted. The fake's clock is fixed and moved by hand, so nothing
 * here depends on how fast the machine is.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from '../helpers/fake-github.js';

const JWT = 'Bearer aaaa.bbbb.cccc';

let fake: FakeGitHub | null = null;
let clock = new Date('2025-03-03T09:00:00.000Z');

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function start(options: Omit<FakeGitHubOptions, 'now'> = {}): Promise<{ fake: FakeGitHub; token: (installationId: number) => Promise<string> }> {
  clock = new Date('2025-03-03T09:00:00.000Z');
  const started = await startFakeGitHub({ ...options, now: () => clock });
  fake = started;
  started.addOrg('acme', 1);
  started.addOrg('beta', 2);
  started.addRepo('acme', 'security-reports', { private: true });
  started.addRepo('beta', 'security-reports', { private: true });
  return {
    fake: started,
    token: async (installationId) => {
      const answer = await call(started, 'POST', `/app/installations/${installationId}/access_tokens`, JWT);
      return `token ${String((answer.json as { token: string }).token)}`;
    },
  };
}

interface Answer {
  status: number;
  headers: Headers;
  json: unknown;
}

async function call(target: FakeGitHub, method: string, path: string, auth: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', authorization: auth };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${target.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

function createIssue(target: FakeGitHub, auth: string, org = 'acme', title = 'a report'): Promise<Answer> {
  return call(target, 'POST', `/repos/${org}/security-reports/issues`, auth, { title });
}

function advance(ms: number): void {
  clock = new Date(clock.getTime() + ms);
}

describe('fake GitHub: secondary limits (opt-in)', () => {
  it('answers 403 secondary limit to two writes 200 ms apart, performs nothing, and counts it', async () => {
    const { fake: github, token } = await start({ secondaryLimits: true });
    const auth = await token(1);

    const first = await createIssue(github, auth, 'acme', 'first');
    advance(200);
    const second = await createIssue(github, auth, 'acme', 'second');

    expect(first.status).toBe(201);
    expect(second.status).toBe(403);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(String((second.json as { message: string }).message)).toMatch(/^You have exceeded a secondary rate limit/);
    expect(github.repo('acme', 'security-reports')?.issues.map((issue) => issue.title)).toEqual(['first']);
    expect(github.limitViolations).toEqual([
      expect.objectContaining({ installation: 'installation 1', rule: 'gap', method: 'POST', path: '/repos/acme/security-reports/issues', gapMs: 200, retryAfterSeconds: 1 }),
    ]);
    expect(github.requests.at(-1)).toMatchObject({ status: 403, injected: 'secondary-rate-limit', limitRule: 'gap' });
  });

  it('lets writes a second apart through, and keeps installations apart; reads and tokens never count', async () => {
    const { fake: github, token } = await start({ secondaryLimits: true });
    const acme = await token(1);
    const beta = await token(2);

    const statuses: number[] = [];
    statuses.push((await createIssue(github, acme, 'acme')).status);
    statuses.push((await createIssue(github, beta, 'beta')).status);
    statuses.push((await call(github, 'GET', '/repos/acme/security-reports/issues', acme)).status);
    await token(1);
    advance(1000);
    statuses.push((await createIssue(github, acme, 'acme')).status);

    expect(statuses).toEqual([201, 201, 200, 201]);
    expect(github.limitViolations).toEqual([]);
  });

  it('refuses the 81st write in a minute and the 501st in an hour', async () => {
    const { fake: github, token } = await start({ secondaryLimits: { minGapMs: 0 } });
    const auth = await token(1);
    for (let n = 0; n < 80; n += 1) expect((await createIssue(github, auth)).status).toBe(201);

    const overMinute = await createIssue(github, auth);
    advance(60_001);
    const nextMinute = await createIssue(github, auth);

    expect(overMinute.status).toBe(403);
    expect(overMinute.headers.get('retry-after')).toBe('60');
    expect(nextMinute.status).toBe(201);
    expect(github.limitViolations.map((v) => v.rule)).toEqual(['minute']);

    // 81 writes so far; 419 more, 40 a minute, fill the hour's 500.
    for (let n = 0; n < 419; n += 1) {
      advance(1500);
      expect((await createIssue(github, auth)).status).toBe(201);
    }
    advance(1500);
    const overHour = await createIssue(github, auth);

    expect(overHour.status).toBe(403);
    expect(github.limitViolations.map((v) => v.rule)).toEqual(['minute', 'hour']);
    expect(github.repo('acme', 'security-reports')?.issues).toHaveLength(500);
  });

  it('enforces nothing by default, and can be switched on and off', async () => {
    const { fake: github, token } = await start();
    const auth = await token(1);

    expect((await createIssue(github, auth)).status).toBe(201);
    expect((await createIssue(github, auth)).status).toBe(201);
    github.enforceSecondaryLimits(true);
    expect((await createIssue(github, auth)).status).toBe(201);
    expect((await createIssue(github, auth)).status).toBe(403);
    github.enforceSecondaryLimits(null);
    expect((await createIssue(github, auth)).status).toBe(201);

    expect(github.limitViolations).toHaveLength(1);
  });
});
