import { expect, it } from 'vitest';
import { type Desk, type FiledReport, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

// Filed Monday 2 March 2026, 09:00 UTC. Receipt is due Tuesday 3 March, 23:59:59.999 UTC
// and passes at Wednesday 00:00; with the default 24-hour lead its reminder window opens
// Tuesday 00:00. Assessment is due Monday 9 March, 23:59:59.999 UTC.
const BEFORE_RECEIPT_WINDOW = '2026-03-02T23:59:00Z';
const IN_RECEIPT_WINDOW = '2026-03-03T12:00:00Z';
const RECEIPT_PASSED = '2026-03-04T00:00:00Z';
const RECEIPT_REMINDER = 'Reminder: **Confirm receipt** is due Tuesday 3 March 2026, 23:59 (UTC).';
const RECEIPT_OVERDUE = '**Overdue:** Confirm receipt was due Tuesday 3 March 2026, 23:59 (UTC). The researcher was promised this.';

describeEachBackend('the SLA sweep', (backend) => {
  async function deskWithReport(sla: Record<string, unknown> = {}): Promise<{ desk: Desk; report: FiledReport }> {
    const desk = await openDesk(await backend.open(), { config: { sla } });
    const report = await desk.file();
    desk.github.calls.length = 0;
    return { desk, report };
  }

  /** Runs the sweep at `at`, checks it asked GitHub nothing, then lets the worker post. */
  async function sweepAt(desk: Desk, at: string) {
    desk.setNow(at);
    desk.github.calls.length = 0;
    const result = await desk.core.sweep.runOnce();
    expect(desk.github.calls).toEqual([]);
    await desk.core.worker.runOnce();
    return result;
  }

  /** Comment bodies without their hidden marker line. */
  function replies(desk: Desk, report: FiledReport): string[] {
    return desk.commentsOn(report.issueNumber).map((body) => body.split('\n').slice(1).join('\n'));
  }

  it('posts nothing before the reminder window opens', async () => {
    const { desk, report } = await deskWithReport();

    const result = await sweepAt(desk, BEFORE_RECEIPT_WINDOW);

    expect(result).toEqual({ ran: true, checked: 0, notices: 0, purged: 0 });
    expect(desk.commentsOn(report.issueNumber)).toEqual([]);
  });

  it('posts a reminder in the window, without the overdue label or a mention', async () => {
    const { desk, report } = await deskWithReport({ overdue_team: 'security' });

    const result = await sweepAt(desk, IN_RECEIPT_WINDOW);

    expect(result).toEqual({ ran: true, checked: 1, notices: 1, purged: 0 });
    expect(replies(desk, report)).toEqual([RECEIPT_REMINDER]);
    expect(desk.issue(report.issueNumber).labels).not.toContain('sla:overdue');
  });

  it('posts the overdue notice with the sla:overdue label and mentions the configured team', async () => {
    const { desk, report } = await deskWithReport({ overdue_team: 'security' });

    await sweepAt(desk, IN_RECEIPT_WINDOW);
    const result = await sweepAt(desk, RECEIPT_PASSED);

    expect(result.notices).toBe(1);
    expect(replies(desk, report)).toEqual([RECEIPT_REMINDER, `@acme/security ${RECEIPT_OVERDUE}`]);
    expect(desk.issue(report.issueNumber).labels).toContain('sla:overdue');
  });

  it('mentions nobody when no overdue team is configured', async () => {
    const { desk, report } = await deskWithReport();

    await sweepAt(desk, RECEIPT_PASSED);

    expect(replies(desk, report)).toEqual([RECEIPT_OVERDUE]);
    expect(desk.issue(report.issueNumber).labels).toContain('sla:overdue');
  });

  it('posts every passed deadline in one comment, and no reminder for a deadline already passed', async () => {
    const { desk, report } = await deskWithReport();

    const result = await sweepAt(desk, '2026-03-10T08:00:00Z');

    expect(result.notices).toBe(2);
    expect(replies(desk, report)).toEqual([
      `${RECEIPT_OVERDUE}\n**Overdue:** Assessment with an expected fix date was due Monday 9 March 2026, 23:59 (UTC). The researcher was promised this.`,
    ]);
  });

  it('posts nothing more when it runs again at the same time', async () => {
    const { desk, report } = await deskWithReport();
    await sweepAt(desk, IN_RECEIPT_WINDOW);
    await sweepAt(desk, RECEIPT_PASSED);

    const again = await sweepAt(desk, RECEIPT_PASSED);

    expect(again.notices).toBe(0);
    expect(desk.commentsOn(report.issueNumber)).toHaveLength(2);
  });

  it('posts nothing for a report whose clock is paused', async () => {
    const { desk, report } = await deskWithReport();
    await desk.comment(report.issueNumber, '/needs-info Which browser did you use?');
    await desk.core.worker.runOnce();

    const result = await sweepAt(desk, '2026-03-20T08:00:00Z');

    expect(result).toEqual({ ran: true, checked: 0, notices: 0, purged: 0 });
    expect(desk.commentsOn(report.issueNumber)).toHaveLength(1);
    expect(desk.issue(report.issueNumber).labels).not.toContain('sla:overdue');
  });

  it.each([
    ['rejected', '/scope out physical'],
    ['resolved', '/resolved'],
    ['duplicate', '/duplicate #99'],
  ])('posts nothing for a report closed as %s', async (_status, command) => {
    const { desk, report } = await deskWithReport();
    await desk.comment(report.issueNumber, `/severity critical\n${command}`);
    await desk.core.worker.runOnce();
    // The command's reply (and, for /resolved, the credit record) are there before the sweep.
    const before = desk.commentsOn(report.issueNumber);

    const result = await sweepAt(desk, '2026-04-20T08:00:00Z');
    await desk.core.worker.runOnce();

    expect(result.notices).toBe(0);
    expect(desk.commentsOn(report.issueNumber)).toEqual(before);
    expect(desk.issue(report.issueNumber).labels).not.toContain('sla:overdue');
  });

  it('takes the overdue label off when a command closes the report', async () => {
    const { desk, report } = await deskWithReport();
    await sweepAt(desk, RECEIPT_PASSED);

    await desk.comment(report.issueNumber, '/resolved');
    await desk.core.worker.runOnce();

    expect(desk.issue(report.issueNumber).labels).not.toContain('sla:overdue');
  });

  it('posts only overdue notices when reminder_lead_hours is 0', async () => {
    const { desk, report } = await deskWithReport({ reminder_lead_hours: 0 });

    const inWindow = await sweepAt(desk, IN_RECEIPT_WINDOW);
    const passed = await sweepAt(desk, RECEIPT_PASSED);

    expect(inWindow.notices).toBe(0);
    expect(passed.notices).toBe(1);
    expect(replies(desk, report)).toEqual([RECEIPT_OVERDUE]);
  });

  it('writes reminders in the tracking language', async () => {
    const desk = await openDesk(await backend.open(), { config: { tracking: { language: 'nl' } } });
    const report = await desk.file();

    await sweepAt(desk, IN_RECEIPT_WINDOW);

    const [reminder] = replies(desk, report);
    expect(reminder).toMatch(/^Herinnering: \*\*Ontvangstbevestiging\*\* moet uiterlijk /);
  });
});
