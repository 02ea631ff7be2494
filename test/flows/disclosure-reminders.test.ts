import { expect, it } from 'vitest';
import { type Desk, type FiledReport, ORG, SAMPLE_REPORT, openDesk } from '../helpers/filed-report.js';
import { ReportInput } from '../../src/report/report.js';
import { describeEachBackend } from '../helpers/stores.js';
import { parseCommands } from '../../src/triage/parse-commands.js';
import { dueDisclosureNotices, firstDisclosureCheck } from '../../src/triage/disclosure-date.js';
import { keepInformedKey } from '../../src/flows/triage/sweep-reminders.js';

// Filed Monday 2 March 2026, 09:00 UTC (the desk's clock); the SLA time zone is UTC.

it.each([
  ['/disclose-on 2026-04-01', { ok: true, command: { name: 'disclose-on', date: { year: 2026, month: 4, day: 1 } } }],
  ['/disclose-on none', { ok: true, command: { name: 'disclose-on', date: null } }],
  ['/disclose-on 2026-02-30', { ok: false, name: 'disclose-on', usage: 'usage: /disclose-on YYYY-MM-DD | /disclose-on none', error: 'expected a real calendar date as YYYY-MM-DD, or "none"' }],
  ['/disclose-on soon', { ok: false, name: 'disclose-on', usage: 'usage: /disclose-on YYYY-MM-DD | /disclose-on none', error: 'expected a real calendar date as YYYY-MM-DD, or "none"' }],
])('parses %s', (line, expected) => {
  expect(parseCommands(line)).toEqual([expected]);
});

it('skips a reminder whose moment had already come when the date was agreed', () => {
  const now = new Date('2026-03-28T10:00:00Z');

  const check = firstDisclosureCheck({ date: '2026-04-01', reminderDays: 7 }, 'UTC', now);

  expect(check).toEqual(new Date('2026-04-01T00:00:00Z'));
});

it('posts the reminder before the day and the day notice on it, each once', () => {
  const agreed = { date: '2026-04-01', reminderDays: 7 };

  expect(dueDisclosureNotices(agreed, 'Europe/Amsterdam', new Date('2026-03-24T22:00:00Z'), [])).toEqual({ due: [], nextCheckAt: new Date('2026-03-24T23:00:00Z') });
  expect(dueDisclosureNotices(agreed, 'Europe/Amsterdam', new Date('2026-03-25T08:00:00Z'), [])).toEqual({ due: ['reminder'], nextCheckAt: new Date('2026-03-31T22:00:00Z') });
  expect(dueDisclosureNotices(agreed, 'Europe/Amsterdam', new Date('2026-03-26T08:00:00Z'), ['reminder'])).toEqual({ due: [], nextCheckAt: new Date('2026-03-31T22:00:00Z') });
  expect(dueDisclosureNotices(agreed, 'Europe/Amsterdam', new Date('2026-04-01T08:00:00Z'), ['reminder'])).toEqual({ due: ['day'], nextCheckAt: null });
  expect(dueDisclosureNotices(agreed, 'Europe/Amsterdam', new Date('2026-04-01T09:00:00Z'), ['reminder', 'day'])).toEqual({ due: [], nextCheckAt: null });
});

