import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/app.js';
import { silentLogger } from '../../src/log.js';
import type { Store } from '../../src/store/store.js';
import { createFakeGitHub, type FakeGitHub } from '../helpers/fake-issues.js';
import { backends, cleanupStores } from '../helpers/stores.js';
import { jsonReport, postJson } from './helpers/reports.js';

const sqlite = backends[0]!;
const AT = new Date('2026-03-03T08:00:00Z');
const servers: Server[] = [];
const cores: Core[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(cores.splice(0).map((core) => core.worker.stop()));
  await cleanupStores();
});

/** The app's routes on a real server, with a fake GitHub that counts installation lookups. */
async function desk(store: Store, env: NodeJS.ProcessEnv = {}, github: FakeGitHub = createFakeGitHub(() => AT)) {
  const lookups: string[] = [];
  const counting = { ...github, installationFor: (org: string) => (lookups.push(org), github.installationFor(org)) };
  const core = await createCore({ github: counting, store, log: silentLogger, clock: () => AT, env, pgp: null });
  cores.push(core);
  const server = createServer((req, res) => {
    void core.http(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, core, github, lookups };
}

describe('the request limits', () => {
  it('spends at most the lookup budget on GitHub for 1,000 page reads of made-up organisations', async () => {
    const { base, lookups } = await desk(await sqlite.open());

    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i += 1) {
      const { status } = await fetch(`${base}/orgs/made-up-org-${i}/report`);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }

    expect(lookups.length).toBeLessThanOrEqual(10);
    expect(statuses.get(429)).toBeGreaterThanOrEqual(1000 - 120);
  });

  it('answers a read over the limit with a page about requests, not reports', async () => {
    const { base } = await desk(await sqlite.open(), { READ_RATE_LIMIT: '2/60' });

    for (let i = 0; i < 2; i += 1) await fetch(`${base}/orgs/made-up-org/policy`);
    const response = await fetch(`${base}/orgs/made-up-org/policy?lang=nl`);
    const page = await response.text();

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).not.toBeNull();
    expect(page).toContain('Te veel verzoeken');
    expect(page).not.toContain('meldingen');
  });

  it('keeps the lookup budget across many clients, answering 503 once it is spent', async () => {
    const { base, lookups } = await desk(await sqlite.open(), { TRUST_PROXY: '1' });

    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const response = await fetch(`${base}/orgs/ghost-${i}/policy`, { headers: { 'x-forwarded-for': `198.51.100.${i}` } });
      statuses.push(response.status);
    }

    expect(lookups).toHaveLength(10);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 503)).toBe(true);
  });

  it('never asks GitHub about a path segment that is not a GitHub login', async () => {
    const { base, lookups } = await desk(await sqlite.open());

    await fetch(`${base}/orgs/-dash-first/report`);
    await fetch(`${base}/orgs/double--dash/report`);

    expect(lookups).toEqual([]);
  });

  it('knows an organisation from its installation event without asking GitHub', async () => {
    const { base, core, github, lookups } = await desk(await sqlite.open());
    github.installations.set('acme', 7);

    await core.installationEvent({ org: 'Acme', installationId: 7, action: 'created' });
    const form = await fetch(`${base}/orgs/acme/report`);
    await core.installationEvent({ org: 'acme', installationId: 7, action: 'deleted' });
    const gone = await fetch(`${base}/orgs/acme/report`);

    expect(form.status).toBe(200);
    expect(gone.status).toBe(404);
    expect(lookups).toEqual([]);
  });

  it('asks GitHub once about an organisation installed before events were kept, then remembers', async () => {
    const { base, github, lookups } = await desk(await sqlite.open());
    github.installations.set('acme', 7);

    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${base}/orgs/acme/report`)).status);

    expect(statuses).toEqual([200, 200, 200]);
    expect(lookups).toEqual(['acme']);
  });

  it('does not let a made-up first X-Forwarded-For hop bypass the report limit', async () => {
    const { base, github } = await desk(await sqlite.open(), { TRUST_PROXY: '1' });
    github.installations.set('acme', 7);

    const statuses = [];
    for (let i = 0; i < 20; i += 1) {
      const response = await postJson(base, 'acme', jsonReport(), { 'x-forwarded-for': `10.9.${i}.1, 203.0.113.7` });
      statuses.push(response.status);
    }

    expect(statuses.filter((s) => s === 202)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });

  it('shares the report limit between two instances on one database', async () => {
    const database = await sqlite.createDatabase();
    const github = createFakeGitHub(() => AT);
    github.installations.set('acme', 7);
    const first = await desk(await database.open(), {}, github);
    const second = await desk(await database.open(), {}, github);

    const statuses = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await postJson(i % 2 === 0 ? first.base : second.base, 'acme', jsonReport())).status);

    expect(statuses.filter((s) => s === 202)).toHaveLength(10);
  });
});
