import { afterEach, beforeEach, expect, it } from 'vitest';
import { reportMarker } from '../../src/issue-text/marker.js';
import { deliverWebhook, issueCommentPayload } from '../helpers/comment-webhook.js';
import { type FaultApp, startFaultApp } from '../helpers/fault-app.js';
import { describeFaultBackends, type FaultDatabase } from '../helpers/fault-backends.js';
import { INSTALLATION_ID, ORG, plainReport, seedGitHub, STAFF, submitReport, TRACKING_REPO } from '../helpers/fault-fixtures.js';
import { startCheckedFakeGitHub } from '../helpers/fault-world.js';
import type { FakeGitHub, FakeIssue, HeldRequest } from '../helpers/fake-github.js';
import { type SmtpReceiver, startSmtpReceiver } from '../helpers/smtp-receiver.js';
import { cleanupStores } from '../helpers/stores.js';
import { withDeadline } from '../helpers/wait-for.js';

// Races at the seams of filing: GitHub has created the tracking issue, but the filing job
// has not heard back yet (the fake holds the answer to the create), and meanwhile a staff
// command arrives (it must take effect) or the researcher erases their contact details
// (erasure must win: no acknowledgement to the erased address, no contact kept).

const RESEARCHER_EMAIL = 'r.searcher@example.net';

describeFaultBackends('races while a report is being filed', (backend) => {
  let fake: FakeGitHub;
  let db: FaultDatabase;
  let app: FaultApp;
  let smtp: SmtpReceiver;

  /** What beforeEach opened, closed in reverse order after the test (also when set-up failed half-way). */
  const cleanups: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    fake = await startCheckedFakeGitHub(cleanups);
    smtp = await startSmtpReceiver();
    cleanups.push(smtp.close);
    db = await backend.createDatabase();
    cleanups.push(cleanupStores, db.close);
    seedGitHub(fake);
    app = await startFaultApp(fake, {
      store: db.store,
      probe: db.probe,
      env: { SMTP_URL: smtp.url, MAIL_FROM: '"Acme Security" <security@acme.example>', PUBLIC_URL: 'https://desk.acme.example' },
    });
    cleanups.push(app.stop);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /**
   * Starts filing with the answer to the issue create held back: resolves once GitHub
   * has created the issue, with the issue and the still-running outbox run.
   */
  async function fileUntilIssueCreated(): Promise<{ issue: FakeIssue; held: HeldRequest; filing: Promise<number> }> {
    const held = fake.hold({ method: 'POST', path: /^\/repos\/acme\/security-reports\/issues$/, phase: 'after-perform' });
    const filing = app.core.worker.runOnce();
    await withDeadline('the tracking issue to be created', held.seen, 10_000);
    const issue = fake.repo(ORG, TRACKING_REPO)?.issues.at(-1);
    if (issue === undefined) throw new Error('the create was seen but no issue exists');
    return { issue, held, filing };
  }

  it('applies a staff command that arrives after the issue was created but before filing recorded it', async () => {
    const { id } = await submitReport(app.base, plainReport(1));
    const { issue, held, filing } = await fileUntilIssueCreated();
    expect(issue.body).toContain(reportMarker(id));

    const payload = issueCommentPayload({
      org: ORG,
      repo: TRACKING_REPO,
      installationId: INSTALLATION_ID,
      issueNumber: issue.number,
      issueBody: issue.body,
      commentId: 8101,
      body: '/severity high',
      login: STAFF,
    });
    const response = await deliverWebhook(app.base, 'issue_comment', payload, 'race-command-1');
    held.release();
    await filing;
    await app.drain();

    expect(response.status).toBe(200);
    expect((await db.store.getReport(id))?.issueNumber).toBe(issue.number);
    expect(fake.issue(ORG, TRACKING_REPO, issue.number)?.labels, 'labels of the tracking issue').toContain('severity:high');
    expect((await db.store.getTriage(id))?.severity, 'severity in the store').toBe('high');
    const replies = fake.commentsOf(ORG, TRACKING_REPO, issue.number).filter((c) => c.body.includes('disclosure-desk:job=comment:8101 '));
    expect(replies, 'replies to the command').toHaveLength(1);
  });

  it('lets an erasure during filing win: no acknowledgement to the erased address, no contact kept', async () => {
    const { id, token } = await submitReport(app.base, plainReport(2, { contact: { name: 'R. Searcher', email: RESEARCHER_EMAIL, github: 'r-searcher' }, credit: 'name' }));
    const { held, filing } = await fileUntilIssueCreated();

    // As a researcher does it: the confirmation page first, then its form.
    const confirmPage = await (await fetch(`${app.base}/status/${token}/erase`)).text();
    const confirmation = /name="confirmation" value="([^"]+)"/.exec(confirmPage)?.[1] ?? '';
    expect(confirmation, 'the confirmation page carries its token').not.toBe('');
    const erased = await fetch(`${app.base}/status/${token}/erase`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ confirmation }) });
    held.release();
    await filing;
    await app.drain();

    expect(erased.status).toBe(303);
    expect((await db.store.getReport(id))?.status).toBe('filed');
    expect(smtp.received.flatMap((mail) => mail.to), 'mail recipients').not.toContain(RESEARCHER_EMAIL);
    const researcher = (await db.store.getTriage(id))?.researcher ?? null;
    expect(
      { email: researcher?.email ?? null, name: researcher?.name ?? null, phone: researcher?.phone ?? null, github: researcher?.github ?? null },
      'contact details in the store after filing',
    ).toEqual({ email: null, name: null, phone: null, github: null });
    const data = await fetch(`${app.base}/status/${token}/data.json`);
    expect(await data.text(), 'the researcher’s data download').not.toContain(RESEARCHER_EMAIL);
  });
});
