import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProbot, ProbotOctokit } from 'probot';
import { createGitHubPort } from '../../src/github/github-port.js';
import { ConfigSyntaxError, type GitHubPort } from '../../src/ports.js';
import { RateLimitedError, TransientError } from '../../src/errors.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { TEST_APP_ID, testPrivateKey } from '../helpers/test-keys.js';

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
  const probot = createProbot({
    env: { APP_ID: String(TEST_APP_ID), PRIVATE_KEY: testPrivateKey(), GHE_HOST: fake.host, GHE_PROTOCOL: 'http', LOG_LEVEL: 'fatal' },
    defaults: { Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })) },
  });
  github = createGitHubPort(probot, now);
});

afterEach(async () => {
  const invalid = fake.state.invalidRequests;
  await fake.close();
  expect(invalid).toEqual([]);
});

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
    const tracker = await github.tracker(1);

    const repo = await tracker.getRepository('acme', 'security-reports');
    await tracker.createLabel('acme', 'security-reports', { name: 'security', color: 'b60205', description: 'A report' });
    await tracker.createLabel('acme', 'security-reports', { name: 'security', color: 'b60205', description: 'A report' });
    const issue = await tracker.createIssue('acme', 'security-reports', { title: 'DD-1', body: 'x <!-- dd:DD-1 -->', labels: ['security'] });
    await tracker.addLabels('acme', 'security-reports', issue.number, ['triage']);
    const found = await tracker.findIssueByMarker('acme', 'security-reports', '<!-- dd:DD-1 -->', new Date(Date.now() - 60_000));

    expect(repo).toEqual({ private: true, archived: false });
    expect(issue).toEqual({ number: 1, url: `${fake.url}/acme/security-reports/issues/1`, labels: ['security'] });
    expect(found).toEqual({ number: 1, url: issue.url, labels: ['security', 'triage'] });
    expect(fake.repo('acme', 'security-reports')?.issues).toHaveLength(1);
  });

  it('reads every page of labels', async () => {
    for (let n = 0; n < 130; n += 1) fake.addLabel('acme', 'security-reports', { name: `label-${n}` });
    const tracker = await github.tracker(1);

    const labels = await tracker.listLabels('acme', 'security-reports');

    expect(labels).toHaveLength(130);
    expect(fake.requests.filter((r) => r.operationId === 'issues/list-labels-for-repo')).toHaveLength(2);
  });

  it('says null for a repository the installation cannot see', async () => {
    const tracker = await github.tracker(1);

    expect(await tracker.getRepository('acme', 'nothing-here')).toBeNull();
  });

  it.each([
    ['5xx', TransientError],
    ['drop', TransientError],
    ['secondary-rate-limit', RateLimitedError],
  ] as const)('maps an injected %s to %o', async (kind, type) => {
    const tracker = await github.tracker(1);
    fake.failNext({ method: 'POST', path: /\/issues$/, kind, retryAfterSeconds: 30 });

    const attempt = tracker.createIssue('acme', 'security-reports', { title: 'x', body: 'y', labels: [] });

    await expect(attempt).rejects.toBeInstanceOf(type);
    if (kind === 'secondary-rate-limit') await expect(attempt).rejects.toMatchObject({ retryAfterMs: 30_000 });
  });
});
