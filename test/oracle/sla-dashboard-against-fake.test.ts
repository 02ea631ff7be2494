import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/app.js';
import { DASHBOARD_MARKER } from '../../src/issue-text/plan-sla-dashboard.js';
import { newJob } from '../../src/jobs/new-job.js';
import { silentLogger } from '../../src/log.js';
import type { GitHubPort } from '../../src/ports/github.js';
import type { PinPort } from '../../src/ports/issue-pins.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { closeAndCheck, gatewayAgainst } from '../helpers/fake-github-port.js';
import { describeEachBackend } from '../helpers/stores.js';

// The dashboard job through the app's real REST gateway against the fake GitHub: every
// request it sends (issue list, create, get, update) is checked against GitHub's OpenAPI
// description. Pinning is GraphQL, which the OpenAPI description does not cover: it is an
// in-memory port here, and test/github/issue-pins.test.ts checks its requests.

describeEachBackend('the SLA dashboard against the fake GitHub', (backend) => {
  let fake: FakeGitHub;
  let core: Core;
  let now = new Date('2026-03-02T09:00:00Z');
  const pinned = new Set<number>();

  beforeEach(async () => {
    now = new Date('2026-03-02T09:00:00Z');
    pinned.clear();
    fake = await startFakeGitHub({ now: () => now });
    fake.addOrg('acme', 1);
    fake.addRepo('acme', 'security-reports', { private: true });
    const pins: PinPort = {
      findPinnedByMarker: async () => null,
      isPinned: async (_owner, _repo, n) => pinned.has(n),
      pinIssue: async (_owner, _repo, n) => {
        pinned.add(n);
      },
    };
    const github: GitHubPort = { ...gatewayAgainst(fake, () => now), pins: async () => pins };
    core = await createCore({ github, store: await backend.open(), log: silentLogger, clock: () => now, sleep: async () => undefined, env: {} });
  });

  afterEach(() => closeAndCheck(fake));

  async function runDashboard(key: string): Promise<void> {
    await core.store.enqueue(newJob('sla-dashboard', { org: 'acme' }, { key, org: 'acme', runAfter: now }));
    await core.worker.runOnce();
  }

  it('sends only requests GitHub describes, and opens exactly one dashboard when the answer to its create is lost', async () => {
    fake.failNext({ method: 'POST', path: /\/issues$/, kind: 'lost-answer' });

    await runDashboard('sla-dashboard:acme:2026-03-02');
    now = new Date(now.getTime() + 20 * 60_000);
    await core.worker.runOnce();
    await runDashboard('sla-dashboard:acme:again');

    const dashboards = fake.issuesWithMarker('acme', 'security-reports', DASHBOARD_MARKER);
    expect(fake.requests.filter((r) => r.injected === 'lost-answer')).toHaveLength(1);
    expect(dashboards).toHaveLength(1);
    expect(pinned.has(dashboards[0]?.number ?? 0)).toBe(true);
    expect(fake.requests.filter((r) => r.operationId === 'issues/create')).toHaveLength(1);
    // The pin state was written once; the run on unchanged facts wrote nothing.
    expect(fake.requests.filter((r) => r.operationId === 'issues/update')).toHaveLength(1);
  });
});