describeEachBackend('agreed disclosure dates and "we keep you informed"', (backend) => {
  async function deskWithReport(config: Record<string, unknown> = {}): Promise<{ desk: Desk; report: FiledReport }> {
    const desk = await openDesk(await backend.open(), { config });
    const report = await desk.file();
    return { desk, report };
  }

  /** Runs the sweep at `at` (it asks GitHub nothing), then lets the worker post. */
  async function sweepAt(desk: Desk, at: string): Promise<void> {
    desk.setNow(at);
    desk.github.calls.length = 0;
    await desk.core.sweep.runOnce();
    expect(desk.github.calls).toEqual([]);
    await desk.core.worker.runOnce();
  }

  /** Comment bodies without their hidden marker line. */
  function replies(desk: Desk, report: FiledReport): string[] {
    return desk.commentsOn(report.issueNumber).map((body) => body.split('\n').slice(1).join('\n'));
  }

  it('refuses a date in the past with a clear reply, and records nothing', async () => {
    const { desk, report } = await deskWithReport();

    await desk.comment(report.issueNumber, '/disclose-on 2026-03-01');
    await desk.core.worker.runOnce();

    expect(replies(desk, report).at(-1)).toContain('2026-03-01 is in the past');
    expect((await desk.store.getTriage(report.id))?.disclosure).toBeNull();
  });

  it('records the agreed date, tells the researcher, shows it in the Deadlines table and on the status page', async () => {
    const { desk, report } = await deskWithReport();

    await desk.comment(report.issueNumber, '/disclose-on 2026-04-01');
    await desk.core.worker.runOnce();

    const triage = await desk.store.getTriage(report.id);
    expect(triage?.disclosure).toEqual({ date: '2026-04-01', reminderDays: 7, checkAt: new Date('2026-03-25T00:00:00Z') });
    expect(replies(desk, report).at(-1)).toContain('Publication agreed for **2026-04-01**');
    expect(desk.issue(report.issueNumber).body).toContain('| Publication agreed with the researcher | 2026-04-01 |');
    const messages = await desk.store.listMessages(report.id);
    expect(messages.at(-1)?.kind).toBe('disclosure-date');
    expect(messages.at(-1)?.body).toContain('1 April 2026');
  });

  it('reminds 7 days before and on the day, once each however often the sweep runs', async () => {
    const { desk, report } = await deskWithReport();
    await desk.comment(report.issueNumber, '/disclose-on 2026-04-01');
    await desk.core.worker.runOnce();
    const before = replies(desk, report).length;

    await sweepAt(desk, '2026-03-24T12:00:00Z');
    await sweepAt(desk, '2026-03-25T00:00:00Z');
    await sweepAt(desk, '2026-03-26T00:00:00Z');
    await sweepAt(desk, '2026-04-01T06:00:00Z');
    await sweepAt(desk, '2026-04-01T12:00:00Z');

    const posted = replies(desk, report).slice(before).filter((text) => text.includes('2026-04-01'));
    expect(posted).toHaveLength(2);
    expect(posted[0]).toContain('in 7 days');
    expect(posted[1]).toContain('Today (2026-04-01)');
  });

  it('withdraws the date with /disclose-on none: no reminder follows', async () => {
    const { desk, report } = await deskWithReport();
    await desk.comment(report.issueNumber, '/disclose-on 2026-04-01');
    await desk.comment(report.issueNumber, '/disclose-on none');
    await desk.core.worker.runOnce();
    const before = replies(desk, report).length;

    await sweepAt(desk, '2026-04-01T12:00:00Z');

    expect((await desk.store.getTriage(report.id))?.disclosure).toBeNull();
    expect(replies(desk, report).slice(before).filter((text) => text.includes('publication'))).toEqual([]);
  });

  it('reminds staff once when the researcher heard nothing for keep_informed_days, and again after a new silence', async () => {
    const { desk, report } = await deskWithReport({ sla: { keep_informed_days: 10, overdue_team: 'security', reminder_lead_hours: 0 } });
    const silence = (texts: string[]) => texts.filter((text) => text.includes('has heard nothing from us'));

    await sweepAt(desk, '2026-03-11T12:00:00Z');
    expect(silence(replies(desk, report))).toEqual([]);
    await sweepAt(desk, '2026-03-12T10:00:00Z');
    await sweepAt(desk, '2026-03-13T10:00:00Z');
    expect(silence(replies(desk, report))).toHaveLength(1);
    expect(silence(replies(desk, report))[0]).toMatch(/^@acme\/security /);

    await desk.comment(report.issueNumber, '/reply We are still working on it.');
    await desk.core.worker.runOnce();
    await sweepAt(desk, '2026-03-20T10:00:00Z');
    expect(silence(replies(desk, report))).toHaveLength(1);
    await sweepAt(desk, '2026-03-24T10:00:00Z');
    expect(silence(replies(desk, report))).toHaveLength(2);
  });

  it('finds a newly silent report behind more reminded ones than a sweep reads at once', async () => {
    const { desk, report: old } = await deskWithReport({ sla: { keep_informed_days: 3, reminder_lead_hours: 0 } });
    const newer = await desk.file();
    const before = new Date('2026-03-20T10:00:00Z');
    const job = { key: `remind:${old.id}:silence`, kind: 'issue-update' as const, org: ORG, payload: '{}', runAfter: desk.now() };
    const [reminded] = await desk.store.listSilentReports(ORG, before, 1);
    await desk.store.recordReminders([{ reportId: old.id, notice: { key: keepInformedKey(reminded!.lastContactAt), job }, at: desk.now() }]);

    const next = await desk.store.listSilentReports(ORG, before, 1);

    expect(reminded?.reportId).toBe(old.id);
    expect(next.map((report) => report.reportId)).toEqual([newer.id]);
  });

  it('does not remind while the clock is paused waiting for the researcher, nor when the option is off', async () => {
    const paused = await deskWithReport({ sla: { keep_informed_days: 3, reminder_lead_hours: 0 } });
    await paused.desk.comment(paused.report.issueNumber, '/needs-info Which version?');
    await paused.desk.core.worker.runOnce();
    const off = await deskWithReport({ sla: { reminder_lead_hours: 0 } });

    await sweepAt(paused.desk, '2026-03-20T10:00:00Z');
    await sweepAt(off.desk, '2026-03-20T10:00:00Z');

    expect(replies(paused.desk, paused.report).filter((text) => text.includes('has heard nothing'))).toEqual([]);
    expect(replies(off.desk, off.report).filter((text) => text.includes('has heard nothing'))).toEqual([]);
  });

  it('records a reminder key once per report, and never moves the check of a date changed meanwhile', async () => {
    const { desk, report } = await deskWithReport();
    await desk.comment(report.issueNumber, '/disclose-on 2026-04-01');
    await desk.core.worker.runOnce();
    const job = { key: `remind:${report.id}:test`, kind: 'issue-update' as const, org: ORG, payload: '{}', runAfter: desk.now() };
    const at = desk.now();

    const first = await desk.store.recordReminders([{ reportId: report.id, notice: { key: 'test', job }, at }]);
    const second = await desk.store.recordReminders([{ reportId: report.id, notice: { key: 'test', job }, at }]);
    await desk.store.recordReminders([{ reportId: report.id, notice: null, at, disclosureCheck: { date: '2026-03-30', checkAt: null } }]);

    expect([first, second]).toEqual([1, 0]);
    expect((await desk.store.getTriage(report.id))?.disclosure?.checkAt).toEqual(new Date('2026-03-25T00:00:00Z'));
  });

  it('puts the agreed date in the status page story', async () => {
    const desk = await openDesk(await backend.open());
    const accepted = await desk.intake.accept(ORG, 'api', ReportInput.parse(SAMPLE_REPORT));
    await desk.core.worker.runOnce();
    const issueNumber = (await desk.store.getReport(accepted.id))?.issueNumber ?? 0;

    await desk.comment(issueNumber, '/disclose-on 2026-04-01');
    const view = await desk.statusDesk.status(accepted.statusToken);

    expect(view?.story.disclosureAgreed).toEqual({ date: '2026-04-01', at: desk.now() });
  });
});
