import { expect, it } from 'vitest';
import type { StatusView } from '../../src/flows/intake/intake-ports.js';
import { ReportInput } from '../../src/report/report.js';
import { type Desk, ORG, SAMPLE_REPORT, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

/*
 * A deadline the organisation does not promise (config `sla.promises`) is never computed,
 * shown, reminded about, marked overdue or counted: from the intake through filing and the
 * SLA sweep to the researcher's status page. The desk's clock starts on Monday 2 March 2026,
 * 09:00 UTC.
 */

const A_MONTH_LATER = '2026-04-02T09:00:00Z';

describeEachBackend('deadlines the organisation does not promise', (backend) => {
  async function receivedAndFiled(desk: Desk): Promise<{ id: string; token: string; issueNumber: number }> {
    const accepted = await desk.intake.accept(ORG, 'api', ReportInput.parse({ ...SAMPLE_REPORT, contact: { email: 'ada@example.org' } }));
    await desk.core.worker.runOnce();
    const issueNumber = (await desk.store.getReport(accepted.id))?.issueNumber;
    if (issueNumber == null) throw new Error('the report was not filed');
    return { id: accepted.id, token: accepted.statusToken, issueNumber };
  }

  async function statusOf(desk: Desk, token: string): Promise<StatusView> {
    const view = await desk.statusDesk.status(token);
    if (view === null) throw new Error('no status for the token');
    return view;
  }

  async function sweepAt(desk: Desk, at: string) {
    desk.setNow(at);
    const result = await desk.core.sweep.runOnce();
    await desk.core.worker.runOnce();
    return result;
  }

  it('a report with no receipt or assessment deadline goes from intake to the status page with none shown, reminded or overdue', async () => {
    const desk = await openDesk(await backend.open(), { config: { sla: { promises: ['resolution'] } } });

    const report = await receivedAndFiled(desk);
    const stored = await desk.store.getReport(report.id);
    const received = (await desk.store.listEvents(report.id)).find((event) => event.type === 'received');
    const body = desk.issue(report.issueNumber).body;
    const sweep = await sweepAt(desk, A_MONTH_LATER);
    const view = await statusOf(desk, report.token);

    expect(stored?.receiptDue).toBeNull();
    expect(stored?.assessmentDue).toBeNull();
    expect(received?.data).toMatchObject({ receiptDue: null, assessmentDue: null, promises: 'resolution' });
    expect(body).toContain('## Deadlines');
    expect(body).not.toContain('Confirm receipt');
    expect(body).not.toContain('Assessment with an expected fix date');
    expect(body).toContain('Resolution target');
    expect(sweep.notices).toBe(0);
    expect(desk.commentsOn(report.issueNumber)).toEqual([]);
    expect(desk.issue(report.issueNumber).labels).not.toContain('sla:overdue');
    expect(view.deadlines).toEqual([]);
  });

  it('a severity sets the promised resolution target, and only that one is reminded about', async () => {
    const desk = await openDesk(await backend.open(), { config: { sla: { promises: ['resolution'], resolution_days: { high: 10 } } } });
    const report = await receivedAndFiled(desk);

    await desk.comment(report.issueNumber, '/severity high');
    await desk.core.worker.runOnce();
    await sweepAt(desk, '2026-03-12T09:00:00Z');
    const view = await statusOf(desk, report.token);

    const comments = desk.commentsOn(report.issueNumber).filter((comment) => comment.includes('Reminder') || comment.includes('Overdue'));
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain('Resolution target');
    expect(view.deadlines.map((deadline) => [deadline.kind, deadline.due.toISOString(), deadline.span])).toEqual([
      ['resolution', '2026-03-12T23:59:59.999Z', { days: 10, unit: 'calendar' }],
    ]);
  });

  it('with no promise at all, a severity sets no resolution target and nothing is ever due', async () => {
    const desk = await openDesk(await backend.open(), { config: { sla: { promises: [] } } });
    const report = await receivedAndFiled(desk);

    await desk.comment(report.issueNumber, '/severity critical');
    await desk.core.worker.runOnce();
    const sweep = await sweepAt(desk, A_MONTH_LATER);
    const view = await statusOf(desk, report.token);

    expect(desk.issue(report.issueNumber).body).not.toContain('Resolution target');
    expect(sweep.notices).toBe(0);
    expect(desk.issue(report.issueNumber).labels).not.toContain('sla:overdue');
    expect(view.deadlines).toEqual([]);
  });

  it('an assessment promised in calendar days is due 7 days on, weekend included, and is shown as such', async () => {
    const desk = await openDesk(await backend.open(), { config: { sla: { assessment_calendar_days: 7, promises: ['assessment', 'resolution'] } } });

    const report = await receivedAndFiled(desk);
    const view = await statusOf(desk, report.token);

    expect(view.deadlines.map((deadline) => [deadline.kind, deadline.due.toISOString(), deadline.span])).toEqual([
      ['assessment', '2026-03-09T23:59:59.999Z', { days: 7, unit: 'calendar' }],
    ]);
    expect(desk.issue(report.issueNumber).body).toContain('Monday 9 March 2026, 23:59 (UTC) (7 calendar days)');
  });
});
