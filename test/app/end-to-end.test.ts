import { createHmac } from 'node:crypto';
import { createServer as createNetServer } from 'node:net';
import { pino } from 'pino';
import { Probot, ProbotOctokit, Server } from 'probot';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { disclosureDesk } from '../../src/github/probot-app.js';
import type { Core } from '../../src/app.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { TEST_APP_ID, testPrivateKey } from '../helpers/test-keys.js';
import { describeEachBackend } from '../helpers/stores.js';

// The whole app as a user meets it: Probot's own Server (webhook route and our routes),
// appId + privateKey auth, and a local GitHub reached through GHE_HOST-style base URL
// that checks every request against GitHub's OpenAPI description.

const SECRET = 'webhook-secret-for-tests';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function sign(body: string): string {
  return `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
}

describeEachBackend('Disclosure Desk end to end', (backend) => {
  let fake: FakeGitHub;
  let server: Server;
  let core: Core;
  let base: string;

  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.addOrg('acme', 11);
    fake.addRepo('acme', 'security-reports', { private: true });
    // The org config extends a shared one, the Probot way.
    fake.setFile('acme', '.github', '.github/disclosure.yml', 'name: Acme Corp\n_extends: policies\n');
    fake.setFile('acme', 'policies', '.github/disclosure.yml', 'sla:\n  assessment_business_days: 7\n');
    const port = await freePort();
    server = new Server({
      host: '127.0.0.1',
      port,
      log: pino({ level: 'silent' }),
      Probot: Probot.defaults({
        appId: TEST_APP_ID,
        privateKey: testPrivateKey(),
        secret: SECRET,
        baseUrl: fake.baseUrl,
        logLevel: 'fatal',
        Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
      }),
    });
    const store = await backend.open();
    await server.load(disclosureDesk({ store, startWorker: false, sleep: async () => undefined, env: {}, onReady: (ready) => (core = ready) }));
    await server.start();
    base = `http://127.0.0.1:${port}`;
  });

  afterEach(async () => {
    await server.stop();
    await core.close();
    const invalid = fake.state.invalidRequests;
    await fake.close();
    expect(invalid).toEqual([]);
  });

  it('takes a form post, files one private issue with the extended config, and shows it as filed', async () => {
    const form = new URLSearchParams({
      title: 'Open redirect on login',
      description: 'The next parameter accepts any host, e.g. @evil.example #1 <img src=x>.',
      affected: 'https://login.acme.example/?next=',
      credit: 'anonymous',
      lang: 'en',
    });

    const page = await fetch(`${base}/orgs/acme/report`, { method: 'POST', body: form });
    const html = await page.text();
    const statusPath = /href="(\/status\/[A-Za-z0-9_-]{43})"/.exec(html)?.[1];
    await core.worker.runOnce();
    const status = await fetch(`${base}${statusPath ?? '/missing'}`);

    expect(page.status).toBe(200);
    expect(statusPath).toBeDefined();
    const issues = fake.repo('acme', 'security-reports')?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]?.labels).toEqual(['status:new', 'channel:form']);
    expect(issues[0]?.body).toContain('(7 business days)');
    // Reporter prose is kept byte for byte, but only inside a code fence, where GitHub
    // renders no HTML, mentions or references.
    expect(issues[0]?.body).toMatch(/(`{3,}|~{3,})text\n[^`~]*@evil\.example #1 <img src=x>[^`~]*\n\1\n/);
    expect(status.status).toBe(200);
    expect(await status.text()).toMatch(/7 business days/);
  });

  it('accepts a correctly signed webhook and refuses a forged one', async () => {
    const payload = JSON.stringify({ action: 'created', installation: { id: 11, account: { login: 'acme' } }, sender: { login: 'octocat' } });
    const headers = { 'content-type': 'application/json', 'x-github-event': 'installation', 'x-github-delivery': 'd-1' };

    const good = await fetch(`${base}/api/github/webhooks`, { method: 'POST', body: payload, headers: { ...headers, 'x-hub-signature-256': sign(payload) } });
    const forged = await fetch(`${base}/api/github/webhooks`, {
      method: 'POST',
      body: payload,
      headers: { ...headers, 'x-hub-signature-256': sign(payload + ' ') },
    });

    expect(good.status).toBe(200);
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
  });

  it('forgets what it cached about an organisation when its installation changes', async () => {
    const lookups = () => fake.requests.filter((r) => r.route === 'GET /orgs/{org}/installation').length;
    await fetch(`${base}/orgs/acme/report`);
    await fetch(`${base}/orgs/acme/report`);
    const cachedLookups = lookups();
    const payload = JSON.stringify({ action: 'suspend', installation: { id: 11, account: { login: 'acme' } }, sender: { login: 'octocat' } });

    const delivered = await fetch(`${base}/api/github/webhooks`, {
      method: 'POST',
      body: payload,
      headers: { 'content-type': 'application/json', 'x-github-event': 'installation', 'x-github-delivery': 'd-2', 'x-hub-signature-256': sign(payload) },
    });
    await fetch(`${base}/orgs/acme/report`);

    expect(cachedLookups).toBe(1);
    expect(delivered.status).toBe(200);
    expect(lookups()).toBe(2);
  });

  it('serves 404 for an organisation where the app is not installed', async () => {
    const response = await fetch(`${base}/orgs/globex/report`);

    expect(response.status).toBe(404);
  });
});
