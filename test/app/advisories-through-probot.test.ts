import { createRequire } from 'node:module';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Core } from '../../src/app.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { advisoryEventBody } from '../helpers/advisory-payloads.js';
import { describeEachBackend } from '../helpers/stores.js';
import { type AppServer, startAppServer } from '../helpers/probot-server.js';

// Advisories, private vulnerability reporting and credit as users meet them: signed
// webhooks into Probot's server, a GitHub that checks every request against its OpenAPI
// description, and the outbox writing the results.

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

const CONFIG = `name: Acme Corp
rewards:
  currency: EUR
  by_severity:
    critical: { min: 1000, max: 5000 }
`;

describeEachBackend('advisories and credit through Probot', (backend) => {
  let fake: FakeGitHub;
  let app: AppServer;
  let comments = 0;
  let core: Core;
  let base: string;
  let now: Date;

  function deliver(event: string, body: string): Promise<Response> {
    return app.deliver(event, body);
  }

  async function fileReport(contact: Record<string, string>, credit: string): Promise<number> {
    const response = await fetch(`${base}/api/v1/orgs/acme/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'SQL injection in the widget search',
        description: 'The q parameter is concatenated into the query without escaping.',
        impact: 'Anyone can read the whole database.',
        affected: 'acme/widget',
        cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        contact,
        credit,
      }),
    });
    expect(response.status).toBe(202);
    await core.worker.runOnce();
    const issues = fake.repo('acme', 'security-reports')?.issues ?? [];
    return issues[issues.length - 1]?.number ?? -1;
  }

  async function command(issue: number, body: string): Promise<void> {
    comments += 1;
    expect((await deliver('issue_comment', commentPayload(issue, body, 900 + comments))).status).toBe(200);
    await core.worker.runOnce();
  }

  function commentsOn(issue: number): string[] {
    return fake.issue('acme', 'security-reports', issue)?.comments.map((c) => c.body) ?? [];
  }

  beforeEach(async () => {
    now = new Date('2026-03-02T09:00:00Z');
    fake = await startFakeGitHub();
    fake.addOrg('acme', 11);
    fake.addRepo('acme', 'security-reports', { private: true });
    fake.addRepo('acme', 'widget', { private: false });
    fake.addRepo('acme', 'internal', { private: true });
    fake.setFile('acme', '.github', '.github/disclosure.yml', CONFIG);
    fake.setPermission('acme', 'security-reports', 'alice', 'write');
    fake.setPermission('acme', 'widget', 'alice', 'write');
    fake.setPermission('acme', 'internal', 'alice', 'admin');
    app = await startAppServer(fake, { store: await backend.open(), clock: () => now });
    ({ core, base } = app);
  });

  afterEach(async () => {
    await app.stop();
    const invalid = fake.state.invalidRequests;
    await fake.close();
    expect(invalid).toEqual([]);
  });

  it('opens a draft advisory on /accept, credits the researcher, adds them as collaborator and links both ways', async () => {
    const issue = await fileReport({ github: 'ada-l', name: 'Ada' }, 'name');

    await command(issue, '/cwe CWE-89\n/accept acme/widget');

    const advisories = fake.repo('acme', 'widget')?.advisories ?? [];
    expect(advisories).toHaveLength(1);
    const advisory = advisories[0];
    expect(advisory?.state).toBe('draft');
    expect(advisory?.summary).toBe('SQL injection in the widget search');
    expect(advisory?.cvssVector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(advisory?.cweIds).toEqual(['CWE-89']);
    expect(advisory?.credits.map((c) => [c.login, c.type])).toEqual([['ada-l', 'finder']]);
    expect(advisory?.collaboratingUsers).toEqual(['ada-l']);
    expect(advisory?.description).toContain('The q parameter is concatenated');
    const tracked = fake.issue('acme', 'security-reports', issue);
    expect(tracked?.labels).toEqual(expect.arrayContaining(['status:accepted', 'advisory:draft']));
    const replies = commentsOn(issue).join('\n');
    // The fake's advisory URLs are http://127.0.0.1…, which the reply shows as code, not as a link.
    expect(replies).toContain(`Draft advisory \`${advisory?.ghsaId ?? '?'}\` opened in \`acme/widget\`.`);
    expect(replies).toContain('`ada-l` is credited as finder.');
    expect(replies).toContain('Suggested reward for this severity: EUR 1,000 – EUR 5,000');
  });

  it('opens the advisory without credit or collaborator when the researcher gave no login', async () => {
    const issue = await fileReport({}, 'anonymous');

    await command(issue, '/accept acme/widget');

    const advisory = fake.repo('acme', 'widget')?.advisories[0];
    expect(advisory?.credits).toEqual([]);
    expect(advisory?.collaboratingUsers).toEqual([]);
    expect(commentsOn(issue).join('\n')).toContain('The researcher gave no GitHub login');
  });

  it('says why when GitHub refuses a private repository without Advanced Security, and goes on tracking', async () => {
    const issue = await fileReport({ github: 'ada-l' }, 'name');

    await command(issue, '/accept acme/internal');

    expect(fake.repo('acme', 'internal')?.advisories).toEqual([]);
    expect(commentsOn(issue).join('\n')).toContain('without GitHub Advanced Security');
    expect(fake.issue('acme', 'security-reports', issue)?.labels).toContain('status:accepted');
  });

  it('says how to grant the permission when the app may not write advisories', async () => {
    fake.setAdvisoryPermission('acme', 'read');
    const issue = await fileReport({ github: 'ada-l' }, 'name');

    await command(issue, '/accept acme/widget');

    expect(commentsOn(issue).join('\n')).toContain('Repository security advisories: write');
  });

  it('says the repository is not in the installation when GitHub cannot find it', async () => {
    const issue = await fileReport({ github: 'ada-l' }, 'name');

    await command(issue, '/accept acme/nowhere');

    expect(commentsOn(issue).join('\n')).toContain("is not in the app's installation");
  });

  it('files a private vulnerability report once, however often GitHub delivers it', async () => {
    const body = advisoryEventBody('reported', { ghsaId: 'GHSA-2345-6789-cfgh', reporter: 'jane-r', installationId: 11 });

    const first = await deliver('repository_advisory', body);
    const second = await deliver('repository_advisory', body);
    await core.worker.runOnce();

    expect([first.status, second.status]).toEqual([200, 200]);
    const issues = fake.repo('acme', 'security-reports')?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]?.labels).toEqual(expect.arrayContaining(['status:new', 'channel:github']));
  });

  it('on publication records the credit, closes the issue as published and writes the hall of fame', async () => {
    const issue = await fileReport({ github: 'ada-l', name: 'Ada Lovelace' }, 'name');
    await command(issue, '/accept acme/widget\n/reward 1500 EUR clear report');
    const ghsaId = fake.repo('acme', 'widget')?.advisories[0]?.ghsaId ?? '';

    now = new Date('2026-03-20T12:00:00Z');
    const published = await deliver(
      'repository_advisory',
      advisoryEventBody('published', { ghsaId, cveId: 'CVE-2026-12345', summary: 'SQL injection in the widget search', credits: [{ login: 'ada-l', type: 'finder' }], installationId: 11 }),
    );
    await core.worker.runOnce();

    expect(published.status).toBe(200);
    const tracked = fake.issue('acme', 'security-reports', issue);
    expect(tracked?.state).toBe('closed');
    expect(tracked?.labels).toContain('status:published');
    expect(tracked?.labels).not.toContain('status:accepted');
    expect(tracked?.labels).not.toContain('advisory:draft');
    const record = commentsOn(issue).find((c) => c.includes('CVE-2026-12345'));
    expect(record).toContain('Ada Lovelace');
    expect(record).toContain('1,500');
    const hall = fake.repo('acme', '.github')?.files.get('HALL_OF_FAME.md')?.content.toString('utf8') ?? '';
    expect(hall).toContain('Ada Lovelace');
    expect(hall).toContain('CVE-2026-12345');
    // Rewards stay private unless the config says otherwise.
    expect(hall).not.toContain('1,500');
  });

  it('lists a pseudonymous researcher by pseudonym only and an anonymous one nowhere', async () => {
    const pseudonymous = await fileReport({ github: 'ada-l', name: 'NightOwl' }, 'pseudonym');
    const anonymous = await fileReport({ github: 'bob-b', name: 'Bob Brown' }, 'anonymous');
    await command(pseudonymous, '/accept acme/widget');
    await command(anonymous, '/accept acme/widget');
    const [first, second] = fake.repo('acme', 'widget')?.advisories ?? [];

    for (const advisory of [first, second]) {
      await deliver('repository_advisory', advisoryEventBody('published', { ghsaId: advisory?.ghsaId ?? '', credits: [], installationId: 11 }));
    }
    await core.worker.runOnce();

    const hall = fake.repo('acme', '.github')?.files.get('HALL_OF_FAME.md')?.content.toString('utf8') ?? '';
    expect(hall).toContain('NightOwl');
    expect(hall).not.toContain('ada-l');
    expect(hall).not.toContain('Bob Brown');
    expect(hall).not.toContain('bob-b');
  });

  it('gives an advisory published without a tracking issue a hall-of-fame entry from its credits', async () => {
    await deliver(
      'repository_advisory',
      advisoryEventBody('published', { ghsaId: 'GHSA-8888-9999-wxyz', summary: 'XSS in docs', credits: [{ login: 'zoe-z', type: 'reporter', state: 'accepted' }], installationId: 11 }),
    );
    await core.worker.runOnce();

    const hall = fake.repo('acme', '.github')?.files.get('HALL_OF_FAME.md')?.content.toString('utf8') ?? '';
    expect(hall).toContain('zoe-z');
    expect(hall).toContain('GHSA-8888-9999-wxyz');
  });
});
