import { beforeEach, expect, it } from 'vitest';
import { RefusedError, TransientError } from '../../src/errors.js';
import { createSlaDashboardSchedule } from '../../src/flows/sla-dashboard/sla-dashboard-schedule.js';
import { DASHBOARD_MARKER, PIN_REFUSED_MARKER, PINNED_MARKER } from '../../src/issue-text/plan-sla-dashboard.js';
import { newJob } from '../../src/jobs/new-job.js';
import { silentLogger } from '../../src/log.js';
import type { IssuePort } from '../../src/ports/github.js';
import { type Desk, ORG, openDesk, TRACKING_REPO } from '../helpers/filed-report.js';
import type { FakeTrackedIssue } from '../helpers/fake-issues.js';
import { describeEachBackend } from '../helpers/stores.js';

const DAY_MS = 24 * 3_600_000;

describeEachBackend('the SLA at a glance issue', (backend) => {
  let desk: Desk;

  /** The schedule's daily tick, then the worker, as the running app does them. */
  async function tick(): Promise<number> {
    const schedule = createSlaDashboardSchedule({ store: desk.store, clock: desk.now, log: silentLogger, kick: () => undefined });
    const queued = await schedule.runOnce();
    await desk.core.worker.runOnce();
    return queued;
  }

  function dashboards(): FakeTrackedIssue[] {
    return (desk.github.filedIssues.get(`${ORG}/${TRACKING_REPO}`) ?? []).filter((issue) => issue.body.includes(DASHBOARD_MARKER));
  }

  function count(method: string): number {
    return desk.github.calls.filter((call) => call.startsWith(`${method} `)).length;
  }

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
  });

  it('opens one pinned dashboard in the tracking repository, with the figures and what is due', async () => {
    const report = await desk.file();

    const queued = await tick();

    const [dashboard] = dashboards();
    expect(queued).toBe(1);
    expect(dashboards()).toHaveLength(1);
    expect(dashboard?.title).toBe('SLA at a glance');
    expect(desk.github.pinned.has(`${ORG}/${TRACKING_REPO}#${dashboard?.number ?? 0}`)).toBe(true);
    expect(dashboard?.body).toContain(PINNED_MARKER);
    expect(dashboard?.body).toContain('### This quarter (2026-Q1)');
    expect(dashboard?.body).toContain('1 report received this quarter.');
    expect(dashboard?.body).toContain(`[#${report.issueNumber}](https://github.com/${ORG}/${TRACKING_REPO}/issues/${report.issueNumber}): Receipt, due Tuesday 3 March 2026`);
  });

  it('queues one job per organisation and day, however often and from however many instances it ticks', async () => {
    await desk.file();
    const one = createSlaDashboardSchedule({ store: desk.store, clock: desk.now, log: silentLogger, kick: () => undefined });
    const two = createSlaDashboardSchedule({ store: desk.store, clock: desk.now, log: silentLogger, kick: () => undefined });

    const first = await one.runOnce();
    const second = await two.runOnce();
    const again = await one.runOnce();
    await desk.core.worker.runOnce();
    await desk.core.worker.runOnce();

    expect([first, second, again]).toEqual([1, 0, 0]);
    expect(dashboards()).toHaveLength(1);
    expect(count('createIssue')).toBe(2); // the report's tracking issue and the dashboard
  });

  it('finds its issue by the marker after the answer to the create was lost, and never opens a second', async () => {
    await desk.file();
    loseNextCreateAnswer(desk);

    await tick();
    await desk.runLater(2);

    expect(dashboards()).toHaveLength(1);
    expect(dashboards()[0]?.body).toContain(PINNED_MARKER);
    expect(count('pinIssue')).toBe(1);
  });

  it('rewrites the body only when the text changed', async () => {
    await desk.file();
    const writesBefore = count('updateIssue');
    await tick();
    const writesAfterCreate = count('updateIssue');

    // A second run on the same facts (a requeued job, say) finds nothing to write.
    desk.setNow(new Date(desk.now().getTime() + 60_000));
    await desk.store.enqueue(newJob('sla-dashboard', { org: ORG }, { key: 'sla-dashboard:acme:again', org: ORG, runAfter: desk.now() }));
    await desk.core.worker.runOnce();
    const unchanged = count('updateIssue');
    // Two days on, Wednesday: the receipt is overdue now.
    desk.setNow(new Date(desk.now().getTime() + 2 * DAY_MS));
    await tick();

    expect(writesAfterCreate).toBe(writesBefore + 1); // the pin state, once
    expect(unchanged).toBe(writesAfterCreate);
    expect(count('updateIssue')).toBe(writesAfterCreate + 1);
    expect(dashboards()[0]?.body).toContain('### Overdue now\n\n- [#1]');
  });

  it('says once in the body that GitHub refused to pin it, and does not ask again', async () => {
    await desk.file();
    desk.github.pinRefusal = new RefusedError('pin issue: refused (GraphQL FORBIDDEN)', 403, { detail: 'Resource not accessible by integration' });

    await tick();
    desk.setNow(new Date(desk.now().getTime() + DAY_MS));
    await tick();
    desk.setNow(new Date(desk.now().getTime() + DAY_MS));
    await tick();

    const body = dashboards()[0]?.body ?? '';
    expect(dashboards()).toHaveLength(1);
    expect(count('pinIssue')).toBe(1);
    expect(body).toContain(PIN_REFUSED_MARKER);
    expect(body.match(/GitHub refused to pin this issue/g)).toHaveLength(1);
  });

  it('tries the update again later when GitHub fails with a 5xx', async () => {
    await desk.file();
    await tick();
    desk.setNow(new Date(desk.now().getTime() + 2 * DAY_MS));
    desk.github.failNext('updateIssue', new TransientError('update issue: server error (502)', 502));

    await tick();
    const before = dashboards()[0]?.body ?? '';
    await desk.runLater(2);

    expect(before).not.toContain('### Overdue now\n\n- [#1]');
    expect(dashboards()[0]?.body).toContain('### Overdue now\n\n- [#1]');
    expect(dashboards()).toHaveLength(1);
  });

  it('writes nothing when the organisation turned it off with sla.dashboard: false', async () => {
    desk.configure({ sla: { dashboard: false } });
    await desk.file();

    await tick();

    expect(dashboards()).toHaveLength(0);
    expect(count('pinIssue')).toBe(0);
  });

  it('leaves a dashboard staff closed alone', async () => {
    await desk.file();
    await tick();
    const dashboard = dashboards()[0];
    if (dashboard) dashboard.state = 'closed';
    const writes = count('updateIssue');

    desk.setNow(new Date(desk.now().getTime() + 2 * DAY_MS));
    await tick();

    expect(count('updateIssue')).toBe(writes);
    expect(dashboards()).toHaveLength(1);
  });

  it('writes nothing to a tracking repository that is not private', async () => {
    await desk.file();
    desk.github.repos.set(`${ORG}/${TRACKING_REPO}`, { private: false, archived: false });

    await tick();

    expect(dashboards()).toHaveLength(0);
  });
});

/** GitHub creates the next issue but the answer never arrives (the create throws as a dropped connection). */
function loseNextCreateAnswer(desk: Desk): void {
  const original = desk.github.issues.bind(desk.github);
  let lose = true;
  desk.github.issues = async (id: number): Promise<IssuePort> => {
    const port = await original(id);
    return {
      ...port,
      async createIssue(owner, repo, issue) {
        const created = await port.createIssue(owner, repo, issue);
        if (lose && issue.body.includes(DASHBOARD_MARKER)) {
          lose = false;
          throw new TransientError('create issue: network error', null);
        }
        return created;
      },
    };
  };
}
