import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toDomainError } from '../../src/github/errors.js';
import type { AdvisoryPort, FilePort, GitHubPort, NewAdvisory } from '../../src/ports/github.js';
import { ConflictError, NotFoundError, RefusedError, TransientError } from '../../src/errors.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { closeAndCheck, gatewayAgainst } from '../helpers/fake-github-port.js';
import { validateGitHubResponse } from '../helpers/openapi.js';
import { advisoryEventPayload, validateAdvisoryEvent } from '../helpers/advisory-payloads.js';

// The advisory and file adapters, through Probot, against the fake GitHub. Every request
// they send is checked against GitHub's OpenAPI description, and so is every answer.

let fake: FakeGitHub;
let github: GitHubPort;
const now = () => new Date();

beforeEach(async () => {
  fake = await startFakeGitHub();
  fake.addOrg('acme', 1);
  fake.addRepo('acme', 'widget', { private: false });
  fake.addRepo('acme', 'security-reports', { private: true });
  github = gatewayAgainst(fake, now);
});

afterEach(() => closeAndCheck(fake));

function newAdvisory(overrides: Partial<NewAdvisory> = {}): NewAdvisory {
  return {
    summary: 'Stored XSS in the profile page',
    description: 'The display name is rendered without escaping.\n\n<!-- dd:DD-7 -->',
    vulnerabilities: [{ ecosystem: 'npm', name: 'widget', vulnerableRange: '< 2.4.1', patchedVersions: null }],
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
    severity: 'medium',
    cweIds: ['CWE-79'],
    credits: [],
    ...overrides,
  };
}

function bodiesOf(operationId: string): unknown[] {
  return fake.requests.filter((r) => r.operationId === operationId).map((r) => r.body);
}

