import { beforeEach, expect, it } from 'vitest';
import { TransientError } from '../../src/errors.js';
import { type Desk, type FiledReport, ORG, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

/** Past the longest first backoff of a transient error (10 s). */
const AFTER_BACKOFF_MS = 60_000;

describeEachBackend('applying a triage change to its tracking issue', (backend) => {
  let desk: Desk;
  let report: FiledReport;

  function count(method: string): number {
    return desk.github.calls.filter((call) => call.startsWith(`${method} `)).length;
  }

  function later(ms = AFTER_BACKOFF_MS): void {
    desk.setNow(new Date(desk.now().getTime() + ms));
  }

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
    report = await desk.file();
    desk.github.calls.length = 0;
  });

  it('posts the comment once and still closes the issue when the job failed after commenting', async () => {
    const issues = await desk.github.issues(7);
    const updateIssue = issues.updateIssue.bind(issues);
    let crashes = 1;
    issues.updateIssue = async (owner, repo, issueNumber, update) => {
      // The close comes after the comment: failing it is a crash between the two.
      if (update.state !== undefined && crashes > 0) {
        crashes -= 1;
        throw new TransientError('update issue: server error (502)', 502);
      }
      return updateIssue(owner, repo, issueNumber, update);
    };
    await desk.comment(report.issueNumber, '/scope out physical', { commentId: 90 });

    await desk.core.worker.runOnce();

    expect(desk.commentsOn(report.issueNumber)).toHaveLength(1);
    expect(desk.issue(report.issueNumber).state).toBe('open');
    expect((await desk.store.getJob('comment:90'))?.state).toBe('pending');

    later();
    await desk.core.worker.runOnce();

    const comments = desk.commentsOn(report.issueNumber);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain('<!-- disclosure-desk:job=comment:90 -->');
    expect(count('listCommentBodies')).toBe(1);
    expect(count('createComment')).toBe(1);
    const issue = desk.issue(report.issueNumber);
    expect(issue.state).toBe('closed');
    expect(issue.stateReason).toBe('not_planned');
    const job = await desk.store.getJob('comment:90');
    expect(job?.state).toBe('done');
    expect(job?.attempts).toBe(1);
  });

  it('retries a server error on the issue edit and lands every effect once', async () => {
    desk.github.failNext('updateIssue', new TransientError('update issue: server error (503)', 503));
    await desk.comment(report.issueNumber, '/severity critical', { commentId: 91 });

    await desk.core.worker.runOnce();

    expect(desk.commentsOn(report.issueNumber)).toHaveLength(1);
    expect(desk.issue(report.issueNumber).labels).not.toContain('severity:critical');
    expect((await desk.store.getJob('comment:91'))?.lastError).toBe('TransientError: update issue: server error (503)');

    later();
    await desk.core.worker.runOnce();

    const issue = desk.issue(report.issueNumber);
    expect(issue.labels).toEqual(['channel:api', 'severity:critical', 'status:triaged']);
    expect(desk.commentsOn(report.issueNumber)).toHaveLength(1);
    expect(issue.body).toContain('| Resolution target | Wednesday 1 April 2026, 23:59 (UTC) (30 calendar days) | open |');
    expect(count('addLabels')).toBe(0);
    expect(count('removeLabel')).toBe(0);
    expect(count('createComment')).toBe(1);
    expect(count('updateIssue')).toBe(2);
    expect((await desk.store.getJob('comment:91'))?.state).toBe('done');
  });

  it('sends one comment and one edit per command, and removes no label the issue does not carry', async () => {
    await desk.comment(report.issueNumber, '/severity high\n/scope out physical', { commentId: 94 });

    await desk.core.worker.runOnce();

    expect(count('removeLabel')).toBe(0);
    expect(count('addLabels')).toBe(0);
    expect(count('createComment')).toBe(1);
    expect(count('updateIssue')).toBe(1);
    const issue = desk.issue(report.issueNumber);
    expect(issue.state).toBe('closed');
    expect(issue.labels).toContain('severity:high');
    expect(issue.labels).toContain('status:rejected');
    expect(issue.labels).not.toContain('status:new');
  });

  it('keeps a label staff added by hand when it applies a change', async () => {
    desk.issue(report.issueNumber).labels.push('needs-design-review');
    await desk.comment(report.issueNumber, '/severity low', { commentId: 95 });

    await desk.core.worker.runOnce();

    expect(desk.issue(report.issueNumber).labels).toContain('needs-design-review');
    expect(desk.issue(report.issueNumber).labels).toContain('severity:low');
  });

  it('leaves a body without the Deadlines markers as it is', async () => {
    const edited = 'Staff rewrote this issue; the Deadlines section is gone.';
    desk.issue(report.issueNumber).body = edited;
    await desk.comment(report.issueNumber, '/severity critical', { commentId: 92 });

    await desk.core.worker.runOnce();

    const issue = desk.issue(report.issueNumber);
    expect(issue.body).toBe(edited);
    expect(count('getIssue')).toBe(1);
    expect(count('updateIssue')).toBe(1);
    expect(issue.labels).toContain('severity:critical');
    expect(desk.commentsOn(report.issueNumber)).toHaveLength(1);
    expect((await desk.store.getJob('comment:92'))?.state).toBe('done');
  });

  it('renders the Deadlines section from the latest state when jobs run late', async () => {
    await desk.comment(report.issueNumber, '/severity critical');
    await desk.comment(report.issueNumber, '/severity low');

    await desk.core.worker.runOnce();

    const body = desk.issue(report.issueNumber).body;
    expect(body).toContain('| Resolution target | Tuesday 30 June 2026, 23:59 (UTC) (120 calendar days) | open |');
    expect(body).not.toContain('30 calendar days');
    expect(desk.issue(report.issueNumber).labels.filter((label) => label.startsWith('severity:'))).toEqual(['severity:low']);
  });

  it('waits for the app to be installed again instead of failing', async () => {
    await desk.comment(report.issueNumber, '/resolved', { commentId: 93 });
    desk.github.installations.delete(ORG);
    desk.github.calls.length = 0;

    await desk.core.worker.runOnce();

    expect(desk.github.calls).toEqual([]);
    const job = await desk.store.getJob('comment:93');
    expect(job?.state).toBe('pending');
    expect(job?.lastError).toBe('the app is not installed on this organisation');

    desk.github.installations.set(ORG, 7);
    later(10 * 60_000);
    await desk.core.worker.runOnce();

    expect(desk.issue(report.issueNumber).state).toBe('closed');
  });
});
