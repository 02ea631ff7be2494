import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/app.js';
import { silentLogger } from '../../src/log.js';
import { createFakeGitHub } from '../helpers/fake-issues.js';
import { backends, cleanupStores } from '../helpers/stores.js';
import { jsonReport, postJson } from '../web/helpers/reports.js';

// The acknowledgement mail is queued with the report only where it can be sent: without
// SMTP, each accepted report would otherwise cost the worker a claim and a commit for a job
// that does nothing, which under a burst halved what the intake took.

const AT = new Date('2026-03-03T08:00:00Z');
const sqlite = backends[0]!;
const servers: Server[] = [];
const cores: Core[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(cores.splice(0).map((core) => core.close()));
  await cleanupStores();
});

async function accept(env: NodeJS.ProcessEnv): Promise<{ core: Core; id: string }> {
  const github = createFakeGitHub(() => AT);
  github.installations.set('acme', 7);
  const core = await createCore({ github, store: await sqlite.open(), log: silentLogger, clock: () => AT, env, pgp: null });
  cores.push(core);
  const server = createServer((req, res) => {
    void core.http(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const response = await postJson(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'acme', jsonReport());
  expect(response.status).toBe(202);
  return { core, id: ((await response.json()) as { id: string }).id };
}

describe('the acknowledgement mail of a new report', () => {
  it('is not queued when no mail can be sent (no SMTP_URL)', async () => {
    const { core, id } = await accept({});

    expect(await core.store.getJob(`send-mail:${id}:0`)).toBeNull();
    expect(await core.store.getJob(`file-report:${id}`)).not.toBeNull();
  });

  it('is queued with the report when SMTP is configured', async () => {
    const { core, id } = await accept({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'security@acme.example' });

    expect((await core.store.getJob(`send-mail:${id}:0`))?.kind).toBe('send-mail');
  });
});