describe('repository security advisories through the gateway', () => {
  let advisories: AdvisoryPort;

  beforeEach(async () => {
    advisories = await github.advisories(1);
  });

  it('opens a draft advisory with the CVSS vector and leaves the severity to GitHub', async () => {
    const ref = await advisories.createAdvisory('acme', 'widget', newAdvisory());

    expect(ref.ghsaId).toMatch(/^GHSA-[23456789cfghjmpqrvwx]{4}-[23456789cfghjmpqrvwx]{4}-[23456789cfghjmpqrvwx]{4}$/);
    expect(ref.url).toBe(`${fake.url}/acme/widget/security/advisories/${ref.ghsaId}`);
    expect(bodiesOf('security-advisories/create-repository-advisory')).toEqual([
      {
        summary: 'Stored XSS in the profile page',
        description: 'The display name is rendered without escaping.\n\n<!-- dd:DD-7 -->',
        vulnerabilities: [{ package: { ecosystem: 'npm', name: 'widget' }, vulnerable_version_range: '< 2.4.1', patched_versions: null }],
        cwe_ids: ['CWE-79'],
        credits: [],
        cvss_vector_string: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
      },
    ]);
    expect(fake.advisory('acme', 'widget', ref.ghsaId)).toMatchObject({ state: 'draft', severity: 'medium', author: 'disclosure-desk[bot]' });
  });

  it('sends the severity only when there is no vector, and neither when both are missing', async () => {
    await advisories.createAdvisory('acme', 'widget', newAdvisory({ cvssVector: null, severity: 'high' }));
    await advisories.createAdvisory('acme', 'widget', newAdvisory({ cvssVector: null, severity: null }));

    const [withSeverity, withNeither] = bodiesOf('security-advisories/create-repository-advisory') as Array<Record<string, unknown>>;
    expect(withSeverity).toMatchObject({ severity: 'high' });
    expect(withSeverity).not.toHaveProperty('cvss_vector_string');
    expect(withNeither).not.toHaveProperty('severity');
    expect(withNeither).not.toHaveProperty('cvss_vector_string');
  });

  it('accepts a CVSS 4.0 vector, which GitHub files under cvss_severities.cvss_v4', async () => {
    const vector = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

    const ref = await advisories.createAdvisory('acme', 'widget', newAdvisory({ cvssVector: vector }));

    const answer = fake.requests.find((r) => r.operationId === 'security-advisories/create-repository-advisory')?.response as Record<string, unknown>;
    expect(answer.cvss_severities).toMatchObject({ cvss_v4: { vector_string: vector }, cvss_v3: { vector_string: null } });
    expect(answer.cvss).toEqual({ vector_string: null, score: null });
    expect(fake.advisory('acme', 'widget', ref.ghsaId)?.severity).toBe('critical');
  });

  it('credits the reporter, pending until they accept', async () => {
    const ref = await advisories.createAdvisory('acme', 'widget', newAdvisory({ credits: [{ login: 'jane', type: 'finder' }] }));

    expect(fake.advisory('acme', 'widget', ref.ghsaId)?.credits).toEqual([{ login: 'jane', type: 'finder', state: 'pending' }]);
  });

  it('opens advisories in a private repository with Advanced Security', async () => {
    fake.addRepo('acme', 'enterprise-app', { private: true, advancedSecurity: true });

    const ref = await advisories.createAdvisory('acme', 'enterprise-app', newAdvisory());

    expect(fake.advisory('acme', 'enterprise-app', ref.ghsaId)?.state).toBe('draft');
  });

  it('sends only the fields it is given when updating, each list replacing GitHub’s', async () => {
    fake.setPermission('acme', 'widget', 'alice', 'write');
    const { ghsaId } = await advisories.createAdvisory('acme', 'widget', newAdvisory({ credits: [{ login: 'jane', type: 'finder' }] }));

    await advisories.updateAdvisory('acme', 'widget', ghsaId, { collaboratingUsers: ['alice', 'jane'] });
    await advisories.updateAdvisory('acme', 'widget', ghsaId, { collaboratingUsers: ['alice'] });
    await advisories.updateAdvisory('acme', 'widget', ghsaId, {
      credits: [{ login: 'jane', type: 'reporter' }],
      cweIds: ['CWE-79', 'CWE-116'],
      vulnerabilities: [{ ecosystem: 'npm', name: 'widget', vulnerableRange: '< 2.4.1', patchedVersions: '2.4.1' }],
    });

    expect(bodiesOf('security-advisories/update-repository-advisory')).toEqual([
      { collaborating_users: ['alice', 'jane'] },
      { collaborating_users: ['alice'] },
      {
        credits: [{ login: 'jane', type: 'reporter' }],
        cwe_ids: ['CWE-79', 'CWE-116'],
        vulnerabilities: [{ package: { ecosystem: 'npm', name: 'widget' }, vulnerable_version_range: '< 2.4.1', patched_versions: '2.4.1' }],
      },
    ]);
    expect(fake.advisory('acme', 'widget', ghsaId)).toMatchObject({
      collaboratingUsers: ['alice'],
      credits: [{ login: 'jane', type: 'reporter', state: 'pending' }],
      cweIds: ['CWE-79', 'CWE-116'],
      vulnerabilities: [{ patchedVersions: '2.4.1' }],
    });
  });

  it('finds a draft by its marker across pages, ignoring published advisories', async () => {
    fake.addAdvisory('acme', 'widget', { summary: 'old', description: 'x <!-- dd:DD-7 -->', state: 'published' });
    for (let n = 0; n < 120; n += 1) fake.addAdvisory('acme', 'widget', { summary: `draft ${n}`, description: `<!-- dd:DD-${1000 + n} -->` });
    const target = fake.addAdvisory('acme', 'widget', { summary: 'ours', description: 'report <!-- dd:DD-7 -->', createdAt: new Date(Date.now() - 86_400_000) });

    const found = await advisories.findAdvisoryByMarker('acme', 'widget', '<!-- dd:DD-7 -->');
    const missing = await advisories.findAdvisoryByMarker('acme', 'widget', '<!-- dd:DD-8 -->');

    expect(found).toEqual({ ghsaId: target.ghsaId, url: `${fake.url}/acme/widget/security/advisories/${target.ghsaId}` });
    expect(missing).toBeNull();
    const lists = fake.requests.filter((r) => r.operationId === 'security-advisories/list-repository-advisories');
    expect(lists[0]?.query).toMatchObject({ state: 'draft', per_page: '100' });
    expect(lists[1]?.query.after).toEqual(expect.any(String));
  });

  it('says NotFoundError where GitHub has no advisories: a private repository without Advanced Security', async () => {
    const attempt = advisories.createAdvisory('acme', 'security-reports', newAdvisory());

    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    await expect(advisories.findAdvisoryByMarker('acme', 'security-reports', 'x')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('says NotFoundError for a repository the installation cannot see, and for an unknown advisory', async () => {
    fake.addOrg('globex', 2);
    fake.addRepo('globex', 'app', { private: false });

    await expect(advisories.createAdvisory('globex', 'app', newAdvisory())).rejects.toBeInstanceOf(NotFoundError);
    await expect(advisories.updateAdvisory('acme', 'widget', 'GHSA-2222-3333-4444', { cweIds: [] })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("passes GitHub's own words on as the detail of a refusal, keeping the message fixed", async () => {
    fake.setAdvisoryPermission('acme', 'read');

    const error: unknown = await advisories.createAdvisory('acme', 'widget', newAdvisory()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RefusedError);
    expect(error).toMatchObject({
      status: 403,
      message: 'create advisory: forbidden (403)',
      detail: 'You must have the repository security advisories scope and administrative/security management rights to create an advisory.',
    });
  });

  it('refuses credit for an account that does not exist, with a 422 that names it', async () => {
    fake.removeUser('ghost');

    const error: unknown = await advisories
      .createAdvisory('acme', 'widget', newAdvisory({ credits: [{ login: 'ghost', type: 'finder' }] }))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RefusedError);
    expect(error).toMatchObject({ status: 422, detail: "User 'ghost' not found, credit cannot be created" });
  });

  it('refuses a collaborator who cannot see the private repository', async () => {
    fake.addRepo('acme', 'enterprise-app', { private: true, advancedSecurity: true });
    const { ghsaId } = await advisories.createAdvisory('acme', 'enterprise-app', newAdvisory());

    const attempt = advisories.updateAdvisory('acme', 'enterprise-app', ghsaId, { collaboratingUsers: ['mallory'] });

    await expect(attempt).rejects.toMatchObject({ name: 'RefusedError', status: 422, detail: "User 'mallory' not found, collaborating_users cannot be modified" });
  });

  it.each([
    ['create an advisory', (a: AdvisoryPort) => a.createAdvisory('acme', 'widget', newAdvisory())],
    ['update an advisory', (a: AdvisoryPort) => a.updateAdvisory('acme', 'widget', 'GHSA-2222-3333-4444', { collaboratingUsers: [] })],
    ['find an advisory', (a: AdvisoryPort) => a.findAdvisoryByMarker('acme', 'widget', 'x')],
  ])('turns a 5xx into a TransientError when it tries to %s', async (_what, act) => {
    fake.failNext({ path: /security-advisories/, kind: '5xx', status: 502 });

    const attempt = act(advisories);

    await expect(attempt).rejects.toBeInstanceOf(TransientError);
    await expect(attempt).rejects.toMatchObject({ status: 502 });
  });
});

describe('text files through the gateway', () => {
  let files: FilePort;
  const file = { path: 'HALL_OF_FAME.md', message: 'Thank a reporter' };

  beforeEach(async () => {
    files = await github.repoFiles(1);
  });

  it('says null for a file that is not there, a directory, and a repository it cannot see', async () => {
    fake.setFile('acme', 'widget', 'docs/a.md', 'a');

    expect(await files.readFile('acme', 'widget', file.path)).toBeNull();
    expect(await files.readFile('acme', 'widget', 'docs')).toBeNull();
    expect(await files.readFile('acme', 'nothing-here', file.path)).toBeNull();
  });

  it('creates a file, reads it back as UTF-8 with its sha, and replaces it with that sha', async () => {
    await files.writeFile('acme', 'widget', { ...file, text: '# Hall of fame\n\n- Zoë\n', sha: null });
    const first = await files.readFile('acme', 'widget', file.path);

    await files.writeFile('acme', 'widget', { ...file, text: '# Hall of fame\n\n- Zoë\n- Jane\n', sha: first?.sha ?? null });
    const second = await files.readFile('acme', 'widget', file.path);

    expect(first?.text).toBe('# Hall of fame\n\n- Zoë\n');
    expect(second?.text).toBe('# Hall of fame\n\n- Zoë\n- Jane\n');
    expect(second?.sha).not.toBe(first?.sha);
    const puts = bodiesOf('repos/create-or-update-file-contents') as Array<Record<string, unknown>>;
    expect(puts[0]).not.toHaveProperty('sha');
    expect(puts[1]).toMatchObject({ sha: first?.sha, message: 'Thank a reporter' });
  });

  it('says ConflictError when the file changed since it was read (409), or appeared meanwhile (422)', async () => {
    fake.setFile('acme', 'widget', file.path, 'v1');
    const read = await files.readFile('acme', 'widget', file.path);
    fake.setFile('acme', 'widget', file.path, 'v2 by someone else');

    const stale = files.writeFile('acme', 'widget', { ...file, text: 'v2', sha: read?.sha ?? null });
    const blind = files.writeFile('acme', 'widget', { ...file, text: 'v2', sha: null });

    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(blind).rejects.toBeInstanceOf(ConflictError);
    expect(fake.requests.filter((r) => r.operationId === 'repos/create-or-update-file-contents').map((r) => r.status)).toEqual([409, 422]);
    expect(fake.repo('acme', 'widget')?.files.get(file.path)?.content.toString('utf8')).toBe('v2 by someone else');
  });

  it('turns a 5xx into a TransientError', async () => {
    fake.failNext({ path: /contents/, kind: '5xx', status: 503, times: 2 });

    await expect(files.readFile('acme', 'widget', file.path)).rejects.toBeInstanceOf(TransientError);
    await expect(files.writeFile('acme', 'widget', { ...file, text: 'x', sha: null })).rejects.toBeInstanceOf(TransientError);
  });
});

describe('GitHub’s words on a refusal', () => {
  const at = new Date('2026-03-02T10:00:00Z');

  it('joins the message and the first error of a 422', () => {
    const error = Object.assign(new Error('Validation Failed'), {
      status: 422,
      response: { headers: {}, data: { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'custom', message: 'title is too long' }] } },
    });

    expect(toDomainError(error, at, 'create issue')).toMatchObject({ message: 'create issue: refused (422)', detail: 'Validation Failed: title is too long' });
  });

  it('says no detail when GitHub gave no body', () => {
    const error = Object.assign(new Error('x'), { status: 403, response: { headers: {} } });

    expect(toDomainError(error, at, 'x')).toMatchObject({ name: 'RefusedError', detail: null });
  });

  it('turns a 409 into a ConflictError', () => {
    expect(toDomainError(Object.assign(new Error('x'), { status: 409 }), at, 'x')).toBeInstanceOf(ConflictError);
  });
});

describe('repository_advisory webhook payloads', () => {
  it.each(['reported', 'published'] as const)('builds a %s event that matches GitHub’s schema', (action) => {
    const payload = advisoryEventPayload(action, { owner: 'acme', repo: 'widget', installationId: 11 });

    expect(validateAdvisoryEvent(payload)).toEqual([]);
    expect(validateGitHubResponse('security-advisories/get-repository-advisory', 200, payload.repository_advisory)).toEqual([]);
    expect(payload).toMatchObject({ action, installation: { id: 11 }, repository: { full_name: 'acme/widget', owner: { login: 'acme' } }, organization: { login: 'acme' } });
  });

  it('shows a private report as GitHub does: triage, authored and credited by the reporter, not yet accepted', () => {
    const payload = advisoryEventPayload('reported', { reporter: 'jane', ghsaId: 'GHSA-2345-6789-cfgh' });

    expect(payload.sender.login).toBe('jane');
    expect(payload.repository_advisory).toMatchObject({
      ghsa_id: 'GHSA-2345-6789-cfgh',
      state: 'triage',
      author: { login: 'jane' },
      submission: { accepted: false },
      published_at: null,
      credits: [{ login: 'jane', type: 'reporter' }],
      credits_detailed: [{ user: { login: 'jane' }, type: 'reporter', state: 'accepted' }],
      collaborating_users: [{ login: 'jane' }],
    });
  });

  it('carries a CVSS 4.0 vector, CVE, credits and publication time of a published advisory', () => {
    const vector = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

    const payload = advisoryEventPayload('published', {
      cvssVector: vector,
      cveId: 'CVE-2026-4242',
      credits: [{ login: 'jane', type: 'finder', state: 'accepted' }],
      publishedAt: new Date('2026-03-05T12:00:00Z'),
    });

    expect(validateAdvisoryEvent(payload)).toEqual([]);
    expect(payload.repository_advisory).toMatchObject({
      state: 'published',
      severity: 'critical',
      cve_id: 'CVE-2026-4242',
      published_at: '2026-03-05T12:00:00Z',
      cvss_severities: { cvss_v4: { vector_string: vector } },
      credits: [{ login: 'jane', type: 'finder' }],
    });
  });

  it('is checked by a validator that does catch a wrong payload', () => {
    const payload = advisoryEventPayload('published');
    const broken = { ...payload, repository_advisory: { ...payload.repository_advisory, state: 'pending', ghsa_id: 7 } };

    expect(validateAdvisoryEvent(broken)).not.toEqual([]);
  });
});
