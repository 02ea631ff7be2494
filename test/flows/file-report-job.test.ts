import { createHash } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/stores.js';
import type { Store } from '../../src/store/store.js';
import { createOrgDirectory } from '../../src/flows/org-directory.js';
import { createReportIntake } from '../../src/flows/intake/accept-report.js';
import { createWorker, type Worker } from '../../src/jobs/worker.js';
import { fileReportJob } from '../../src/flows/filing/file-report-job.js';
import { createLanePacers } from '../../src/jobs/pace-writes.js';
import { silentLogger } from '../../src/log.js';
import { RateLimitedError, TransientError } from '../../src/errors.js';
import { ReportInput } from '../../src/report/report.js';
import { createFakeGitHub, type FakeGitHub } from '../helpers/fake-issues.js';

const validReport = ReportInput.parse({
  title: 'Stored XSS in profile name',
  description: 'The profile name is rendered without escaping on the team page.',
  affected: 'https://app.example.org/team',
});

describeEachBackend('filing a stored report', (backend) => {
  let now: Date;
  let store: Store;
  let github: FakeGitHub;
  let worker: Worker;
  let accept: (input?: ReportInput) => Promise<string>;
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  const unexpectedJob = () => Promise.reject(new Error('filing enqueues no issue updates'));

  beforeEach(async () => {
    now = new Date('2026-03-06T17:00:00Z');
    store = await backend.open();
    github = createFakeGitHub(() => now);
    github.installations.set('acme', 7);
    github.repos.set('acme/security-reports', { private: true, archived: false });
    const clock = () => now;
    const orgs = createOrgDirectory({ github, clock, log: silentLogger, ttlMs: 0 });
    const pacer = createLanePacers({ store, clock, sleep: async (ms: number) => advance(ms), log: silentLogger });
    const handler = fileReportJob({ store, github, orgs, pacer, clock, log: silentLogger, publicUrl: 'https://desk.acme.example' });
    worker = createWorker({ store, clock, log: silentLogger, handlers: {
        'file-report': handler,
        'triage-comment': unexpectedJob,
        'issue-update': unexpectedJob,
        'create-advisory': unexpectedJob,
        'update-advisory': unexpectedJob,
        'publish-credit': unexpectedJob,
        'hall-of-fame': unexpectedJob,
        'send-mail': unexpectedJob,
        'org-alert': async () => ({ kind: 'done' }),
        'config-check': unexpectedJob,
        'sla-dashboard': unexpectedJob,
        'overdue-digest': unexpectedJob,
      },
    });
    const intake = createReportIntake({ store, orgs, clock });
    accept = async (input = validReport) => (await intake.accept('acme', 'api', input)).id;
  });

  afterEach(async () => {
    await store.close();
  });

  it('files exactly one issue with its labels and deletes the plaintext', async () => {
    const id = await accept();

    await worker.runOnce();

    const issues = github.filedIssues.get('acme/security-reports') ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]?.labels).toEqual(expect.arrayContaining(['status:new', 'channel:api']));
    expect(issues[0]?.body).toContain(id);
    const record = await store.getReport(id);
    expect(record?.status).toBe('filed');
    expect(record?.issueNumber).toBe(1);
    expect(record?.payload).toBeNull();
  });

  it('creates missing labels once per repository', async () => {
    await accept();
    await accept();

    await worker.runOnce();

    expect(github.calls.filter((call) => call.startsWith('listLabels'))).toHaveLength(1);
    expect(github.calls.filter((call) => call.startsWith('createLabel'))).toHaveLength(2);
    expect(github.calls.filter((call) => call.startsWith('createIssue'))).toHaveLength(2);
  });

  it('holds a report for a public tracking repository and files it once the repository is private', async () => {
    github.repos.set('acme/security-reports', { private: false, archived: false });
    const id = await accept();

    await worker.runOnce();

    expect((await store.getReport(id))?.status).toBe('held');
    expect((await store.getReport(id))?.holdReason).toMatch(/is public/);
    expect(github.filedIssues.size).toBe(0);

    github.repos.set('acme/security-reports', { private: true, archived: false });
    advance(60_000);
    await worker.runOnce();

    expect((await store.getReport(id))?.status).toBe('filed');
  });

  it('holds a report for a missing tracking repository', async () => {
    github.repos.clear();
    const id = await accept();

    await worker.runOnce();

    expect((await store.getReport(id))?.holdReason).toMatch(/does not exist/);
  });

  it('holds reports while the config is invalid and releases them when it is fixed', async () => {
    github.configs.set('acme', { sla: { receipt_business_days: 'soon' } });
    const id = await accept();

    await worker.runOnce();

    const held = await store.getReport(id);
    expect(held?.status).toBe('held');
    expect(held?.holdReason).toContain('.github/disclosure.yml: sla.receipt_business_days');

    github.configs.set('acme', { sla: { receipt_business_days: 2 } });
    advance(60_000);
    await worker.runOnce();

    expect((await store.getReport(id))?.status).toBe('filed');
  });

  it('retries after a server error and files once', async () => {
    const id = await accept();
    github.failNext('createIssue', new TransientError('create issue: server error (502)', 502));

    await worker.runOnce();

    expect((await store.getReport(id))?.status).toBe('queued');
    advance(10_000);
    await worker.runOnce();

    expect((await store.getReport(id))?.status).toBe('filed');
    expect(github.filedIssues.get('acme/security-reports')).toHaveLength(1);
  });

  it('waits as long as a secondary rate limit asks before trying again', async () => {
    const id = await accept();
    github.failNext('createIssue', new RateLimitedError('create issue: rate limited (403)', 90_000));

    await worker.runOnce();
    advance(89_000);
    await worker.runOnce();

    expect((await store.getReport(id))?.status).toBe('queued');
    advance(1_000);
    await worker.runOnce();

    expect((await store.getReport(id))?.status).toBe('filed');
  });

  it('finds the issue it created before a crash instead of filing a second one', async () => {
    const id = await accept();
    const markFiled = store.markFiled.bind(store);
    store.markFiled = async () => {
      throw new Error('process killed');
    };

    await worker.runOnce();

    expect(github.filedIssues.get('acme/security-reports')).toHaveLength(1);
    expect((await store.getReport(id))?.status).toBe('queued');

    store.markFiled = markFiled;
    advance(60 * 60_000);
    await worker.runOnce();

    expect(github.filedIssues.get('acme/security-reports')).toHaveLength(1);
    expect(github.calls.filter((call) => call.startsWith('findIssueByMarker'))).toHaveLength(1);
    expect((await store.getReport(id))?.issueNumber).toBe(1);
  });

  it('adds the labels GitHub dropped silently', async () => {
    const id = await accept();
    const issues = await github.issues(7);
    const create = issues.createIssue.bind(issues);
    issues.createIssue = async (owner, repo, issue) => ({ ...(await create(owner, repo, issue)), labels: [] });

    await worker.runOnce();

    expect((await store.getReport(id))?.status).toBe('filed');
    expect(github.calls).toContain('addLabels acme/security-reports');
  });

  it('keeps attachments in the store, not the repository, and links their staff download from the issue', async () => {
    const withFile = ReportInput.parse({
      ...validReport,
      attachments: [{ filename: '..passwd log (1).txt', contentType: 'text/plain', dataBase64: Buffer.from('GET /admin 200').toString('base64') }],
    });
    const id = await accept(withFile);

    await worker.runOnce();

    const sha256 = createHash('sha256').update('GET /admin 200').digest('hex');
    // No GitHub write for the file: the issue is the one content-creating request.
    expect([...github.files.keys()]).toEqual([]);
    expect(github.calls.filter((call) => /^(putFile|createIssue|createComment) /.test(call))).toEqual(['createIssue acme/security-reports']);
    expect(await store.listAttachments(id)).toEqual([{ position: 1, fileName: 'passwd_log_1_.txt', contentType: 'text/plain', size: 14, sha256, storedAt: expect.any(Date) }]);
    expect((await store.getAttachment(id, 1))?.data.toString('utf8')).toBe('GET /admin 200');
    const body = github.filedIssues.get('acme/security-reports')?.[0]?.body ?? '';
    expect(body).toContain(`- [\`passwd_log_1_.txt\`](https://desk.acme.example/staff/orgs/acme/reports/${id}/attachments/1) (14 B, text/plain)\n`);
    expect(body).toContain(`  - SHA-256 \`${sha256}\``);
  });

  it('keeps each attachment once when filing is retried after the issue create failed', async () => {
    const withFile = ReportInput.parse({
      ...validReport,
      attachments: [
        { filename: 'a.txt', contentType: 'text/plain', dataBase64: Buffer.from('first').toString('base64') },
        { filename: 'b.json', contentType: 'application/json', dataBase64: Buffer.from('{"b":2}').toString('base64') },
      ],
    });
    const id = await accept(withFile);
    github.failNext('createIssue', new TransientError('create issue: 502', 502));

    await worker.runOnce();
    advance(60 * 60_000);
    await worker.runOnce();

    expect((await store.getReport(id))?.status).toBe('filed');
    expect((await store.listAttachments(id)).map((file) => [file.position, file.fileName, file.size])).toEqual([
      [1, 'a.txt', 5],
      [2, 'b.json', 7],
    ]);
    expect((await store.getAttachment(id, 2))?.data.toString('utf8')).toBe('{"b":2}');
    expect(await store.getAttachment(id, 3)).toBeNull();
  });

  it('carries text beyond the body limit into marked comments, posted once even after a crash', async () => {
    const long = ReportInput.parse({
      ...validReport,
      description: 'd'.repeat(50_000),
      steps: 's'.repeat(50_000),
      impact: 'i'.repeat(20_000),
    });
    const id = await accept(long);
    const markFiled = store.markFiled.bind(store);
    store.markFiled = async () => {
      throw new Error('process killed');
    };

    await worker.runOnce();
    const postedFirst = github.comments.get('acme/security-reports#1') ?? [];
    store.markFiled = markFiled;
    advance(60 * 60_000);
    await worker.runOnce();

    const comments = github.comments.get('acme/security-reports#1') ?? [];
    expect(postedFirst.length).toBeGreaterThan(0);
    expect(comments).toHaveLength(postedFirst.length);
    expect(comments.every((comment) => comment.includes(`disclosure-desk:continuation=${id}:`))).toBe(true);
    const issue = github.filedIssues.get('acme/security-reports')?.[0];
    expect(issue?.body.length).toBeLessThanOrEqual(65_536);
    const all = [issue?.body ?? '', ...comments].join('');
    expect(all.split('s').length - 1).toBeGreaterThanOrEqual(50_000);
    expect((await store.getReport(id))?.status).toBe('filed');
  });

  it('keeps the text of an unexpected error out of the job record, since it may quote the report', async () => {
    const id = await accept();
    github.failNext('createIssue', new SyntaxError(`Unexpected token in "${validReport.description}"`));

    await worker.runOnce();

    const job = await store.getJob(`file-report:${id}`);
    expect(job?.lastError).toBe('SyntaxError: unexpected error (details withheld from logs)');
    expect(job?.lastError).not.toContain('profile name');
  });
});
