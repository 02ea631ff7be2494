import { afterEach, beforeEach, expect, it } from 'vitest';
import { type FaultApp, startFaultApp } from '../helpers/fault-app.js';
import { describeFaultBackends, type FaultDatabase } from '../helpers/fault-backends.js';
import { type ApiReport, ORG, plainReport, seedGitHub, STAFF, TRACKING_REPO } from '../helpers/fault-fixtures.js';
import { fileThroughApi, startCheckedFakeGitHub } from '../helpers/fault-world.js';
import type { FakeGitHub } from '../helpers/fake-github.js';
import { type FakeGitHubOAuth, startFakeGitHubOAuth } from '../helpers/fake-github-oauth.js';
import { csrfOf, staffBrowser } from '../helpers/staff-browser.js';
import { cleanupStores } from '../helpers/stores.js';

// The staff page as it runs: the app in Probot against the OpenAPI-checked local GitHub (the
// installation's permission check, the issue's title, the reveal's comment through the
// outbox), sign-in against the fake OAuth server, both as GHE_HOST would point at them.

const PUBLIC_URL = 'https://desk.acme.example';

describeFaultBackends('the staff page through Probot', (backend) => {
  let fake: FakeGitHub;
  let oauth: FakeGitHubOAuth;
  let db: FaultDatabase;
  let app: FaultApp;
  const cleanups: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    fake = await startCheckedFakeGitHub(cleanups);
    oauth = await startFakeGitHubOAuth();
    const server = oauth;
    cleanups.push(() => server.close());
    db = await backend.createDatabase();
    cleanups.push(cleanupStores, db.close);
    seedGitHub(fake);
    app = await startFaultApp(fake, { store: db.store, probe: db.probe, env: { ...oauth.env, PUBLIC_URL } });
    cleanups.push(app.stop);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const file = (report: ApiReport) => fileThroughApi(app, db.store, report);

  it('reveals the contact details to staff and comments on the issue exactly once through a 502 and a lost answer', async () => {
    const { accepted, issueNumber } = await file(plainReport(1, { contact: { name: 'Grace H.', email: 'grace@example.net' }, credit: 'pseudonym' }));
    const path = `/staff/orgs/${ORG}/reports/${accepted.id}`;
    expect(fake.issue(ORG, TRACKING_REPO, issueNumber)?.body).toContain(`[staff page](${PUBLIC_URL}${path})`);
    const browser = staffBrowser(app.base);

    expect((await browser.signIn(oauth, STAFF, path)).status).toBe(303);
    const page = await browser.get(path);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Finding 1: zephyr endpoint leaks data');
    expect(html).toContain('By pseudonym');
    expect(html).not.toContain('grace@example.net');

    const comments = /\/repos\/acme\/security-reports\/issues\/\d+\/comments$/;
    fake.failNext({ kind: '5xx', status: 502, method: 'POST', path: comments, body: /disclosure-desk:job=reveal:/ });
    fake.failNext({ kind: 'lost-answer', method: 'POST', path: comments, body: /disclosure-desk:job=reveal:/ });
    const revealed = await browser.post(`${path}/reveal`, { csrf: csrfOf(html) });
    expect(revealed.status).toBe(200);
    expect(await revealed.text()).toContain('grace@example.net');
    await app.drain();

    const posted = fake.commentsOf(ORG, TRACKING_REPO, issueNumber).filter((c) => c.body.includes('contact details'));
    expect(posted.map((c) => c.body.split('\n').at(-1))).toEqual([`@${STAFF} viewed the researcher's contact details on 2 March 2026.`]);
    expect(fake.requests.filter((r) => r.injected === 'lost-answer')).toHaveLength(1);
    expect((await db.store.listEvents(accepted.id)).filter((e) => e.type === 'contact-revealed').map((e) => e.data)).toEqual([{ login: STAFF }]);
  });

  it('refuses someone GitHub says has only read access', async () => {
    const { accepted } = await file(plainReport(2, { contact: { email: 'grace@example.net' } }));
    fake.setPermission(ORG, TRACKING_REPO, 'reader', 'read');

    const callback = await staffBrowser(app.base).signIn(oauth, 'reader', `/staff/orgs/${ORG}/reports/${accepted.id}`);

    expect(callback.status).toBe(403);
    expect(await callback.text()).not.toContain('grace@example.net');
  });
});
