import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Core } from '../../src/app.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { describeEachBackend } from '../helpers/stores.js';
import { type AppServer, signWebhook, startAppServer } from '../helpers/probot-server.js';

// The whole app as a user meets it: Probot's own Server (webhook route and our routes),
// appId + privateKey auth, and a local GitHub reached through GHE_HOST-style base URL
// that checks every request against GitHub's OpenAPI description.


describeEachBackend('Disclosure Desk end to end', (backend) => {
  let fake: FakeGitHub;
  let app: AppServer;
  let core: Core;
  let base: string;

  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.addOrg('acme', 11);
    fake.addRepo('acme', 'security-reports', { private: true });
    // The org config extends a shared one, the Probot way.
    fake.setFile('acme', '.github', '.github/disclosure.yml', 'name: Acme Corp\n_extends: policies\n');
    fake.setFile('acme', 'policies', '.github/disclosure.yml', 'sla:\n  assessment_business_days: 7\n');
    app = await startAppServer(fake, { store: await backend.open() });
    ({ core, base } = app);
  });

  afterEach(async () => {
    await app.stop();
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

    const good = await fetch(`${base}/api/github/webhooks`, { method: 'POST', body: payload, headers: { ...headers, 'x-hub-signature-256': signWebhook(payload) } });
    const forged = await fetch(`${base}/api/github/webhooks`, {
      method: 'POST',
      body: payload,
      headers: { ...headers, 'x-hub-signature-256': signWebhook(payload + ' ') },
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
      headers: { 'content-type': 'application/json', 'x-github-event': 'installation', 'x-github-delivery': 'd-2', 'x-hub-signature-256': signWebhook(payload) },
    });
    const afterSuspend = await fetch(`${base}/orgs/acme/report`);

    expect(cachedLookups).toBe(1);
    expect(delivered.status).toBe(200);
    // The event itself says the app is gone: no new lookup, and the form is not served.
    expect(afterSuspend.status).toBe(404);
    expect(lookups()).toBe(1);
  });

  it('serves 404 for an organisation where the app is not installed', async () => {
    const response = await fetch(`${base}/orgs/globex/report`);

    expect(response.status).toBe(404);
  });
});
