import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSyntaxError, type GitHubPort, type IssuePort } from '../../src/ports/github.js';
import { NotFoundError, RateLimitedError, TransientError } from '../../src/errors.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { closeAndCheck, gatewayAgainst } from '../helpers/fake-github-port.js';

// The app's GitHub gateway, through Probot in appId + privateKey mode, against the fake
// GitHub reached the standard way (GHE_HOST / GHE_PROTOCOL). Every request it sends is
// checked against GitHub's OpenAPI description.

let fake: FakeGitHub;
let github: GitHubPort;
const now = () => new Date();

beforeEach(async () => {
  fake = await startFakeGitHub();
  fake.addOrg('acme', 1);
  fake.addRepo('acme', 'security-reports', { private: true });
  github = gatewayAgainst(fake, now);
});

afterEach(() => closeAndCheck(fake));

describe('the GitHub gateway against the fake GitHub', () => {
  it('finds the installation with the app JWT, and null where the app is not installed', async () => {
    const found = await github.installationFor('acme');
    const missing = await github.installationFor('globex');

    expect(found).toBe(1);
    expect(missing).toBeNull();
    expect(fake.requests.map((r) => [r.route, r.auth])).toEqual([
      ['GET /orgs/{org}/installation', 'jwt'],
      ['GET /orgs/{org}/installation', 'jwt'],
    ]);
  });

  it('reads the config raw from the .github repository, null when there is none', async () => {
    const none = await github.loadRawConfig(1, 'acme');
    fake.setFile('acme', '.github', '.github/disclosure.yml', 'tracking:\n  repository: vault\n');

    const config = await github.loadRawConfig(1, 'acme');

    expect(none).toBeNull();
    expect(config).toEqual({ tracking: { repository: 'vault' } });
    expect(fake.requests.find((r) => r.operationId === 'repos/get-content')?.path).toBe('/repos/acme/.github/contents/.github%2Fdisclosure.yml');
  });

  it('turns YAML it cannot parse into a ConfigSyntaxError', async () => {
    fake.setFile('acme', '.github', '.github/disclosure.yml', 'tracking: [unclosed\n');

    await expect(github.loadRawConfig(1, 'acme')).rejects.toBeInstanceOf(ConfigSyntaxError);
  });

  it('files an issue with labels and finds it again by its marker', async () => {
    const issues = await github.issues(1);

    const repo = await issues.getRepository('acme', 'security-reports');
    await issues.createLabel('acme', 'security-reports', { name: 'security', color: 'b60205', description: 'A report' });
    await issues.createLabel('acme', 'security-reports', { name: 'security', color: 'b60205', description: 'A report' });
    const issue = await issues.createIssue('acme', 'security-reports', { title: 'DD-1', body: 'x <!-- dd:DD-1 -->', labels: ['security'] });
    await issues.addLabels('acme', 'security-reports', issue.number, ['triage']);
    const found = await issues.findIssueByMarker('acme', 'security-reports', '<!-- dd:DD-1 -->', new Date(Date.now() - 60_000));

    expect(repo).toEqual({ private: true, archived: false });
    expect(issue).toEqual({ number: 1, url: `${fake.url}/acme/security-reports/issues/1`, labels: ['security'] });
    expect(found).toEqual({ number: 1, url: issue.url, labels: ['security', 'triage'] });
    expect(fake.repo('acme', 'security-reports')?.issues).toHaveLength(1);
  });

  it('reads every page of labels', async () => {
    for (let n = 0; n < 130; n += 1) fake.addLabel('acme', 'security-reports', { name: `label-${n}` });
    const issues = await github.issues(1);

    const labels = await issues.listLabels('acme', 'security-reports');

    expect(labels).toHaveLength(130);
    expect(fake.requests.filter((r) => r.operationId === 'issues/list-labels-for-repo')).toHaveLength(2);
  });

  it('says null for a repository the installation cannot see', async () => {
    const issues = await github.issues(1);

    expect(await issues.getRepository('acme', 'nothing-here')).toBeNull();
  });

  it.each([
    ['5xx', TransientError],
    ['drop', TransientError],
    ['secondary-rate-limit', RateLimitedError],
  ] as const)('maps an injected %s to %o', async (kind, type) => {
    const issues = await github.issues(1);
    fake.failNext({ method: 'POST', path: /\/issues$/, kind, retryAfterSeconds: 30 });

    const attempt = issues.createIssue('acme', 'security-reports', { title: 'x', body: 'y', labels: [] });

    await expect(attempt).rejects.toBeInstanceOf(type);
    if (kind === 'secondary-rate-limit') await expect(attempt).rejects.toMatchObject({ retryAfterMs: 30_000 });
  });
});

