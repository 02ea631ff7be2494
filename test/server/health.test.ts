import { afterEach, beforeEach, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { type AppServer, startAppServer } from '../helpers/probot-server.js';
import { describeEachBackend } from '../helpers/stores.js';

describeEachBackend('health and readiness through the front door', (backend) => {
  let fake: FakeGitHub;
  let app: AppServer;

  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.addOrg('acme', 11);
    app = await startAppServer(fake, { store: await backend.open(), clock: () => new Date('2026-03-02T09:00:00Z') });
  });

  afterEach(async () => {
    await app.stop().catch(() => undefined);
    await fake.close();
  });

  it('says the process lives, and that reports can be taken', async () => {
    const live = await fetch(`${app.base}/healthz`);
    const ready = await fetch(`${app.base}/readyz`);

    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    // No GitHub job has run yet: nothing is known about GitHub, which is no reason to refuse reports.
    expect(await ready.json()).toEqual({ status: 'ready', checks: { store: 'ok', github: 'unknown', deadJobs: 0 } });
  });

  it('stays ready but degraded while GitHub has an installation paused', async () => {
    await app.core.store.pauseLane('acme', new Date('2026-03-02T09:10:00Z'), 1, 'rate limited');

    const ready = await fetch(`${app.base}/readyz`);

    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'degraded', checks: { store: 'ok', github: 'rate-limited' } });
  });

  /** Posts a report and runs the outbox once; resolves with the report's id. */
  async function fileOneReport(): Promise<string> {
    const response = await fetch(`${app.base}/api/v1/orgs/acme/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Open redirect on login', description: 'The next parameter is not checked.', affected: 'https://www.acme.example/login' }),
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await app.core.worker.runOnce();
    return id;
  }

  it('says degraded while GitHub is out of reach or refuses the app, and ready again once it answers', async () => {
    fake.addRepo('acme', 'security-reports', { private: true });
    fake.failNext({ method: 'POST', path: /\/issues$/, kind: '5xx', status: 502 });
    const id = await fileOneReport();
    const unreachable = await fetch(`${app.base}/readyz`);

    expect(unreachable.status).toBe(200);
    expect(await unreachable.json()).toMatchObject({ status: 'degraded', checks: { store: 'ok', github: 'unreachable' } });

    // The retry, due now: GitHub answers again.
    await app.core.store.runJobNow(`file-report:${id}`, new Date('2026-03-02T09:00:00Z'));
    await app.core.worker.runOnce();
    expect(fake.repo('acme', 'security-reports')?.issues).toHaveLength(1);
    expect(await (await fetch(`${app.base}/readyz`)).json()).toMatchObject({ status: 'ready', checks: { github: 'ok' } });
  });

  it('answers 503 naming the store when it cannot take a write, while /healthz stays 200', async () => {
    await app.core.store.close();

    const ready = await fetch(`${app.base}/readyz`);
    const live = await fetch(`${app.base}/healthz`);

    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not-ready', checks: { store: 'failed', github: 'unknown', deadJobs: null } });
    expect(live.status).toBe(200);
  });
});
