import { createRequire } from 'node:module';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Core } from '../../src/app.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { type AppServer, startAppServer } from '../helpers/probot-server.js';
import { describeEachBackend } from '../helpers/stores.js';

// Triage as staff meet it: a real `issue_comment.created` payload (from
// @octokit/webhooks-examples), signed and posted to Probot's webhook route; the app checks
// the commenter's permission on a GitHub that validates every request against the OpenAPI
// description, and the outbox writes the result back.

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

/** GitHub's own example of a created issue comment, pointed at our tracking issue. */
function commentPayload(issueNumber: number, body: string, login: string, commentId: number, userType = 'User'): string {
  const example = examples.find((e) => e.name === 'issue_comment')?.examples.find((e) => e.action === 'created' && (e.issue as { pull_request?: unknown }).pull_request === undefined);
  if (example === undefined) throw new Error('no issue_comment.created example');
  const payload = structuredClone(example) as {
    issue: { number: number; pull_request?: unknown };
    comment: { id: number; body: string; user: { login: string; type: string }; performed_via_github_app: unknown };
    repository: { name: string; full_name: string; owner: { login: string } };
    installation?: { id: number };
  };
  payload.issue.number = issueNumber;
  payload.comment.id = commentId;
  payload.comment.body = body;
  payload.comment.user.login = login;
  payload.comment.user.type = userType;
  payload.repository.name = 'security-reports';
  payload.repository.full_name = 'acme/security-reports';
  payload.repository.owner.login = 'acme';
  payload.installation = { id: 11 };
  return JSON.stringify(payload);
}

describeEachBackend('triage through Probot', (backend) => {
  let fake: FakeGitHub;
  let app: AppServer;
  let core: Core;
  let base: string;
  let now: Date;

  function deliver(body: string): Promise<Response> {
    return app.deliver('issue_comment', body);
  }

  async function fileReport(): Promise<number> {
    const response = await fetch(`${base}/api/v1/orgs/acme/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Stored XSS in the profile page',
        description: 'The display name is rendered without escaping.',
        affected: 'https://www.acme.example/profile',
        credit: 'anonymous',
      }),
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
    fake.setFile(
      'acme',
      '.github',
      '.github/disclosure.yml',
      'sla:\n  time_zone: Europe/Amsterdam\n  country: NL\n  overdue_team: security\nscope:\n  in_scope:\n    domains: ["*.acme.example"]\n',
    );
    fake.setPermission('acme', 'security-reports', 'alice', 'write');
    fake.setPermission('acme', 'security-reports', 'tom', 'triage');
    app = await startAppServer(fake, { store: await backend.open(), clock: () => now });
    ({ core, base } = app);
  });

  afterEach(async () => {
    await app.stop();
    const invalid = fake.state.invalidRequests;
    await fake.close();
    expect(invalid).toEqual([]);
  });

  it('applies a writer’s /severity and /fix-by: labels, Deadlines section edited in place, one confirmation', async () => {
    const issue = await fileReport();

    const response = await deliver(commentPayload(issue, '/severity CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n/fix-by 2026-03-20', 'alice', 501));
    await core.worker.runOnce();

    expect(response.status).toBe(200);
    const tracked = fake.issue('acme', 'security-reports', issue);
    expect(tracked?.labels.sort()).toEqual(['channel:api', 'severity:critical', 'status:triaged']);
    expect(tracked?.body).toContain('| Expected fix date | 2026-03-20 |');
    expect(tracked?.body).toContain('| Resolution target | Wednesday 1 April 2026, 23:59 (Europe/Amsterdam) (30 calendar days) | open |');
    const replies = tracked?.comments.map((c) => c.body) ?? [];
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('Severity set to **critical** (CVSS 9.8');
    expect(replies[0]).toContain('Expected fix date set to **2026-03-20**');
  });

  it('refuses a user without write access and changes nothing', async () => {
    const issue = await fileReport();
    const before = fake.issue('acme', 'security-reports', issue)?.labels;

    await deliver(commentPayload(issue, '/reject not a bug', 'tom', 502));
    await core.worker.runOnce();

    const tracked = fake.issue('acme', 'security-reports', issue);
    expect(tracked?.state).toBe('open');
    expect(tracked?.labels).toEqual(before);
    expect(tracked?.comments.map((c) => c.body)).toEqual([expect.stringContaining('@tom: only people with write access')]);
  });

  it('ignores commands quoted from someone else and comments by bots', async () => {
    const issue = await fileReport();
    const requestsBefore = fake.requests.length;

    await deliver(commentPayload(issue, '> /reject not a bug\n\nI disagree with this.', 'alice', 503));
    await deliver(commentPayload(issue, '/reject loop', 'disclosure-desk[bot]', 504, 'Bot'));
    await core.worker.runOnce();

    expect(fake.requests.slice(requestsBefore)).toEqual([]);
  });

  it('applies a redelivered comment once', async () => {
    const original = await fileReport();
    const issue = await fileReport();
    const payload = commentPayload(issue, `/duplicate #${original}`, 'alice', 505);

    await deliver(payload);
    await deliver(payload);
    await core.worker.runOnce();

    const tracked = fake.issue('acme', 'security-reports', issue);
    expect(tracked?.state).toBe('closed');
    expect(tracked?.stateReason).toBe('duplicate');
    const bodies = tracked?.comments.map((c) => c.body) ?? [];
    // The triage notes in the issue body named the candidate; the command's reply came once.
    expect(tracked?.body).toContain(`**Possible duplicate:** #${original}`);
    expect(bodies.filter((body) => body.includes(`Duplicate of #${original}.`))).toHaveLength(1);
    expect(bodies).toHaveLength(1);
  });

  it('keeps a command through a GitHub outage and applies it when GitHub answers again', async () => {
    const issue = await fileReport();
    fake.failNext({ method: 'GET', path: /\/collaborators\/alice\/permission$/, kind: '5xx', status: 503 });

    const response = await deliver(commentPayload(issue, '/accept', 'alice', 506));
    await core.worker.runOnce();
    const during = [...(fake.issue('acme', 'security-reports', issue)?.labels ?? [])];
    now = new Date(now.getTime() + 60 * 60_000);
    await core.worker.runOnce();

    expect(response.status).toBe(200);
    expect(during).toContain('status:new');
    const tracked = fake.issue('acme', 'security-reports', issue);
    expect(tracked?.labels).toContain('status:accepted');
    expect(tracked?.labels).not.toContain('status:new');
  });

  it('marks a deadline overdue once, mentioning the team, from the store alone', async () => {
    const issue = await fileReport();
    // Received Monday 2 March 09:00 UTC: receipt is due at the end of Tuesday 3 March (Amsterdam).
    now = new Date('2026-03-04T08:00:00Z');
    const requestsBefore = fake.requests.length;

    const first = await core.sweep.runOnce();
    const sweepRequests = fake.requests.length - requestsBefore;
    const second = await core.sweep.runOnce();
    await core.worker.runOnce();

    expect(first.notices).toBe(1);
    expect(second.notices).toBe(0);
    expect(sweepRequests).toBe(0);
    const tracked = fake.issue('acme', 'security-reports', issue);
    expect(tracked?.labels).toContain('sla:overdue');
    const notices = tracked?.comments.map((c) => c.body) ?? [];
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('@acme/security **Overdue:** Confirm receipt was due Tuesday 3 March 2026, 23:59 (Europe/Amsterdam).');
  });
});
