import { expect, it } from 'vitest';
import { type Desk, type FiledReport, ORG, TRACKING_REPO, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

// Reports filed Monday 2 March 2026, 09:00 UTC: receipt due Tuesday 3 March 23:59:59.999 UTC.
// On Thursday 5 March at 10:00 every receipt deadline passed more than an hour before the sweep.
const LONG_AFTER = '2026-03-05T10:00:00Z';
// The receipt deadline passed 30 minutes before: fresh, not a backlog.
const JUST_AFTER = '2026-03-04T00:30:00Z';

describeEachBackend('the overdue digest after an outage', (backend) => {
  async function deskWithReports(count: number, sla: Record<string, unknown> = {}): Promise<{ desk: Desk; reports: FiledReport[] }> {
    const desk = await openDesk(await backend.open(), { config: { sla: { reminder_lead_hours: 0, ...sla } } });
    const reports: FiledReport[] = [];
    for (let i = 0; i < count; i += 1) reports.push(await desk.file({ title: `Report ${i + 1}` }));
    return { desk, reports };
  }

  async function sweepAt(desk: Desk, at: string): Promise<void> {
    desk.setNow(at);
    await desk.core.sweep.runOnce();
    await desk.core.worker.runOnce();
  }

  function digests(desk: Desk) {
    return (desk.github.filedIssues.get(`${ORG}/${TRACKING_REPO}`) ?? []).filter((issue) => issue.body.includes('disclosure-desk:overdue-digest='));
  }

  function overdueComments(desk: Desk, report: FiledReport): string[] {
    return desk.commentsOn(report.issueNumber).filter((body) => body.includes('Overdue'));
  }

  it('lists a backlog of more than three long-passed deadlines in one digest issue, and labels each report', async () => {
    const { desk, reports } = await deskWithReports(4, { overdue_team: 'security' });

    await sweepAt(desk, LONG_AFTER);

    const [digest, ...more] = digests(desk);
    expect(more).toEqual([]);
    expect(digest?.title).toBe('Overdue backlog: 4 deadlines passed');
    expect(digest?.body).toMatch(/^@acme\/security \*\*Overdue backlog:\*\* 4 promised deadlines/);
    for (const report of reports) {
      expect(digest?.body).toContain(`- #${report.issueNumber}: Confirm receipt, due Tuesday 3 March 2026, 23:59 (UTC)`);
      expect(overdueComments(desk, report)).toEqual([]);
      expect(desk.issue(report.issueNumber).labels).toContain('sla:overdue');
    }
  });

  it('opens no digest in a tracking repository that became public meanwhile', async () => {
    const { desk } = await deskWithReports(4);
    desk.github.repos.set(`${ORG}/${TRACKING_REPO}`, { private: false, archived: false });

    await sweepAt(desk, LONG_AFTER);

    expect(digests(desk)).toEqual([]);
    expect(desk.github.calls.filter((call) => call.startsWith('createIssue'))).toHaveLength(4);
  });

  it('opens the digest once however often the sweep runs', async () => {
    const { desk } = await deskWithReports(4);

    await sweepAt(desk, LONG_AFTER);
    await sweepAt(desk, '2026-03-05T10:05:00Z');

    expect(digests(desk)).toHaveLength(1);
  });

  it('opens one digest when GitHub created it but its answer was lost', async () => {
    const { desk } = await deskWithReports(4);
    // GitHub creates the issue, and the answer never arrives (once).
    const issuesOf = desk.github.issues.bind(desk.github);
    let lost = false;
    desk.github.issues = async (installationId) => {
      const port = await issuesOf(installationId);
      return {
        ...port,
        createIssue: async (owner, repo, issue) => {
          const created = await port.createIssue(owner, repo, issue);
          if (lost || !issue.body.includes('overdue-digest=')) return created;
          lost = true;
          throw new Error('socket hang up');
        },
      };
    };

    await sweepAt(desk, LONG_AFTER);
    await desk.runLater(3);

    expect(lost).toBe(true);
    expect(digests(desk)).toHaveLength(1);
  });

  it('posts one comment per report for three long-passed reports, or for fresh ones', async () => {
    const few = await deskWithReports(2);
    const fresh = await deskWithReports(4);

    await sweepAt(few.desk, LONG_AFTER);
    await sweepAt(fresh.desk, JUST_AFTER);

    expect(digests(few.desk)).toEqual([]);
    expect(digests(fresh.desk)).toEqual([]);
    for (const report of few.reports) expect(overdueComments(few.desk, report)).toHaveLength(1);
    for (const report of fresh.reports) expect(overdueComments(fresh.desk, report)).toHaveLength(1);
  });
});
