import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { disclosureDesk } from '../../src/app.js';
import type { Core } from '../../src/app.js';
import { describeEachBackend } from '../helpers/stores.js';
import { expectValidGitHubRequest } from '../helpers/openapi.js';

// App-level tests: real HTTP to our routes, the real GitHub
// gateway, strict nock for GitHub, every outgoing body checked against GitHub's OpenAPI.

type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | void | Promise<boolean | void>;

const API = 'https://api.github.com';
const report = {
  title: 'SQL injection in search',
  description: 'The q parameter of /search is concatenated into SQL; see steps.',
  steps: "1. GET /search?q=' OR 1=1 --",
  affected: 'https://shop.example.org/search',
  cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  contact: { email: 'researcher@example.net', github: 'octo-researcher' },
  credit: 'pseudonym',
};

function validated(method: string, path: string) {
  return (body: unknown) => {
    expectValidGitHubRequest(method, path, body);
    return true;
  };
}

describeEachBackend('a report submitted over HTTP becomes one private tracking issue through Probot', (backend) => {
  let now: Date;
  let core: Core;
  let server: Server;
  let base: string;

  beforeEach(async () => {
    now = new Date('2026-03-06T17:00:00Z');
    const store = await backend.open();
    const probot = new Probot({
      githubToken: 'test-token',
      logLevel: 'fatal',
      Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
    });
    let handler: Handler | undefined;
    await probot.load(
      disclosureDesk({
        store,
        startWorker: false,
        clock: () => now,
        sleep: async (ms) => {
          now = new Date(now.getTime() + ms);
        },
        env: { INTAKE_RATE_LIMIT: '0' },
        onReady: (ready) => (core = ready),
      }),
      { cwd: process.cwd(), addHandler: (h: Handler) => (handler = h) },
    );
    server = createServer(async (req, res) => {
      if (!(await handler?.(req, res))) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await core.close();
  });

  async function submit(): Promise<{ id: string; status_url: string }> {
    const response = await fetch(`${base}/api/v1/orgs/acme/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(report),
    });
    expect(response.status).toBe(202);
    return (await response.json()) as { id: string; status_url: string };
  }

  function mockIntakeLookups(configReads = 1) {
    nock(API).get('/orgs/acme/installation').reply(200, { id: 7, account: { login: 'acme' } });
    nock(API).get('/repos/acme/.github/contents/.github%2Fdisclosure.yml').times(configReads).reply(404, { message: 'Not Found' });
  }

  it('files one issue, with labels, in a single create request', async () => {
    mockIntakeLookups();
    const { id } = await submit();
    nock(API).get('/repos/acme/security-reports').reply(200, { private: true, archived: false });
    nock(API).get('/repos/acme/security-reports/labels').query(true).reply(200, []);
    const labels = nock(API).post('/repos/acme/security-reports/labels', validated('POST', '/repos/acme/security-reports/labels')).times(3).reply(201, {});
    let sent: { title: string; body: string; labels: string[] } | undefined;
    nock(API)
      .post('/repos/acme/security-reports/issues', (body: { title: string; body: string; labels: string[] }) => {
        expectValidGitHubRequest('POST', '/repos/acme/security-reports/issues', body);
        sent = body;
        return true;
      })
      .reply(201, { number: 12, html_url: 'https://github.com/acme/security-reports/issues/12', labels: [{ name: 'status:new' }, { name: 'channel:api' }, { name: 'severity:critical' }] });

    await core.worker.runOnce();

    expect(labels.isDone()).toBe(true);
    expect(sent?.labels).toEqual(['status:new', 'channel:api', 'severity:critical']);
    expect(sent?.title).toContain(id);
    expect(sent?.body).not.toContain('researcher@example.net');
    const stored = await core.store.getReport(id);
    expect(stored?.status).toBe('filed');
    expect(stored?.issueNumber).toBe(12);
    expect(stored?.payload).toBeNull();
  });

  it('refuses to file into a public repository and keeps the report queued', async () => {
    mockIntakeLookups();
    const { id } = await submit();
    nock(API).get('/repos/acme/security-reports').reply(200, { private: false, archived: false });

    await core.worker.runOnce();

    const stored = await core.store.getReport(id);
    expect(stored?.status).toBe('held');
    expect(stored?.holdReason).toContain('acme/security-reports is public');
  });

  it('retries a 502 and then files exactly once', async () => {
    mockIntakeLookups();
    const { id } = await submit();
    nock(API).get('/repos/acme/security-reports').times(2).reply(200, { private: true, archived: false });
    nock(API).get('/repos/acme/security-reports/labels').query(true).reply(200, [
      { name: 'status:new' }, { name: 'channel:api' }, { name: 'severity:critical' },
    ]);
    nock(API).post('/repos/acme/security-reports/issues').reply(502, { message: 'Bad Gateway' });
    nock(API).get('/repos/acme/security-reports/issues').query(true).reply(200, []);
    nock(API)
      .post('/repos/acme/security-reports/issues', validated('POST', '/repos/acme/security-reports/issues'))
      .reply(201, { number: 3, html_url: 'https://github.com/acme/security-reports/issues/3', labels: [{ name: 'status:new' }, { name: 'channel:api' }, { name: 'severity:critical' }] });

    await core.worker.runOnce();
    expect((await core.store.getReport(id))?.status).toBe('queued');
    now = new Date(now.getTime() + 10_000);
    await core.worker.runOnce();

    expect((await core.store.getReport(id))?.issueNumber).toBe(3);
  });

  it('honours retry-after on a secondary rate limit', async () => {
    // The wait outlasts the one-minute config cache, so the config is read again.
    mockIntakeLookups(2);
    const { id } = await submit();
    nock(API).get('/repos/acme/security-reports').times(2).reply(200, { private: true, archived: false });
    nock(API).get('/repos/acme/security-reports/labels').query(true).reply(200, [
      { name: 'status:new' }, { name: 'channel:api' }, { name: 'severity:critical' },
    ]);
    nock(API)
      .post('/repos/acme/security-reports/issues')
      .reply(403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '120' });
    nock(API).get('/repos/acme/security-reports/issues').query(true).reply(200, []);
    nock(API)
      .post('/repos/acme/security-reports/issues', validated('POST', '/repos/acme/security-reports/issues'))
      .reply(201, { number: 4, html_url: 'https://github.com/acme/security-reports/issues/4', labels: [{ name: 'status:new' }, { name: 'channel:api' }, { name: 'severity:critical' }] });

    await core.worker.runOnce();
    now = new Date(now.getTime() + 119_000);
    await core.worker.runOnce();
    expect((await core.store.getReport(id))?.status).toBe('queued');
    now = new Date(now.getTime() + 1_000);
    await core.worker.runOnce();

    expect((await core.store.getReport(id))?.issueNumber).toBe(4);
  });

  it('answers 404 for an organisation where the app is not installed', async () => {
    nock(API).get('/orgs/nobody/installation').reply(404, { message: 'Not Found' });

    const response = await fetch(`${base}/api/v1/orgs/nobody/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(report),
    });

    expect(response.status).toBe(404);
    expect(await core.store.countReports()).toBe(0);
  });
});
