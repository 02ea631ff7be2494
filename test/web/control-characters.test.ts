import { beforeEach, expect, it } from 'vitest';
import { emailReplyHandler } from '../../src/mail/email-replies.js';
import { silentLogger } from '../../src/log.js';
import { ReportInput } from '../../src/report/report.js';
import { type Desk, ORG, SAMPLE_REPORT, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';
import { serve } from './helpers/serve.js';

/**
 * PostgreSQL text and jsonb refuse NUL; SQLite keeps it. Researcher text must meet the same
 * rule on both: NUL and the other C0 controls (tab, newline and CR aside) are removed before
 * anything is stored.
 */
describeEachBackend('control characters in researcher text', (backend) => {
  let desk: Desk;

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
  });

  it('takes a status-page reply with a NUL and other controls, storing and posting it without them', async () => {
    const accepted = await desk.intake.accept(ORG, 'api', ReportInput.parse({ ...SAMPLE_REPORT, contact: { email: 'ada@example.org' } }));
    await desk.core.worker.runOnce();
    const filed = await desk.store.getReport(accepted.id);
    const { base } = await serve({ intake: desk.intake, pages: desk.pages, statusDesk: desk.statusDesk });

    const response = await fetch(`${base}/status/${accepted.statusToken}`, {
      method: 'POST',
      body: new URLSearchParams({ message: 'Firefox\u0000 128\u0007 on\tLinux\r\nand\u001b[31m Chrome' }),
      redirect: 'manual',
    });
    await desk.core.worker.runOnce();

    expect(response.status).toBe(303);
    const messages = await desk.store.listMessages(accepted.id);
    expect(messages.map((m) => m.body)).toEqual(['Firefox 128 on\tLinux\r\nand[31m Chrome']);
    const comments = desk.commentsOn(filed?.issueNumber ?? -1);
    expect(comments.at(-1)).toContain('Firefox 128 on\tLinux\nand[31m Chrome');
  });

  it('takes a status-page reply of control characters alone as empty: 400, nothing stored', async () => {
    const accepted = await desk.intake.accept(ORG, 'api', ReportInput.parse(SAMPLE_REPORT));
    await desk.core.worker.runOnce();
    const { base } = await serve({ intake: desk.intake, pages: desk.pages, statusDesk: desk.statusDesk });

    const response = await fetch(`${base}/status/${accepted.statusToken}`, { method: 'POST', body: new URLSearchParams({ message: '\u0000\u0000 \u0007' }), redirect: 'manual' });

    expect(response.status).toBe(400);
    expect(await desk.store.listMessages(accepted.id)).toEqual([]);
  });

  it('files an API report whose fields and contact carry a NUL, and no raw NUL reaches GitHub', async () => {
    const { base } = await serve({ intake: desk.intake, pages: desk.pages, statusDesk: desk.statusDesk });

    const response = await fetch(`${base}/api/v1/orgs/${ORG}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...SAMPLE_REPORT, title: 'Stored\u0000 XSS in profile', steps: 'a\u0000b', contact: { name: 'Ada\u0000 L' }, credit: 'name' }),
    });
    const answer = (await response.json()) as { id: string };
    await desk.core.worker.runOnce();

    expect(response.status).toBe(202);
    const filed = await desk.store.getReport(answer.id);
    expect(filed?.issueNumber).toBeTypeOf('number');
    const issue = desk.issue(filed?.issueNumber ?? -1);
    expect(issue.title).not.toContain('\u0000');
    expect(issue.body).not.toContain('\u0000');
  });

  it('takes an e-mail reply with a NUL the same way', async () => {
    const filed = await desk.file({ contact: { email: 'ada@example.org' } });
    const onReply = emailReplyHandler({ store: desk.store, orgs: desk.core.orgs, clock: desk.now, log: silentLogger, kick: () => undefined });
    const details = { messageId: '<nul-1@example.org>', via: 'thread' as const, pgp: 'none' as const, signature: 'unsigned' as const, attachments: [] };

    const handled = await onReply(filed.id, 'It\u0000 happens\u0008 too.', { address: 'ada@example.org', name: 'Ada' }, details);
    await desk.core.worker.runOnce();

    expect(handled).toBe(true);
    expect((await desk.store.listMessages(filed.id)).map((m) => m.body)).toEqual(['It happens too.']);
    expect(desk.commentsOn(filed.issueNumber).at(-1)).toContain('It happens too.');
  });
});
