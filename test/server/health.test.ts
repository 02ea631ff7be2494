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
    expect(await ready.json()).toEqual({ status: 'ready', checks: { store: 'ok', github: 'ok', deadJobs: 0 } });
  });

  it('stays ready but degraded while GitHub has an installation paused', async () => {
    await app.core.store.pauseLane('acme', new Date('2026-03-02T09:10:00Z'), 1, 'rate limited');

    const ready = await fetch(`${app.base}/readyz`);

    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'degraded', checks: { store: 'ok', github: 'rate-limited' } });
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
