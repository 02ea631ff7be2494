import { beforeEach, expect, it } from 'vitest';
import { TransientError } from '../../src/errors.js';
import { ReportInput } from '../../src/report/report.js';
import { silentLogger } from '../../src/log.js';
import { queueCommandComment } from '../../src/flows/triage/queue-staff-commands.js';
import { type Desk, ORG, SAMPLE_REPORT, TRACKING_REPO, WRITER, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

/** Past the first backoff of a transient error (10 s) and the not-filed recheck (5 s). */
const LATER_MS = 60_000;

describeEachBackend('a staff command typed while its report is being filed', (backend) => {
  let desk: Desk;

  beforeEach(async () => {
    desk = await openDesk(await backend.open(), {
      config: { scope: { in_scope: { domains: ['*.acme.example'] } } },
    });
  });

  function later(): void {
    desk.setNow(new Date(desk.now().getTime() + LATER_MS));
  }

  function queue(issueNumber: number, body: string, issueBody: string | null, commentId: number) {
    return queueCommandComment(
      { store: desk.store, clock: desk.now, kick: () => undefined, log: silentLogger },
      { org: ORG, repo: TRACKING_REPO, issueNumber, commentId, body, author: WRITER, authorIsBot: false, issueBody },
    );
  }

  /** Accepts a report whose filing creates the issue and then fails on the first continuation comment. */
  async function fileHalfway(): Promise<{ id: string; issueNumber: number; issueBody: string }> {
    // Longer than an issue body may be: filing posts the rest as a comment after the create.
    const text = 'The search page reflects the query parameter without escaping it. '.repeat(700);
    const { id } = await desk.intake.accept(ORG, 'api', ReportInput.parse({ ...SAMPLE_REPORT, description: text, steps: text }));
    desk.github.failNext('createComment', new TransientError('create comment: server error (502)', 502));
    await desk.core.worker.runOnce();
    const issues = desk.github.filedIssues.get(`${ORG}/${TRACKING_REPO}`) ?? [];
    const issue = issues.find((candidate) => candidate.body.includes(id));
    if (issue === undefined) throw new Error('the filing job did not create the issue');
    expect((await desk.store.getReport(id))?.status).toBe('queued');
    return { id, issueNumber: issue.number, issueBody: issue.body };
  }

  it('queues the command from the marker in the issue body and applies it once filing is done', async () => {
    const { id, issueNumber, issueBody } = await fileHalfway();

    const outcome = await queue(issueNumber, '/severity high', issueBody, 501);

    expect(outcome).toBe('queued');
    const job = await desk.store.getJob('triage-comment:501');
    expect(job?.payload).not.toContain('Stored XSS');
    later();
    await desk.core.worker.runOnce();
    later();
    await desk.core.worker.runOnce();
    expect((await desk.store.getReport(id))?.status).toBe('filed');
    expect((await desk.store.getTriage(id))?.severity).toBe('high');
    expect(desk.issue(issueNumber).labels).toContain('severity:high');
    expect((await desk.store.getJob('triage-comment:501'))?.state).toBe('done');
  });

  it('ignores commands on an issue without a marker, and on one whose marker names another org\'s report', async () => {
    const { issueBody } = await fileHalfway();

    expect(await queue(99, '/severity high', 'An ordinary issue.', 502)).toBe('ignored');
    expect(
      await queueCommandComment(
        { store: desk.store, clock: desk.now, kick: () => undefined, log: silentLogger },
        { org: 'other-org', repo: TRACKING_REPO, issueNumber: 1, commentId: 503, body: '/severity high', author: WRITER, authorIsBot: false, issueBody },
      ),
    ).toBe('ignored');
    expect(await desk.store.getJob('triage-comment:502')).toBeNull();
    expect(await desk.store.getJob('triage-comment:503')).toBeNull();
  });

  it('does not apply commands from another issue that carries a copy of the marker', async () => {
    const { id, issueBody } = await fileHalfway();
    later();
    await desk.core.worker.runOnce();
    expect((await desk.store.getReport(id))?.status).toBe('filed');
    const copy = desk.github.addIssue(ORG, TRACKING_REPO, { title: 'copy', body: issueBody });

    expect(await queue(copy.number, '/severity critical', issueBody, 504)).toBe('queued');
    await desk.core.worker.runOnce();

    expect((await desk.store.getTriage(id))?.severity).toBeNull();
    expect((await desk.store.getJob('triage-comment:504'))?.state).toBe('done');
  });
});