describe('editing an issue through the gateway', () => {
  const owner = 'acme';
  const repo = 'security-reports';

  it('reads an issue title, body, state and labels, and says null for an issue that does not exist', async () => {
    fake.addIssue(owner, repo, { title: 'DD-1', body: 'report <!-- dd:DD-1 -->', labels: ['security', 'sla: overdue'] });
    const issues = await github.issues(1);

    const issue = await issues.getIssue(owner, repo, 1);
    const missing = await issues.getIssue(owner, repo, 99);

    expect(issue).toEqual({ title: 'DD-1', body: 'report <!-- dd:DD-1 -->', state: 'open', labels: ['security', 'sla: overdue'] });
    expect(missing).toBeNull();
  });

  it('says an empty body for an issue without one', async () => {
    fake.addIssue(owner, repo, { title: 'bare' });
    const issues = await github.issues(1);

    const issue = await issues.getIssue(owner, repo, 1);

    expect(issue?.body).toBe('');
  });

  it('closes an issue with a reason and reopens it', async () => {
    fake.addIssue(owner, repo, { title: 'DD-1', body: 'x' });
    const issues = await github.issues(1);

    await issues.updateIssue(owner, repo, 1, { state: 'closed', stateReason: 'not_planned' });
    const closed = { ...fake.issue(owner, repo, 1) };
    const seen = await issues.getIssue(owner, repo, 1);
    await issues.updateIssue(owner, repo, 1, { state: 'open' });

    expect(closed).toMatchObject({ state: 'closed', stateReason: 'not_planned', closedAt: expect.any(Date) });
    expect(seen?.state).toBe('closed');
    expect(fake.issue(owner, repo, 1)).toMatchObject({ state: 'open', stateReason: 'reopened', closedAt: null });
    expect(fake.requests.filter((r) => r.operationId === 'issues/update').map((r) => r.body)).toEqual([
      { state: 'closed', state_reason: 'not_planned' },
      { state: 'open' },
    ]);
  });

  it('sends only the fields it is given, and a reason only with a close', async () => {
    fake.addIssue(owner, repo, { title: 'DD-1', body: 'old' });
    const issues = await github.issues(1);

    await issues.updateIssue(owner, repo, 1, { body: 'new' });
    await issues.updateIssue(owner, repo, 1, { state: 'open', stateReason: 'duplicate' });
    await issues.updateIssue(owner, repo, 1, { body: 'newer', state: 'closed', stateReason: 'duplicate' });

    expect(fake.requests.filter((r) => r.operationId === 'issues/update').map((r) => r.body)).toEqual([
      { body: 'new' },
      { state: 'open' },
      { body: 'newer', state: 'closed', state_reason: 'duplicate' },
    ]);
    expect(fake.issue(owner, repo, 1)).toMatchObject({ body: 'newer', state: 'closed', stateReason: 'duplicate' });
  });

  it('says NotFoundError when updating an issue that does not exist', async () => {
    const issues = await github.issues(1);

    await expect(issues.updateIssue(owner, repo, 42, { body: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('removes a label, even one whose name needs escaping in the URL', async () => {
    fake.addIssue(owner, repo, { title: 'DD-1', labels: ['security', 'sla: overdue'] });
    const issues = await github.issues(1);

    await issues.removeLabel(owner, repo, 1, 'sla: overdue');

    expect(fake.issue(owner, repo, 1)?.labels).toEqual(['security']);
    expect(fake.requests.find((r) => r.operationId === 'issues/remove-label')?.path).toBe(`/repos/${owner}/${repo}/issues/1/labels/sla%3A%20overdue`);
  });

  it('treats removing a label the issue does not carry as done', async () => {
    fake.addIssue(owner, repo, { title: 'DD-1', labels: ['security'] });
    const issues = await github.issues(1);

    await issues.removeLabel(owner, repo, 1, 'triage');

    expect(fake.issue(owner, repo, 1)?.labels).toEqual(['security']);
    expect(fake.requests.find((r) => r.operationId === 'issues/remove-label')?.status).toBe(404);
  });

  it('still says NotFoundError when the issue itself is missing while removing a label', async () => {
    const issues = await github.issues(1);

    await expect(issues.removeLabel(owner, repo, 7, 'security')).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each([
    ['admin', 'admin'],
    ['maintain', 'maintain'],
    ['write', 'write'],
    ['triage', 'triage'],
    ['read', 'read'],
  ] as const)('reads the %s role by its role_name', async (role, expected) => {
    fake.setPermission(owner, repo, 'alice', role);
    const issues = await github.issues(1);

    const permission = await issues.permissionOf(owner, repo, 'alice');

    expect(permission).toBe(expected);
  });

  it('falls back to the base permission for a custom role', async () => {
    fake.setPermission(owner, repo, 'carol', { roleName: 'security-manager', permission: 'write' });
    const issues = await github.issues(1);

    const permission = await issues.permissionOf(owner, repo, 'carol');

    expect(permission).toBe('write');
  });

  it("says 'none' for a user without access and for an account that does not exist", async () => {
    fake.removeUser('ghost');
    const issues = await github.issues(1);

    const outsider = await issues.permissionOf(owner, repo, 'mallory');
    const ghost = await issues.permissionOf(owner, repo, 'ghost');

    expect(outsider).toBe('none');
    expect(ghost).toBe('none');
    expect(fake.requests.filter((r) => r.operationId === 'repos/get-collaborator-permission-level').map((r) => r.status)).toEqual([200, 404]);
  });

  it('reads every page of comments, oldest first', async () => {
    fake.addIssue(owner, repo, { title: 'DD-1' });
    for (let n = 0; n < 105; n += 1) fake.addComment(owner, repo, 1, `comment ${n}`);
    const issues = await github.issues(1);

    const bodies = await issues.listCommentBodies(owner, repo, 1);

    expect(bodies).toHaveLength(105);
    expect(bodies[0]).toBe('comment 0');
    expect(bodies[104]).toBe('comment 104');
    expect(fake.requests.filter((r) => r.operationId === 'issues/list-comments')).toHaveLength(2);
  });

  it.each([
    ['get an issue', (t: IssuePort) => t.getIssue(owner, repo, 1)],
    ['update an issue', (t: IssuePort) => t.updateIssue(owner, repo, 1, { state: 'closed', stateReason: 'completed' })],
    ['remove a label', (t: IssuePort) => t.removeLabel(owner, repo, 1, 'security')],
    ['read a permission', (t: IssuePort) => t.permissionOf(owner, repo, 'alice')],
  ])('turns a 5xx into a TransientError when it tries to %s', async (_what, act) => {
    fake.addIssue(owner, repo, { title: 'DD-1', labels: ['security'] });
    fake.failNext({ path: /\/(issues\/1|permission)/, kind: '5xx', status: 503 });
    const issues = await github.issues(1);

    const attempt = act(issues);

    await expect(attempt).rejects.toBeInstanceOf(TransientError);
    await expect(attempt).rejects.toMatchObject({ status: 503 });
  });
});
