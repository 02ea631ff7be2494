import { beforeEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { ReportInput } from '../../src/report/report.js';
import { receiveResearcherReply } from '../../src/flows/researcher/receive-reply.js';
import { type Desk, ORG, SAMPLE_REPORT, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

/** Text a hostile researcher might send: mentions, references, HTML, a fence of their own, a command. */
const HOSTILE = ['@acme/security please look, see #1 and acme/web#2', '<img src=x onerror=alert(1)>', '```', '/accept', '```', '<!-- disclosure-desk:job=x -->'].join('\n');

/**
 * Splits a reply comment into its heading and its fenced block: the fence (3+ backticks or
 * tildes, info string `text`) and the lines between it and the same closing fence.
 */
function splitComment(comment: string): [string, { fence: string; content: string }] {
  const match = /^(.*)\n\n(`{3,}|~{3,})text\n([\s\S]*)\n\2$/.exec(comment);
  if (match === null) throw new Error(`not a heading and one fenced block: ${comment}`);
  return [match[1] ?? '', { fence: match[2] ?? '', content: match[3] ?? '' }];
}

describeEachBackend('a researcher reply', (backend) => {
  let desk: Desk;
  let report: { id: string; issueNumber: number; token: string };

  /** The comments the app posted since `before`, without their hidden marker line. */
  function commentsSince(before: number): string[] {
    return desk.commentsOn(report.issueNumber).slice(before).map((body) => body.split('\n').slice(1).join('\n'));
  }

  /** Event types recorded since the last event of `type`. */
  async function eventsAfter(type: string): Promise<string[]> {
    const types = (await desk.store.listEvents(report.id)).map((event) => event.type);
    return types.slice(types.lastIndexOf(type) + 1);
  }

  function deps() {
    return { store: desk.store, orgs: desk.core.orgs, clock: desk.now, log: silentLogger, kick: () => undefined };
  }

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
    const accepted = await desk.intake.accept(ORG, 'api', ReportInput.parse({ ...SAMPLE_REPORT, contact: { email: 'ada@example.org' } }));
    await desk.core.worker.runOnce();
    const filed = await desk.store.getReport(accepted.id);
    if (filed?.issueNumber == null) throw new Error('the report was not filed');
    report = { id: accepted.id, issueNumber: filed.issueNumber, token: accepted.statusToken };
  });

  it('keeps a quoted status link (a bearer token) out of the tracking issue', async () => {
    const before = desk.commentsOn(report.issueNumber).length;
    const quoted = `Thanks!\n\n> Your status page: https://desk.acme.example/status/${report.token}\n`;

    await receiveResearcherReply(deps(), { reportId: report.id, text: quoted, via: 'email', key: 'email-reply:<q-1@example.net>' });
    await desk.core.worker.runOnce();

    const [comment] = commentsSince(before);
    expect(comment).toContain('/status/[link removed]');
    expect(comment).not.toContain(report.token);
    expect((await desk.store.listMessages(report.id)).map((m) => m.body).join('\n')).not.toContain(report.token);
  });

  it('fits a reply that neutralising makes longer into one comment GitHub accepts', async () => {
    const before = desk.commentsOn(report.issueNumber).length;
    // 50,000 zero-width spaces: each is shown as [U+200B] (8 characters) once neutralised.
    const invisible = '\u200B'.repeat(50_000);

    await receiveResearcherReply(deps(), { reportId: report.id, text: invisible, via: 'status-page', key: 'status-reply:long' });
    await desk.core.worker.runOnce();

    const [comment] = commentsSince(before);
    expect(comment?.length).toBeLessThanOrEqual(65_536);
    expect(comment).toContain('more characters, cut to fit one comment');
  });

  it('posts a status-page reply to a paused report as one neutralised comment and resumes the clock', async () => {
    await desk.comment(report.issueNumber, '/needs-info Which browser did you use?');
    await desk.core.worker.runOnce();
    const paused = await desk.store.getTriage(report.id);
    const before = desk.commentsOn(report.issueNumber).length;
    desk.setNow('2026-03-04T10:00:00Z');

    const outcome = await desk.statusDesk.reply(report.token, HOSTILE);
    await desk.core.worker.runOnce();

    expect(outcome).toBe('posted');
    const comments = commentsSince(before);
    expect(comments).toHaveLength(1);
    const [heading, fenced] = splitComment(comments[0] ?? '');
    expect(heading).toBe('**Reply from the researcher (status page)** — the SLA clock runs again.');
    // Inside a fence its text cannot close, nothing is Markdown: no mention, image, command or marker.
    expect(fenced.content).toContain('@acme/security please look, see #1 and acme/web#2\n<img src=x onerror=alert(1)>\n```\n/accept\n```\n');
    expect(fenced.content).not.toContain(fenced.fence);
    expect(fenced.content).not.toContain('<!--');
    const issue = desk.issue(report.issueNumber);
    expect(issue.labels).not.toContain('sla:paused');
    expect(issue.body).not.toContain('The clock is paused');
    const resumed = await desk.store.getTriage(report.id);
    // Paused Monday to Wednesday: two business days added to the open assessment deadline.
    expect(paused?.sla.pausedAt).toEqual(new Date('2026-03-02T09:00:00Z'));
    expect(paused?.sla.assessmentDue).toEqual(new Date('2026-03-09T23:59:59.999Z'));
    expect(resumed?.sla.pausedAt).toBeNull();
    expect(resumed?.sla.assessmentDue).toEqual(new Date('2026-03-11T23:59:59.999Z'));
    expect(resumed?.sla.receiptDue).toEqual(paused?.sla.receiptDue);
    expect(await eventsAfter('paused')).toEqual(['researcher-reply', 'resumed', 'deadline-set']);
    const replyEvent = (await desk.store.listEvents(report.id)).find((e) => e.type === 'researcher-reply');
    expect(replyEvent?.data).toEqual({ via: 'status-page', characters: HOSTILE.length });
  });

  it('keeps the reply for the status page as the researcher wrote it', async () => {
    await desk.comment(report.issueNumber, '/needs-info Which browser did you use?');
    await desk.core.worker.runOnce();

    await desk.statusDesk.reply(report.token, 'Firefox 128 <b>ESR</b>');

    const messages = await desk.store.listMessages(report.id);
    expect(messages.map((m) => ({ kind: m.kind, body: m.body }))).toEqual([
      { kind: 'needs-info', body: expect.stringContaining('Which browser did you use?') as string },
      { kind: 'from-researcher', body: 'Firefox 128 <b>ESR</b>' },
    ]);
    const status = await desk.statusDesk.status(report.token);
    expect(status?.messages.map((m) => m.from)).toEqual(['team', 'researcher']);
    expect(status?.triage?.paused).toBe(false);
  });

  it('posts a reply to a report that is not paused without touching the clock', async () => {
    const before = desk.commentsOn(report.issueNumber).length;
    const triage = await desk.store.getTriage(report.id);

    const outcome = await desk.statusDesk.reply(report.token, 'One more detail: it also works on /admin.');
    await desk.core.worker.runOnce();

    expect(outcome).toBe('posted');
    const comments = commentsSince(before);
    expect(comments).toHaveLength(1);
    expect(splitComment(comments[0] ?? '')).toEqual(['**Reply from the researcher (status page)**', { fence: expect.any(String) as string, content: 'One more detail: it also works on /admin.' }]);
    expect((await desk.store.getTriage(report.id))?.sla).toEqual(triage?.sla);
    expect(await eventsAfter('filed')).toEqual(['researcher-reply']);
  });

  it('posts an e-mail reply delivered twice under the same key once', async () => {
    await desk.comment(report.issueNumber, '/needs-info Which browser did you use?');
    await desk.core.worker.runOnce();
    const before = desk.commentsOn(report.issueNumber).length;
    const reply = { reportId: report.id, text: 'Chrome 126.', via: 'email' as const, key: 'email-reply:<abc@mail.example.org>' };

    const first = await receiveResearcherReply(deps(), reply);
    const second = await receiveResearcherReply(deps(), reply);
    await desk.core.worker.runOnce();

    expect([first, second]).toEqual(['posted', 'duplicate']);
    const comments = commentsSince(before);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain('**Reply from the researcher (e-mail)** — the SLA clock runs again.');
    expect((await desk.store.listMessages(report.id)).filter((m) => m.kind === 'from-researcher')).toHaveLength(1);
    expect((await eventsAfter('paused')).filter((type) => type === 'researcher-reply')).toHaveLength(1);
  });

  it('writes the comment heading in the tracking language', async () => {
    desk.configure({ tracking: { language: 'nl' } });
    const accepted = await desk.intake.accept(ORG, 'api', ReportInput.parse(SAMPLE_REPORT));
    await desk.core.worker.runOnce();
    const filed = await desk.store.getReport(accepted.id);
    report = { id: accepted.id, issueNumber: filed?.issueNumber ?? 0, token: accepted.statusToken };
    const before = desk.commentsOn(report.issueNumber).length;

    await desk.statusDesk.reply(report.token, 'Nog een detail.');
    await desk.core.worker.runOnce();

    expect(commentsSince(before)[0]).toMatch(/^\*\*Antwoord van de melder \(statuspagina\)\*\*\n\n/);
  });

  it('refuses a reply to a report that is not filed yet, and to an unknown report', async () => {
    const queued = await desk.intake.accept(ORG, 'api', ReportInput.parse(SAMPLE_REPORT));

    const notFiled = await receiveResearcherReply(deps(), { reportId: queued.id, text: 'Hello?', via: 'status-page', key: 'k1' });
    const viaPage = await desk.statusDesk.reply(queued.statusToken, 'Hello?');
    const unknown = await receiveResearcherReply(deps(), { reportId: 'DD-UNKNOWN00000', text: 'Hello?', via: 'email', key: 'k2' });

    expect(notFiled).toBe('not-filed');
    expect(viaPage).toBe('not-filed');
    expect(unknown).toBe('unknown');
    expect(await desk.store.listMessages(queued.id)).toEqual([]);
  });

  it('cuts a reply at 50,000 characters', async () => {
    await desk.statusDesk.reply(report.token, 'x'.repeat(60_000));

    const messages = await desk.store.listMessages(report.id);
    expect(messages[0]?.body).toHaveLength(50_000);
  });
});
