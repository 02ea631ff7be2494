import { beforeEach, expect, it } from 'vitest';
import { emailReplyHandler } from '../../src/mail/email-replies.js';
import type { EmailReplyDetails } from '../../src/mail/imap-poller.js';
import { silentLogger } from '../../src/log.js';
import { ReportInput } from '../../src/report/report.js';
import { type Desk, ORG, SAMPLE_REPORT, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

/** How the poller describes a reply; override what the test is about. */
function details(overrides: Partial<EmailReplyDetails> = {}): EmailReplyDetails {
  return { messageId: '<reply-1@mail.example.org>', via: 'thread', pgp: 'none', signature: 'unsigned', attachments: [], ...overrides };
}

const ADA = { address: 'ada@example.org', name: 'Ada' };

describeEachBackend('e-mail replies to a report', (backend) => {
  let desk: Desk;
  let onReply: ReturnType<typeof emailReplyHandler>;
  let kicks: number;

  /** Comments the app posted on `issueNumber` since `before`, without their marker line. */
  function commentsSince(issueNumber: number, before: number): string[] {
    return desk.commentsOn(issueNumber).slice(before).map((body) => body.split('\n').slice(1).join('\n'));
  }

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
    kicks = 0;
    onReply = emailReplyHandler({ store: desk.store, orgs: desk.core.orgs, clock: desk.now, log: silentLogger, kick: () => (kicks += 1) });
  });

  it('posts a reply from the reporting address as a comment and resolves true', async () => {
    const report = await desk.file({ contact: { email: 'ada@example.org' } });
    const before = desk.commentsOn(report.issueNumber).length;

    const handled = await onReply(report.id, 'It happens in Firefox 128 too.', ADA, details());
    await desk.core.worker.runOnce();

    expect(handled).toBe(true);
    expect(kicks).toBe(1);
    const comments = commentsSince(report.issueNumber, before);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain('**Reply from the researcher (e-mail)**');
    expect(comments[0]).toContain('It happens in Firefox 128 too.');
    const messages = await desk.store.listMessages(report.id);
    expect(messages.map((m) => ({ kind: m.kind, body: m.body }))).toEqual([{ kind: 'from-researcher', body: 'It happens in Firefox 128 too.' }]);
  });

  it('matches the reporting address whatever its case', async () => {
    const report = await desk.file({ contact: { email: 'Ada@Example.org' } });

    const handled = await onReply(report.id, 'Case does not matter.', { address: 'ADA@example.ORG', name: '' }, details());

    expect(handled).toBe(true);
  });

  it('posts the same message once when it is delivered again', async () => {
    const report = await desk.file({ contact: { email: 'ada@example.org' } });
    const before = desk.commentsOn(report.issueNumber).length;

    const first = await onReply(report.id, 'Once.', ADA, details({ messageId: '<same@mail.example.org>' }));
    const second = await onReply(report.id, 'Once.', ADA, details({ messageId: '<same@mail.example.org>' }));
    await desk.core.worker.runOnce();

    expect([first, second]).toEqual([true, true]);
    expect(commentsSince(report.issueNumber, before)).toHaveLength(1);
    expect(await desk.store.listMessages(report.id)).toHaveLength(1);
  });

  it('posts a message without a Message-ID once, keyed by its text', async () => {
    const report = await desk.file({ contact: { email: 'ada@example.org' } });

    await onReply(report.id, 'No id.', ADA, details({ messageId: null }));
    await onReply(report.id, 'No id.', ADA, details({ messageId: null }));

    expect(await desk.store.listMessages(report.id)).toHaveLength(1);
  });

  it.each([
    ['another address', { address: 'mallory@example.net', name: 'Ada' }],
    ['no sender', null],
  ])('resolves false for a reply from %s, posting nothing', async (_case, from) => {
    const report = await desk.file({ contact: { email: 'ada@example.org' } });
    const before = desk.commentsOn(report.issueNumber).length;

    const handled = await onReply(report.id, 'I am Ada, honestly. /accept', from, details());
    await desk.core.worker.runOnce();

    expect(handled).toBe(false);
    expect(commentsSince(report.issueNumber, before)).toEqual([]);
    expect(await desk.store.listMessages(report.id)).toEqual([]);
  });

  it('resolves false when the researcher gave no e-mail address', async () => {
    const report = await desk.file();

    const handled = await onReply(report.id, 'Hello from somewhere.', ADA, details());

    expect(handled).toBe(false);
    expect(await desk.store.listMessages(report.id)).toEqual([]);
  });

  it('resolves false for a report it does not know', async () => {
    const handled = await onReply('DD-UNKNOWN00000', 'Hello?', ADA, details());

    expect(handled).toBe(false);
  });

  it('throws for a report not filed yet, so the e-mail is tried again on the next poll', async () => {
    const queued = await desk.intake.accept(ORG, 'api', ReportInput.parse({ ...SAMPLE_REPORT, contact: { email: 'ada@example.org' } }));

    const handling = onReply(queued.id, 'Too early.', ADA, details());

    await expect(handling).rejects.toThrow('report not filed yet');
    expect(await desk.store.listMessages(queued.id)).toEqual([]);
  });

  it('takes the reply once the report is filed', async () => {
    const queued = await desk.intake.accept(ORG, 'api', ReportInput.parse({ ...SAMPLE_REPORT, contact: { email: 'ada@example.org' } }));
    await expect(onReply(queued.id, 'Too early.', ADA, details())).rejects.toThrow();

    await desk.core.worker.runOnce();
    const handled = await onReply(queued.id, 'Too early.', ADA, details());

    expect(handled).toBe(true);
    expect((await desk.store.listMessages(queued.id)).map((m) => m.body)).toContain('Too early.');
  });
});
