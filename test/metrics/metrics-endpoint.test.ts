import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { type AppServer, freePort, startAppServer } from '../helpers/probot-server.js';
import { describeEachBackend } from '../helpers/stores.js';
import type { Store } from '../../src/store/store.js';

const TOKEN = 'metrics-token-for-tests';

/** The value of one sample line, e.g. `disclosure_desk_reports_accepted_total{channel="api"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function postReport(app: AppServer): Promise<void> {
  const response = await fetch(`${app.base}/api/v1/orgs/acme/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Open redirect on login', description: 'The next parameter is not checked.', affected: 'https://www.acme.example/login' }),
  });
  expect(response.status).toBe(202);
}

describeEachBackend('GET /metrics', (backend) => {
  let fake: FakeGitHub;
  let app: AppServer | null = null;
  let now: Date;
  let store: Store;

  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.addOrg('acme', 11);
    fake.addRepo('acme', 'security-reports', { private: true });
    now = new Date('2026-03-02T09:00:00Z');
    store = await backend.open();
  });

  afterEach(async () => {
    await app?.stop().catch(() => undefined);
    app = null;
    await fake.close();
  });

  async function start(env: NodeJS.ProcessEnv): Promise<AppServer> {
    app = await startAppServer(fake, { store, env, clock: () => now });
    return app;
  }

  it('is not served at all when neither METRICS_TOKEN nor METRICS_PORT is set', async () => {
    const served = await start({});

    const response = await fetch(`${served.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });

    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('disclosure_desk_');
    expect(served.core.metrics).toBeNull();
    expect(served.metricsUrl).toBeNull();
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', 'Bearer not-the-token'],
    ['the token with a wrong scheme', `Basic ${TOKEN}`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, 10)}`],
  ])('answers 401 on the public port to %s', async (_, authorization) => {
    const served = await start({ METRICS_TOKEN: TOKEN });

    const response = await fetch(`${served.base}/metrics`, { headers: authorization === undefined ? {} : { authorization } });

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await response.text()).not.toContain('disclosure_desk_');
  });

  it('shows accepted, filed and written reports and the outbox to the right bearer token', async () => {
    const served = await start({ METRICS_TOKEN: TOKEN });
    await postReport(served);
    const queued = await (await fetch(`${served.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    fake.failNext({ method: 'POST', path: /\/issues$/, kind: '5xx', status: 502 });
    now = new Date('2026-03-02T09:01:30Z');
    await served.core.worker.runOnce();
    now = new Date('2026-03-02T09:05:00Z');
    await served.core.worker.runOnce();

    const response = await fetch(`${served.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(sample(queued, 'disclosure_desk_outbox_pending_jobs')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'disclosure_desk_reports_accepted_total{channel="api"}')).toBe(1);
    expect(sample(text, 'disclosure_desk_reports_accepted_total{channel="form"}')).toBe(0);
    expect(sample(text, 'disclosure_desk_report_filing_seconds_count')).toBe(1);
    expect(sample(text, 'disclosure_desk_report_filing_seconds_sum')).toBe(300);
    expect(sample(text, 'disclosure_desk_report_filing_seconds_bucket{le="120"}')).toBe(0);
    expect(sample(text, 'disclosure_desk_report_filing_seconds_bucket{le="300"}')).toBe(1);
    expect(sample(text, 'disclosure_desk_github_writes_total{outcome="server-error"}')).toBe(1);
    expect(sample(text, 'disclosure_desk_github_writes_total{outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'disclosure_desk_github_writes_total{outcome="rate-limited"}')).toBe(0);
    expect(sample(text, 'disclosure_desk_outbox_dead_jobs')).toBe(0);
    expect(sample(text, 'disclosure_desk_paused_lanes')).toBe(0);
    expect(sample(text, 'disclosure_desk_store_up')).toBe(1);
  });

  it('counts a secondary rate limit and the paused lane it causes', async () => {
    const served = await start({ METRICS_TOKEN: TOKEN });
    await postReport(served);
    fake.failNext({ method: 'POST', path: /\/issues$/, kind: 'secondary-rate-limit', retryAfterSeconds: 60 });
    await served.core.worker.runOnce();

    const text = await (await fetch(`${served.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();

    expect(sample(text, 'disclosure_desk_github_writes_total{outcome="rate-limited"}')).toBe(1);
    expect(sample(text, 'disclosure_desk_paused_lanes')).toBe(1);
    expect(sample(text, 'disclosure_desk_report_filing_seconds_count')).toBe(0);
  });

  it('counts a write whose connection dropped as lost', async () => {
    const served = await start({ METRICS_TOKEN: TOKEN });
    await postReport(served);
    fake.failNext({ method: 'POST', path: /\/issues$/, kind: 'drop' });
    await served.core.worker.runOnce();

    const text = await (await fetch(`${served.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();

    expect(sample(text, 'disclosure_desk_github_writes_total{outcome="lost"}')).toBe(1);
    expect(sample(text, 'disclosure_desk_github_writes_total{outcome="server-error"}')).toBe(0);
  });

  it('shows how long the oldest job has waited, and dead jobs', async () => {
    // The store stamps a job's creation with the real time, not the app's clock.
    now = new Date();
    const served = await start({ METRICS_TOKEN: TOKEN });
    await postReport(served);
    now = new Date(now.getTime() + 600_000);
    const waiting = await (await fetch(`${served.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const job = await store.claimJob(now, 60_000);
    await store.deadJob(job?.id ?? -1, now, 'BadJobPayloadError: test');

    const text = await (await fetch(`${served.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();

    expect(sample(waiting, 'disclosure_desk_outbox_oldest_pending_seconds')).toBeGreaterThan(590);
    expect(sample(waiting, 'disclosure_desk_outbox_oldest_pending_seconds')).toBeLessThanOrEqual(600);
    expect(sample(waiting, 'disclosure_desk_outbox_dead_jobs')).toBe(0);
    expect(sample(text, 'disclosure_desk_outbox_dead_jobs')).toBe(1);
    expect(sample(text, 'disclosure_desk_outbox_pending_jobs')).toBe(0);
    expect(sample(text, 'disclosure_desk_outbox_oldest_pending_seconds')).toBe(0);
  });

  it('serves METRICS_PORT without a token, and not the public port', async () => {
    const port = await freePort();
    const served = await start({ METRICS_PORT: String(port) });

    const open = await fetch(`${served.metricsUrl}/metrics`);
    const text = await open.text();
    const publicDoor = await fetch(`${served.base}/metrics`);

    expect(served.metricsUrl).toBe(`http://127.0.0.1:${port}`);
    expect(open.status).toBe(200);
    expect(text).toContain('disclosure_desk_outbox_pending_jobs 0');
    expect(text).toContain('# TYPE disclosure_desk_report_filing_seconds histogram');
    expect(publicDoor.status).toBe(404);
    expect((await fetch(`${served.metricsUrl}/readyz`)).status).toBe(404);
  });
});

describe('METRICS_PORT', () => {
  it('refuses to start with a value that is not a port', async () => {
    const fake = await startFakeGitHub();
    try {
      await expect(startAppServer(fake, { env: { METRICS_PORT: 'nine-thousand' } })).rejects.toThrow('METRICS_PORT must be a port number');
    } finally {
      await fake.close();
    }
  });
});
