import { createRequire } from 'node:module';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Core } from '../../src/app.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { type AppServer, startAppServer } from '../helpers/probot-server.js';
import { describeEachBackend } from '../helpers/stores.js';

// The agreed publication date and the overdue digest as GitHub sees them: a real
// `issue_comment.created` payload, and a fake GitHub that validates every request body
// against the OpenAPI description (afterEach fails the test on any invalid request).

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

function commentPayload(issueNumber: number, body: string, commentId: number): string {
  const example = examples.find((e) => e.name === 'issue_comment')?.examples.find((e) => e.action === 'created' && (e.issue as { pull_request?: unknown }).pull_request === undefined);
  if (example === undefined) throw new Error('no issue_comment.created example');
  const payload = structuredClone(example) as {
    issue: { number: number };
    comment: { id: number; body: string; user: { login: string; type: string } };
    repository: { name: string; full_name: string; owner: { login: string } };
    installation?: { id: number };
  };
  payload.issue.number = issueNumber;
  payload.comment.id = commentId;
  payload.comment.body = body;
  payload.comment.user.login = 'alice';
  payload.comment.user.type = 'User';
  payload.repository.name = 'security-reports';
  payload.repository.full_name = 'acme/security-reports';
  payload.repository.owner.login = 'acme';
  payload.installation = { id: 11 };
  return JSON.stringify(payload);
}

describeEachBackend('agreed dates and the overdue digest through Probot', (backend) => {
  let fake: FakeGitHub;
  let app: AppServer;
  let core: Core;
  let base: string;
  let now: Date;

  async function fileReport(): Promise<number> {
    const response = await fetch(`${base}/api/v1/orgs/acme/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Stored XSS in the profile page', description: 'The display name is rendered without escaping.', affected: 'https://www.acme.example/profile', credit: 'anonymous' }),
    });
    expect(response.status).toBe(202);
    await core.worker.runOnce();
    const issues = fake.repo('acme', 'security-reports')?.issues ?? [];
    return issues[issues.length - 1]?.number ?? -1;
  }

  beforeEach(async () => {
    now = new Date('2026-03-02T09:00:00Z');
    fake = await startFakeGitHub();
    fake.addOrg('acme', 11);
    fake.addRepo('acme', 'security-reports', { private: true });
    fake.setFile('acme', '.github', '.github/disclosure.yml', 'sla:\n  time_zone: Europe/Amsterdam\n  reminder_lead_hours: 0\n  overdue_team: security\ndisclosure:\n  reminder_days_before: 3\n');
    fake.setPermission('acme', 'security-reports', 'alice', 'write');
    app = await startAppServer(fake, { store: await backend.open(), clock: () => now });
    ({ core, base } = app);
  });

  afterEach(async () => {
    await app.stop();
    const invalid = fake.state.invalidRequests;
    await fake.close();
    expect(invalid).toEqual([]);
  });

  it('records /disclose-on in the Deadlines table, then reminds 3 days before and on the day', async () => {
    const issue = await fileReport();

    await app.deliver('issue_comment', commentPayload(issue, '/disclose-on 2026-04-01', 601));
    await core.worker.runOnce();
    for (const at of ['2026-03-29T00:30:00Z', '2026-03-30T00:30:00Z', '2026-04-01T08:00:00Z']) {
      now = new Date(at);
      await core.sweep.runOnce();
      await core.worker.runOnce();
    }

    const tracked = fake.issue('acme', 'security-reports', issue);
    expect(tracked?.body).toContain('| Publication agreed with the researcher | 2026-04-01 |');
    const about = (tracked?.comments ?? []).map((c) => c.body).filter((body) => body.includes('2026-04-01'));
    expect(about).toHaveLength(3);
    expect(about[0]).toContain('Publication agreed for **2026-04-01**');
    expect(about[1]).toContain('in 3 days');
    expect(about[2]).toContain('Today (2026-04-01)');
  });

  it('opens one digest issue for an overdue backlog, and labels each report', async () => {
    const issues: number[] = [];
    for (let i = 0; i < 4; i += 1) issues.push(await fileReport());

    now = new Date('2026-03-05T10:00:00Z');
    await core.sweep.runOnce();
    await core.worker.runOnce();
    await core.worker.runOnce();

    const all = fake.repo('acme', 'security-reports')?.issues ?? [];
    const digests = all.filter((i) => i.body?.includes('disclosure-desk:overdue-digest=') === true);
    expect(digests).toHaveLength(1);
    for (const n of issues) {
      expect(digests[0]?.body).toContain(`- #${n}: Confirm receipt`);
      expect(fake.issue('acme', 'security-reports', n)?.labels).toContain('sla:overdue');
    }
  });
});
