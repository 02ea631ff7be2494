import { beforeEach, expect, it } from 'vitest';
import { TransientError } from '../../src/errors.js';
import type { RepoPermission } from '../../src/ports/github.js';
import { type Desk, type FiledReport, ORG, TRACKING_REPO, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

const CRITICAL_VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

const CONFIG = {
  known_issues: [
    {
      id: 'marketing-clickjacking',
      title: 'Clickjacking on the marketing site',
      keywords: ['clickjacking'],
      notice: { en: 'We accepted this risk in 2025: the marketing site holds no sessions.' },
    },
  ],
};

describeEachBackend('triage commands in a tracking issue comment', (backend) => {
  let desk: Desk;
  let report: FiledReport;

  /** Event types recorded after filing, in order. */
  async function eventsSinceFiling(id = report.id): Promise<string[]> {
    const types = (await desk.store.listEvents(id)).map((event) => event.type);
    return types.slice(types.indexOf('filed') + 1);
  }

  /** The bodies of the comments the app posted on the issue since `before`, without their hidden marker line. */
  function repliesSince(before: number, issueNumber = report.issueNumber): string[] {
    return desk.commentsOn(issueNumber).slice(before).map((body) => body.split('\n').slice(1).join('\n'));
  }

  beforeEach(async () => {
    desk = await openDesk(await backend.open(), { config: CONFIG });
    report = await desk.file();
    desk.github.calls.length = 0;
  });

  it('applies a writer’s /severity vector: severity and status labels, one confirmation, the resolution target in the Deadlines section', async () => {
    const outcome = await desk.comment(report.issueNumber, `/severity ${CRITICAL_VECTOR}`);
    await desk.core.worker.runOnce();

    expect(outcome).toBe('applied');
    const issue = desk.issue(report.issueNumber);
    expect([...issue.labels].sort()).toEqual(['channel:api', 'severity:critical', 'status:triaged']);
    expect(issue.state).toBe('open');
    const replies = repliesSince(0);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toBe(`Severity set to **critical** (CVSS 9.8, \`${CRITICAL_VECTOR}\`); the resolution target follows from it.`);
    expect(issue.body).toContain('| Resolution target | Wednesday 1 April 2026, 23:59 (UTC) (30 calendar days) | open |');
    expect(issue.body).toContain('| Confirm receipt | Tuesday 3 March 2026, 23:59 (UTC) (1 business day) | met Monday 2 March 2026, 09:00 (UTC) |');
    expect(await eventsSinceFiling()).toEqual(['command', 'receipt-confirmed', 'severity-set', 'deadline-set']);
    const triage = await desk.store.getTriage(report.id);
    expect(triage?.status).toBe('triaged');
    expect(triage?.severity).toBe('critical');
    expect(triage?.sla.resolutionDue).toEqual(new Date('2026-04-01T23:59:59.999Z'));
  });

  it.each<[string, RepoPermission | null]>([
    ['read', 'read'],
    ['triage', 'triage'],
    ['no', null],
  ])('refuses the command of someone with %s access, changing nothing but one refusal comment', async (_access, permission) => {
    if (permission !== null) desk.setPermission('mallory', permission);
    const before = await desk.store.getTriage(report.id);
    const body = desk.issue(report.issueNumber).body;

    const outcome = await desk.comment(report.issueNumber, '/resolved', { author: 'mallory' });
    await desk.core.worker.runOnce();

    expect(outcome).toBe('refused');
    expect(repliesSince(0)).toEqual(['@mallory: only people with write access to this repository can run Disclosure Desk commands. Nothing was changed.']);
    const issue = desk.issue(report.issueNumber);
    expect([...issue.labels].sort()).toEqual(['channel:api', 'status:new']);
    expect(issue.state).toBe('open');
    expect(issue.body).toBe(body);
    expect(await desk.store.getTriage(report.id)).toEqual({ ...before, version: expect.any(Number) });
    expect(await eventsSinceFiling()).toEqual(['command-refused']);
    expect(await desk.store.listMessages(report.id)).toEqual([]);
  });

  it('records one refusal when the refused comment is redelivered', async () => {
    desk.setPermission('mallory', 'read');

    const first = await desk.comment(report.issueNumber, '/resolved', { author: 'mallory', commentId: 77 });
    const second = await desk.comment(report.issueNumber, '/resolved', { author: 'mallory', commentId: 77 });
    await desk.core.worker.runOnce();

    expect([first, second]).toEqual(['refused', 'already-applied']);
    expect(repliesSince(0)).toHaveLength(1);
    expect(await eventsSinceFiling()).toEqual(['command-refused']);
  });

  it('does nothing at all for a comment by a bot, not even a permission check', async () => {
    const outcome = await desk.comment(report.issueNumber, '/resolved', { author: 'disclosure-desk[bot]', bot: true, commentId: 78 });
    await desk.core.worker.runOnce();

    expect(outcome).toBe('ignored');
    expect(desk.github.calls).toEqual([]);
    expect(await desk.store.getJob('comment:78')).toBeNull();
    expect(await eventsSinceFiling()).toEqual([]);
  });

  it.each([
    ['a block quote', '> /resolved\n\nQuoting the above.'],
    ['a fenced code block', 'Type this:\n\n```\n/resolved\n```'],
    ['an indented code block', 'Type this:\n\n    /resolved'],
    ['an HTML comment', '<!--\n/resolved\n-->'],
    ['prose', 'See /resolved later, or /etc/passwd.'],
  ])('ignores a command inside %s', async (_where, body) => {
    const outcome = await desk.comment(report.issueNumber, body, { commentId: 79 });
    await desk.core.worker.runOnce();

    expect(outcome).toBe('ignored');
    expect(desk.github.calls).toEqual([]);
    expect(await desk.store.getJob('comment:79')).toBeNull();
    expect(desk.issue(report.issueNumber).state).toBe('open');
  });

  it.each([
    ['an unknown command', '/frobnicate', '`/frobnicate` not applied: unknown command. `usage: one of /severity, /scope, /duplicate, /known, /needs-info, /info-received, /accept, /reject, /fix-by, /resolved, /advisory, /cwe, /package, /reward, /reply, /verify-fix, /disclose-on`'],
    ['a malformed date', '/fix-by tomorrow', '`/fix-by` not applied: expected a real calendar date as YYYY-MM-DD. `usage: /fix-by YYYY-MM-DD`'],
    ['an unknown out-of-scope category', '/scope out lasers', '`/scope` not applied: unknown out-of-scope category "lasers".'],
  ])('answers %s with its usage and changes nothing else', async (_what, command, reply) => {
    const before = await desk.store.getTriage(report.id);
    const body = desk.issue(report.issueNumber).body;

    const outcome = await desk.comment(report.issueNumber, command);
    await desk.core.worker.runOnce();

    expect(outcome).toBe('applied');
    const replies = repliesSince(0);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.startsWith(reply)).toBe(true);
    const issue = desk.issue(report.issueNumber);
    expect([...issue.labels].sort()).toEqual(['channel:api', 'status:new']);
    expect(issue.state).toBe('open');
    expect(issue.body).toBe(body);
    expect(await eventsSinceFiling()).toEqual([]);
    const after = await desk.store.getTriage(report.id);
    expect({ ...after, version: 0 }).toEqual({ ...before, version: 0 });
  });

  it('answers two commands in one comment with one comment of two lines', async () => {
    const outcome = await desk.comment(report.issueNumber, '/severity high\n\nand also\n\n/needs-info Which browser did you use?');
    await desk.core.worker.runOnce();

    expect(outcome).toBe('applied');
    const replies = repliesSince(0);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.split('\n')).toEqual([
      'Severity set to **high**; the resolution target follows from it.',
      'Question recorded for the researcher. **The SLA clock is paused** until `/info-received`.',
    ]);
    expect([...desk.issue(report.issueNumber).labels].sort()).toEqual(['channel:api', 'severity:high', 'sla:paused', 'status:triaged']);
  });

  it('applies a redelivered comment once', async () => {
    const first = await desk.comment(report.issueNumber, '/severity high', { commentId: 80 });
    const second = await desk.comment(report.issueNumber, '/severity high', { commentId: 80 });
    await desk.core.worker.runOnce();
    const third = await desk.comment(report.issueNumber, '/severity high', { commentId: 80 });
    await desk.core.worker.runOnce();

    expect([first, second, third]).toEqual(['applied', 'already-applied', 'already-applied']);
    expect(repliesSince(0)).toHaveLength(1);
    expect((await eventsSinceFiling()).filter((type) => type === 'command')).toHaveLength(1);
    expect((await desk.store.getTriage(report.id))?.version).toBe(1);
  });

  it('closes an out-of-scope report as not planned and tells the researcher in their language', async () => {
    const dutch = await desk.file({ language: 'nl' });

    await desk.comment(dutch.issueNumber, '/scope out physical');
    await desk.core.worker.runOnce();

    const issue = desk.issue(dutch.issueNumber);
    expect(issue.state).toBe('closed');
    expect(issue.stateReason).toBe('not_planned');
    expect(issue.labels).toContain('status:rejected');
    expect(issue.labels).not.toContain('status:new');
    const messages = await desk.store.listMessages(dutch.id);
    expect(messages.map((m) => m.kind)).toEqual(['out-of-scope']);
    expect(messages[0]?.body).toMatch(/^Uw melding valt buiten de scope van ons beleid, in de categorie: /);
    expect(await eventsSinceFiling(dutch.id)).toEqual(['command', 'receipt-confirmed', 'assessed', 'scope-out']);
    expect((await desk.store.getTriage(dutch.id))?.nextCheckAt).toBeNull();
  });

  it('closes a duplicate with GitHub’s duplicate reason', async () => {
    const second = await desk.file();

    await desk.comment(second.issueNumber, `/duplicate #${report.issueNumber}`);
    await desk.core.worker.runOnce();

    const issue = desk.issue(second.issueNumber);
    expect(issue.state).toBe('closed');
    expect(issue.stateReason).toBe('duplicate');
    expect(issue.labels).toContain('status:duplicate');
    expect(desk.issue(report.issueNumber).state).toBe('open');
    expect((await desk.store.listMessages(second.id)).map((m) => m.kind)).toEqual(['duplicate']);
  });

  it('closes a known issue and sends the researcher its configured notice', async () => {
    await desk.comment(report.issueNumber, '/known marketing-clickjacking');
    await desk.core.worker.runOnce();

    const issue = desk.issue(report.issueNumber);
    expect(issue.state).toBe('closed');
    expect(issue.stateReason).toBe('not_planned');
    expect(issue.labels).toContain('status:known');
    expect(repliesSince(0)[0]).toContain('Known issue `marketing-clickjacking` (Clickjacking on the marketing site)');
    const messages = await desk.store.listMessages(report.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.body).toContain('We accepted this risk in 2025: the marketing site holds no sessions.');
  });

  it('pauses the clock with /needs-info: label, paused note in the Deadlines section, the question for the researcher', async () => {
    await desk.comment(report.issueNumber, '/needs-info Which browser did you use?');
    await desk.core.worker.runOnce();

    const issue = desk.issue(report.issueNumber);
    expect(issue.labels).toContain('sla:paused');
    expect(issue.state).toBe('open');
    expect(issue.body).toContain('**The clock is paused** since Monday 2 March 2026, 09:00 (UTC)');
    const messages = await desk.store.listMessages(report.id);
    expect(messages.map((m) => m.kind)).toEqual(['needs-info']);
    expect(messages[0]?.body).toContain('Which browser did you use?');
    const triage = await desk.store.getTriage(report.id);
    expect(triage?.sla.pausedAt).toEqual(new Date('2026-03-02T09:00:00Z'));
    expect(triage?.nextCheckAt).toBeNull();
  });

  it('resumes the clock with /info-received: label removed, open deadlines shifted by the paused business days', async () => {
    await desk.comment(report.issueNumber, '/needs-info Which browser did you use?');
    await desk.core.worker.runOnce();
    const paused = await desk.store.getTriage(report.id);
    desk.setNow('2026-03-04T10:00:00Z');

    await desk.comment(report.issueNumber, '/info-received');
    await desk.core.worker.runOnce();

    const resumed = await desk.store.getTriage(report.id);
    // Paused Monday to Wednesday: Monday and Tuesday, two business days.
    expect(paused?.sla.assessmentDue).toEqual(new Date('2026-03-09T23:59:59.999Z'));
    expect(resumed?.sla.assessmentDue).toEqual(new Date('2026-03-11T23:59:59.999Z'));
    expect(resumed?.sla.receiptDue).toEqual(paused?.sla.receiptDue);
    expect(resumed?.sla.pausedAt).toBeNull();
    expect(resumed?.sla.pausedCalendarDays).toBe(2);
    expect(resumed?.nextCheckAt).toEqual(new Date('2026-03-11T00:00:00Z'));
    const issue = desk.issue(report.issueNumber);
    expect(issue.labels).not.toContain('sla:paused');
    expect(issue.body).not.toContain('The clock is paused');
    expect(issue.body).toContain('| Assessment with an expected fix date | Wednesday 11 March 2026, 23:59 (UTC) (5 business days) | open |');
    expect((await desk.store.listMessages(report.id)).map((m) => m.kind)).toEqual(['needs-info', 'info-received']);
    expect(await eventsSinceFiling()).toContain('resumed');
  });

  it('closes a resolved report as completed', async () => {
    await desk.comment(report.issueNumber, '/resolved');
    await desk.core.worker.runOnce();

    const issue = desk.issue(report.issueNumber);
    expect(issue.state).toBe('closed');
    expect(issue.stateReason).toBe('completed');
    expect(issue.labels).toContain('status:resolved');
    expect(issue.labels).not.toContain('status:new');
    expect((await desk.store.listMessages(report.id)).map((m) => m.kind)).toEqual(['resolved']);
  });

  it('shows the resolution target as met once the report is resolved', async () => {
    await desk.comment(report.issueNumber, '/severity critical');
    await desk.core.worker.runOnce();
    desk.setNow('2026-03-10T12:00:00Z');

    await desk.comment(report.issueNumber, '/resolved');
    await desk.core.worker.runOnce();

    expect((await desk.store.getTriage(report.id))?.sla.resolutionMetAt).toEqual(new Date('2026-03-10T12:00:00Z'));
    // Receipt was confirmed by /severity: only the resolution row changes here.
    expect(desk.issue(report.issueNumber).body).toContain(
      '| Resolution target | Wednesday 1 April 2026, 23:59 (UTC) (30 calendar days) | met Tuesday 10 March 2026, 12:00 (UTC) |',
    );
  });

  it('ignores a command on an issue that is not a tracking issue', async () => {
    const other = desk.github.addIssue(ORG, TRACKING_REPO, { title: 'Rotate the staging keys' });

    const outcome = await desk.comment(other.number, '/resolved', { commentId: 81 });
    await desk.core.worker.runOnce();

    expect(outcome).toBe('ignored');
    expect(desk.github.calls).toEqual([]);
    expect(await desk.store.getJob('comment:81')).toBeNull();
    expect(desk.issue(other.number).state).toBe('open');
  });

  it('answers that the config is invalid and changes nothing', async () => {
    desk.configure({ sla: { receipt_business_days: 'soon' } });
    const before = await desk.store.getTriage(report.id);

    const outcome = await desk.comment(report.issueNumber, '/resolved');
    await desk.core.worker.runOnce();

    expect(outcome).toBe('refused');
    const replies = repliesSince(0);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('.github/disclosure.yml: sla.receipt_business_days');
    expect(replies[0]).toContain('Fix it, then repeat the command.');
    expect(desk.issue(report.issueNumber).state).toBe('open');
    expect(await desk.store.getTriage(report.id)).toEqual(before);
  });

  it('throws on a GitHub server error during the permission check and saves nothing, so a redelivery applies it', async () => {
    desk.github.failNext('permissionOf', new TransientError('get permission: server error (502)', 502));
    const before = await desk.store.getTriage(report.id);

    const failed = desk.comment(report.issueNumber, '/resolved', { commentId: 82 });

    await expect(failed).rejects.toBeInstanceOf(TransientError);
    expect(await desk.store.getJob('comment:82')).toBeNull();
    expect(await desk.store.getTriage(report.id)).toEqual(before);
    expect(await eventsSinceFiling()).toEqual([]);
    expect(await desk.comment(report.issueNumber, '/resolved', { commentId: 82 })).toBe('applied');
  });
});
