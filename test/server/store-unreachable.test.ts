import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ServedApp, serveApp } from '../../src/serve.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { signWebhook, testProbot, WEBHOOK_SECRET } from '../helpers/probot-server.js';
import { waitFor } from '../helpers/wait-for.js';

const REPORT = JSON.stringify({ title: 'XSS in search', description: 'The q parameter is reflected unescaped.', affected: 'https://acme.example/search', language: 'en', credit: 'anonymous' });

/** The app started by the front door with `env`, retrying the store every 50 ms. */
async function serveWith(fake: FakeGitHub, env: NodeJS.ProcessEnv): Promise<ServedApp> {
  const log = pino({ level: 'silent' });
  return serveApp({
    probot: testProbot(fake, log),
    app: { startWorker: false, sleep: async () => undefined, env },
    host: '127.0.0.1',
    port: 0,
    secret: WEBHOOK_SECRET,
    log,
    stopGraceMs: 500,
    retryDelayMs: () => 50,
  });
}

describe('a store that cannot be reached at start', () => {
  let fake: FakeGitHub;
  let served: ServedApp | null = null;
  let dir: string;

  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.addOrg('acme', 11);
    dir = await mkdtemp(join(tmpdir(), 'desk-unreachable-'));
  });

  afterEach(async () => {
    await served?.stop();
    served = null;
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts anyway: alive, not ready, every app route and webhook 503, nothing accepted', async () => {
    served = await serveWith(fake, { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' });

    const live = await fetch(`${served.url}/healthz`);
    const ready = await fetch(`${served.url}/readyz`);
    const report = await fetch(`${served.url}/api/v1/orgs/acme/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: REPORT });
    const page = await fetch(`${served.url}/orgs/acme/report`);
    const body = JSON.stringify({ action: 'created' });
    const webhook = await fetch(`${served.url}/api/github/webhooks`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-github-event': 'issue_comment', 'x-github-delivery': 'd-1', 'x-hub-signature-256': signWebhook(body) },
    });

    expect(live.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not-ready', checks: { store: 'failed', github: 'unknown', deadJobs: null } });
    expect(report.status).toBe(503);
    expect(report.headers.get('retry-after')).toBe('10');
    expect(await report.json()).toMatchObject({ error: 'starting' });
    expect(page.status).toBe(503);
    expect(webhook.status).toBe(503);
    expect(() => served?.core).toThrow(/not started yet/);
    expect(fake.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('keeps trying, and takes reports once the store can be written', async () => {
    // A file where the data directory should be: the store cannot be opened until it goes.
    const dataDir = join(dir, 'data');
    await writeFile(dataDir, 'not a directory');
    served = await serveWith(fake, { DATA_DIR: dataDir });
    expect((await fetch(`${served.url}/readyz`)).status).toBe(503);

    await rm(dataDir);
    const core = await served.ready;
    await waitFor('the desk ready', async () => (await fetch(`${served?.url}/readyz`)).status === 200);
    const report = await fetch(`${served.url}/api/v1/orgs/acme/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: REPORT });

    expect(report.status).toBe(202);
    expect(await core.store.countReports()).toBe(1);
  });

  it('stops cleanly while it is still trying', async () => {
    served = await serveWith(fake, { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' });
    const stopping = served.stop();
    served = null;

    await expect(stopping).resolves.toBeUndefined();
  });

  it('still refuses to start on a setting that is wrong rather than unreachable', async () => {
    await expect(serveWith(fake, { DATABASE_URL: 'mysql://db.example/desk' })).rejects.toThrow(/DATABASE_URL must start with postgres/);
  });
});
