import { createRequire } from 'node:module';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Core } from '../../src/app.js';
import { ALERT_MARKER } from '../../src/issue-text/plan-org-alert.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { type AppServer, startAppServer } from '../helpers/probot-server.js';
import { describeEachBackend } from '../helpers/stores.js';

// The organisation is told in GitHub: a pushed `.github/disclosure.yml` gets a check run on
// its commit, and an invalid config or held reports raise one alert issue in the `.github`
// repository, closed again once fixed. Real `push` payloads (from @octokit/webhooks-examples),
// signed and posted to the webhook route; the check runs and issues land in the fake GitHub.

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

const INVALID = 'name: Acme\nsla:\n  receipt_business_days: -1\n';
const VALID = 'name: Acme\n';
const SHA_1 = '1111111111111111111111111111111111111111';
const SHA_2 = '2222222222222222222222222222222222222222';

function pushPayload(sha: string, paths: string[]): string {
  const example = examples.find((e) => e.name === 'push')?.examples[0];
  if (example === undefined) throw new Error('no push example');
  const payload = structuredClone(example) as Record<string, unknown> & { repository: Record<string, unknown> & { owner: Record<string, unknown> }; commits: Array<Record<string, unknown>> };
  payload.ref = 'refs/heads/main';
  payload.after = sha;
  payload.repository.name = '.github';
  payload.repository.full_name = 'acme/.github';
  payload.repository.default_branch = 'main';
  payload.repository.owner.login = 'acme';
  payload.repository.owner.name = 'acme';
  payload.commits = [{ ...(payload.commits[0] ?? {}), id: sha, added: [], removed: [], modified: paths }];
  payload.installation = { id: 11 };
  return JSON.stringify(payload);
}

describeEachBackend('the organisation told in GitHub, through Probot', (backend) => {
  let fake: FakeGitHub;
  let app: AppServer;
  let core: Core;
  let now: Date;

  /** Runs what is due, then what comes due within a minute (the alert waits 15 s for more changes). */
  async function settle(): Promise<void> {
    await core.worker.runOnce();
    now = new Date(now.getTime() + 60_000);
    await core.worker.runOnce();
  }

  function alerts() {
    return (fake.repo('acme', '.github')?.issues ?? []).filter((issue) => (issue.body ?? '').includes(ALERT_MARKER));
  }

  beforeEach(async () => {
    now = new Date('2026-03-02T09:00:00Z');
    fake = await startFakeGitHub();
    fake.addOrg('acme', 11);
    fake.addRepo('acme', 'security-reports', { private: true });
    fake.setFile('acme', '.github', '.github/disclosure.yml', INVALID);
    app = await startAppServer(fake, { store: await backend.open(), clock: () => now });
    core = app.core;
  });

  afterEach(async () => {
    await app.stop().catch(() => undefined);
    expect(fake.state.invalidRequests).toEqual([]);
    await fake.close();
  });

  it('puts a failing check on the commit that broke the config, raises one alert, and closes it when fixed', async () => {
    expect((await app.deliver('push', pushPayload(SHA_1, ['.github/disclosure.yml']))).status).toBe(200);
    await settle();

    const runs = fake.repo('acme', '.github')?.checkRuns ?? [];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ name: 'Disclosure Desk: configuration', headSha: SHA_1, conclusion: 'failure' });
    expect(runs[0]?.output.annotations).toEqual([expect.objectContaining({ path: '.github/disclosure.yml', start_line: 3, message: expect.stringContaining('sla.receipt_business_days') })]);
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toMatchObject({ title: 'Disclosure Desk: attention needed', state: 'open' });
    expect(alerts()[0]?.body).toContain('The configuration is invalid');
    expect(alerts()[0]?.body).toContain('.github/disclosure.yml: sla.receipt\\_business\\_days');

    // A redelivery, or a second push of the same commit: still one check run, one alert.
    await app.deliver('push', pushPayload(SHA_1, ['.github/disclosure.yml']));
    await settle();
    expect(fake.repo('acme', '.github')?.checkRuns).toHaveLength(1);
    expect(alerts()).toHaveLength(1);

    fake.setFile('acme', '.github', '.github/disclosure.yml', VALID);
    await app.deliver('push', pushPayload(SHA_2, ['.github/disclosure.yml']));
    await settle();

    expect(fake.repo('acme', '.github')?.checkRuns.find((run) => run.headSha === SHA_2)).toMatchObject({ conclusion: 'success' });
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]?.state).toBe('closed');
    expect(alerts()[0]?.comments.map((comment) => comment.body)).toEqual([expect.stringContaining('All is well again')]);
  });

  it('says it in the alert issue when the organisation has not granted checks: write', async () => {
    const org = fake.state.orgs.get('acme');
    if (org) org.checksGranted = false;

    await app.deliver('push', pushPayload(SHA_1, ['.github/disclosure.yml']));
    await settle();

    expect(fake.repo('acme', '.github')?.checkRuns).toEqual([]);
    expect(alerts()).toHaveLength(1);
    // Neutralised Markdown: the underscores are escaped, GitHub shows them as written.
    expect(alerts()[0]?.body).toContain('sla.receipt\\_business\\_days: must be 0 or more');
  });

  it('counts held reports in the alert, and ignores pushes that do not touch the config', async () => {
    fake.setFile('acme', '.github', '.github/disclosure.yml', VALID);
    fake.repo('acme', 'security-reports')!.private = false;
    const response = await fetch(`${app.base}/api/v1/orgs/acme/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Open redirect on login', description: 'The next parameter is not checked.', affected: 'https://www.acme.example/login' }),
    });
    expect(response.status).toBe(202);
    await settle();

    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]?.body).toContain('1 report is held');
    expect(alerts()[0]?.body).toContain('is public');
    expect(alerts()[0]?.body).not.toContain('Open redirect');

    await app.deliver('push', pushPayload(SHA_2, ['README.md']));
    await settle();
    expect(fake.repo('acme', '.github')?.checkRuns).toEqual([]);
  });
});
