import { beforeEach, expect, it } from 'vitest';
import { type Desk, type FiledReport, ORG, TRACKING_REPO, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

/** Well past every deadline of a report filed on MONDAY_MORNING. */
const MUCH_LATER = '2026-09-01T09:00:00Z';

describeEachBackend('a tracking issue closed, reopened or deleted in GitHub itself', (backend) => {
  let desk: Desk;
  let report: FiledReport;

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
    report = await desk.file();
  });

  function closed(stateReason: string | null, closedAt = '2026-03-03T10:00:00Z') {
    return desk.core.issueChanged({ action: 'closed', org: ORG, repo: TRACKING_REPO, issueNumber: report.issueNumber, stateReason, closedAt, by: 'alice' });
  }

  function reopened(updatedAt = '2026-03-04T10:00:00Z') {
    return desk.core.issueChanged({ action: 'reopened', org: ORG, repo: TRACKING_REPO, issueNumber: report.issueNumber, updatedAt, by: 'alice' });
  }

  /** What GitHub's UI does to the issue itself before the webhook arrives. */
  function closeInGitHub(reason: 'completed' | 'not_planned' | 'duplicate'): void {
    const issue = desk.issue(report.issueNumber);
    issue.state = 'closed';
    issue.stateReason = reason;
  }

  it.each([
    ['completed', 'resolved'],
    ['not_planned', 'rejected'],
    ['duplicate', 'duplicate'],
  ] as const)('moves the report to the closing status for a close as %s, and stops the clock', async (reason, status) => {
    closeInGitHub(reason);

    expect(await closed(reason)).toBe('applied');
    await desk.core.worker.runOnce();

    const triage = await desk.store.getTriage(report.id);
    expect(triage?.status).toBe(status);
    expect(triage?.closedAt).not.toBeNull();
    expect(triage?.nextCheckAt).toBeNull();
    const issue = desk.issue(report.issueNumber);
    expect(issue.labels).toContain(`status:${status}`);
    expect(issue.labels).not.toContain('status:new');
    expect(desk.commentsOn(report.issueNumber)).toHaveLength(1);
    expect(desk.commentsOn(report.issueNumber)[0]).toContain('Closed by hand');
    expect((await desk.store.listEvents(report.id)).map((e) => e.type)).toContain('closed-by-hand');
  });

  it('posts no reminders or overdue notices for a report closed by hand', async () => {
    closeInGitHub('completed');
    await closed('completed');
    await desk.core.worker.runOnce();
    desk.setNow(MUCH_LATER);

    const result = await desk.core.sweep.runOnce();
    await desk.core.worker.runOnce();

    expect(result.notices).toBe(0);
    expect(desk.commentsOn(report.issueNumber)).toHaveLength(1);
  });

  it('changes nothing twice for a redelivered close', async () => {
    closeInGitHub('completed');
    await closed('completed');

    expect(await closed('completed')).toBe('ignored');
    await desk.core.worker.runOnce();

    expect(desk.commentsOn(report.issueNumber)).toHaveLength(1);
  });

  it("changes nothing when the close is the app's own (a command closed it)", async () => {
    await desk.comment(report.issueNumber, '/reject not a vulnerability');
    await desk.core.worker.runOnce();
    const before = desk.commentsOn(report.issueNumber).length;

    expect(await closed('not_planned')).toBe('ignored');
    await desk.core.worker.runOnce();

    expect(desk.commentsOn(report.issueNumber)).toHaveLength(before);
    expect((await desk.store.getTriage(report.id))?.status).toBe('rejected');
  });

  it('runs the clock again when a closed report is reopened, with the resolution promise open again', async () => {
    await desk.comment(report.issueNumber, '/severity high');
    await desk.comment(report.issueNumber, '/resolved');
    await desk.core.worker.runOnce();
    expect((await desk.store.getTriage(report.id))?.sla.resolutionMetAt).not.toBeNull();
    desk.issue(report.issueNumber).state = 'open';

    expect(await reopened()).toBe('applied');
    await desk.core.worker.runOnce();

    const triage = await desk.store.getTriage(report.id);
    expect(triage?.status).toBe('triaged');
    expect(triage?.closedAt).toBeNull();
    expect(triage?.sla.resolutionMetAt).toBeNull();
    expect(triage?.nextCheckAt).not.toBeNull();
    expect(desk.issue(report.issueNumber).labels).toContain('status:triaged');
    expect(desk.issue(report.issueNumber).labels).not.toContain('status:resolved');
    expect(desk.commentsOn(report.issueNumber).at(-1)).toContain('Reopened by hand');
  });

  it('ignores a reopen of an issue whose report is open', async () => {
    expect(await reopened()).toBe('ignored');
  });

  it('stops the clock for a deleted issue and ends its pending jobs instead of retrying them', async () => {
    await desk.comment(report.issueNumber, '/severity high', { commentId: 77 });
    desk.github.filedIssues.set(`${ORG}/${TRACKING_REPO}`, []);

    expect(await desk.core.issueChanged({ action: 'deleted', org: ORG, repo: TRACKING_REPO, issueNumber: report.issueNumber, by: 'alice' })).toBe('applied');
    await desk.core.worker.runOnce();

    const triage = await desk.store.getTriage(report.id);
    expect(triage?.closedAt).not.toBeNull();
    expect(triage?.nextCheckAt).toBeNull();
    expect((await desk.store.getJob('comment:77'))?.state).toBe('done');
    const types = (await desk.store.listEvents(report.id)).map((e) => e.type);
    expect(types).toContain('issue-deleted');
    expect(types).toContain('issue-update-dropped');
    expect(
      await desk.core.issueChanged({ action: 'deleted', org: ORG, repo: TRACKING_REPO, issueNumber: report.issueNumber, by: 'alice' }),
    ).toBe('already-applied');
  });

  it('follows an issue transferred to another private repository: later replies land there', async () => {
    const moved = desk.github.addIssue(ORG, 'security-archive', { title: 'moved', body: desk.issue(report.issueNumber).body });
    desk.github.repos.set(`${ORG}/security-archive`, { private: true, archived: false });
    await desk.comment(report.issueNumber, '/severity low', { commentId: 81 });

    const outcome = await desk.core.issueChanged({
      action: 'transferred', org: ORG, repo: TRACKING_REPO, issueNumber: report.issueNumber, by: 'alice',
      to: { owner: ORG, repo: 'security-archive', number: moved.number, url: moved.url, private: true },
    });
    await desk.core.worker.runOnce();

    expect(outcome).toBe('applied');
    const triage = await desk.store.getTriage(report.id);
    expect(triage?.repo).toBe('security-archive');
    expect(triage?.issueNumber).toBe(moved.number);
    expect(desk.github.comments.get(`${ORG}/security-archive#${moved.number}`)?.length).toBe(1);
    expect(await desk.store.findTriageByIssue(ORG, 'security-archive', moved.number)).not.toBeNull();
    expect(
      await desk.core.issueChanged({
        action: 'transferred', org: ORG, repo: TRACKING_REPO, issueNumber: report.issueNumber, by: 'alice',
        to: { owner: ORG, repo: 'security-archive', number: moved.number, url: moved.url, private: true },
      }),
    ).toBe('ignored');
  });

  it.each([
    ['a public repository of the organisation', { owner: ORG, private: false }],
    ['another organisation', { owner: 'elsewhere', private: true }],
  ])('treats an issue transferred to %s as gone: the clock stops and no job writes there', async (_where, target) => {
    await desk.comment(report.issueNumber, '/severity low', { commentId: 82 });

    await desk.core.issueChanged({
      action: 'transferred', org: ORG, repo: TRACKING_REPO, issueNumber: report.issueNumber, by: 'alice',
      to: { owner: target.owner, repo: 'public-stuff', number: 3, url: 'https://github.com/x/y/issues/3', private: target.private },
    });
    desk.github.calls.length = 0;
    await desk.core.worker.runOnce();

    const triage = await desk.store.getTriage(report.id);
    expect(triage?.repo).toBe(TRACKING_REPO);
    expect(triage?.nextCheckAt).toBeNull();
    expect(desk.github.calls.filter((call) => !call.startsWith('permissionOf'))).toEqual([]);
    expect((await desk.store.getJob('comment:82'))?.state).toBe('done');
    expect((await desk.store.listEvents(report.id)).map((e) => e.type)).toContain('issue-left');
  });
});

