import { createRequire } from 'node:module';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Core } from '../../src/app.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { type AppServer, startAppServer } from '../helpers/probot-server.js';
import { describeEachBackend } from '../helpers/stores.js';

// Staff close, reopen and delete tracking issues in GitHub's UI: real `issues` payloads
// (from @octokit/webhooks-examples; the package has no `closed` example, so the `reopened`
// one is turned into a close the way GitHub writes it), signed and posted to the webhook route.

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

interface IssuesPayload {
  action: string;
  issue: { number: number; state: string; state_reason?: string | null; closed_at: string | null; updated_at: string };
  repository: { name: string; full_name: string; owner: { login: string } };
  sender: { login: string; type: string };
  installation?: { id: number };
}

function issuesPayload(action: 'closed' | 'reopened' | 'deleted', issueNumber: number, at: string): string {
  const source = action === 'deleted' ? 'deleted' : 'reopened';
  const example = examples.find((e) => e.name === 'issues')?.examples.find((e) => e.action === source);
  if (example === undefined) throw new Error(`no issues.${source} example`);
  const payload = structuredClone(example) as unknown as IssuesPayload;
  payload.action = action;
  payload.issue.number = issueNumber;
  payload.issue.updated_at = at;
  if (action === 'closed') {
    payload.issue.state = 'closed';
    payload.issue.state_reason = 'not_planned';
    payload.issue.closed_at = at;
  }
  payload.repository.name = 'security-reports';
  payload.repository.full_name = 'acme/security-reports';
  payload.repository.owner.login = 'acme';
  payload.sender.login = 'alice';
  payload.sender.type = 'User';
  payload.installation = { id: 11 };
  return JSON.stringify(payload);
}

describeEachBackend('tracking issues changed by hand, through Probot', (backend) => {
  let fake: FakeGitHub;
  let app: AppServer;
  let core: Core;
  let base: string;

  async function fileReport(): Promise<{ id: string; issue: number }> {
    const response = await fetch(`${base}/api/v1/orgs/acme/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Open redirect on login', description: 'The next parameter is not checked.', affected: 'https://www.acme.example/login' }),
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await core.worker.runOnce();
    const issues = fake.repo('acme', 'security-reports')?.issues ?? [];
    return { id, issue: issues[issues.length - 1]?.number ?? -1 };
  }

  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.addOrg('acme', 11);
    fake.addRepo('acme', 'security-reports', { private: true });
    app = await startAppServer(fake, { store: await backend.open(), clock: () => new Date('2026-03-02T09:00:00Z') });
    ({ core, base } = app);
  });

  afterEach(async () => {
    await app.stop();
    const invalid = fake.state.invalidRequests;
    await fake.close();
    expect(invalid).toEqual([]);
  });

  it('moves a report closed as not planned to rejected, and back to triaged when reopened', async () => {
    const { id, issue } = await fileReport();
    const tracked = fake.issue('acme', 'security-reports', issue);
    if (tracked === undefined) throw new Error('not filed');
    tracked.state = 'closed';

    expect((await app.deliver('issues', issuesPayload('closed', issue, '2026-03-02T10:00:00Z'))).status).toBe(200);
    await core.worker.runOnce();

    expect((await core.store.getTriage(id))?.status).toBe('rejected');
    expect(tracked.labels).toContain('status:rejected');
    expect(tracked.comments.map((c) => c.body).join('\n')).toContain('Closed by hand');

    tracked.state = 'open';
    expect((await app.deliver('issues', issuesPayload('reopened', issue, '2026-03-02T11:00:00Z'))).status).toBe(200);
    await core.worker.runOnce();

    const triage = await core.store.getTriage(id);
    expect(triage?.status).toBe('triaged');
    expect(triage?.nextCheckAt).not.toBeNull();
    expect(tracked.labels).toContain('status:triaged');
    expect(tracked.labels).not.toContain('status:rejected');
  });

  it('stops the clock of a report whose issue was deleted', async () => {
    const { id, issue } = await fileReport();

    expect((await app.deliver('issues', issuesPayload('deleted', issue, '2026-03-02T10:00:00Z'))).status).toBe(200);

    const triage = await core.store.getTriage(id);
    expect(triage?.nextCheckAt).toBeNull();
    expect(triage?.closedAt).not.toBeNull();
  });

  it('follows an issue transferred to another private repository of the organisation', async () => {
    const { id, issue } = await fileReport();
    fake.addRepo('acme', 'security-archive', { private: true });
    const moved = fake.addIssue('acme', 'security-archive', { title: 'moved', body: fake.issue('acme', 'security-reports', issue)?.body ?? '' });
    const example = examples.find((e) => e.name === 'issues')?.examples.find((e) => e.action === 'transferred');
    if (example === undefined) throw new Error('no issues.transferred example');
    const payload = structuredClone(example) as unknown as IssuesPayload & {
      changes: { new_issue: { number: number; html_url: string }; new_repository: { name: string; private: boolean; owner: { login: string } } };
    };
    payload.issue.number = issue;
    payload.repository.name = 'security-reports';
    payload.repository.owner.login = 'acme';
    payload.changes.new_issue.number = moved.number;
    payload.changes.new_issue.html_url = `https://github.com/acme/security-archive/issues/${moved.number}`;
    payload.changes.new_repository.name = 'security-archive';
    payload.changes.new_repository.private = true;
    payload.changes.new_repository.owner.login = 'acme';
    payload.installation = { id: 11 };

    expect((await app.deliver('issues', JSON.stringify(payload))).status).toBe(200);

    const triage = await core.store.getTriage(id);
    expect(triage?.repo).toBe('security-archive');
    expect(triage?.issueNumber).toBe(moved.number);
  });
});

