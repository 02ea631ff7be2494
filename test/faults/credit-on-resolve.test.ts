import { afterEach, beforeEach, expect, it } from 'vitest';
import { resolvedCreditRecordMarker } from '../../src/issue-text/credit-record.js';
import { deliverWebhook, issueCommentPayload } from '../helpers/comment-webhook.js';
import { type FaultApp, startFaultApp } from '../helpers/fault-app.js';
import { describeFaultBackends, type FaultDatabase } from '../helpers/fault-backends.js';
import { type Accepted, INSTALLATION_ID, ORG, plainReport, seedGitHub, STAFF, submitReport, TRACKING_REPO } from '../helpers/fault-fixtures.js';
import { startCheckedFakeGitHub } from '../helpers/fault-world.js';
import type { FakeGitHub } from '../helpers/fake-github.js';
import { cleanupStores } from '../helpers/stores.js';

// Rule "exactly once under lost answers" (README) for the credit of a report resolved
// without an advisory: `/resolved` queues the credit, which posts the credit record on the
// tracking issue and rewrites the hall of fame. GitHub fails those writes (5xx) or performs
// them and loses the answer; after the outbox has run to completion each exists once.

const CREDIT_COMMENT = /disclosure-desk:credit-record=/;
const HALL_OF_FAME = /^\/repos\/acme\/\.github\/contents\/HALL_OF_FAME\.md$/;

describeFaultBackends('the credit of a report resolved without an advisory, under GitHub faults', (backend) => {
  let fake: FakeGitHub;
  let db: FaultDatabase;
  let app: FaultApp;
  let commentIds = 8000;
  let reports = 40;

  const cleanups: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    fake = await startCheckedFakeGitHub(cleanups);
    db = await backend.createDatabase();
    cleanups.push(cleanupStores, db.close);
    seedGitHub(fake);
    app = await startFaultApp(fake, { store: db.store, probe: db.probe });
    cleanups.push(app.stop);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** Files a report of a researcher credited by name and resolves it; the outbox runs to completion. */
  async function resolvedReport(): Promise<{ accepted: Accepted; issueNumber: number }> {
    reports += 1;
    const accepted = await submitReport(app.base, plainReport(reports, { contact: { name: 'Ada Lovelace', github: 'ada-l' }, credit: 'name' }));
    await app.drain();
    const issueNumber = (await db.store.getReport(accepted.id))?.issueNumber;
    if (issueNumber == null) throw new Error(`report ${accepted.id} was not filed`);
    await command(issueNumber, '/severity high\n/reward 500 EUR');
    await command(issueNumber, '/resolved');
    await app.drain();
    return { accepted, issueNumber };
  }

  async function command(issueNumber: number, body: string): Promise<void> {
    commentIds += 1;
    const issueBody = fake.issue(ORG, TRACKING_REPO, issueNumber)?.body ?? null;
    const payload = issueCommentPayload({ org: ORG, repo: TRACKING_REPO, installationId: INSTALLATION_ID, issueNumber, issueBody, commentId: commentIds, body, login: STAFF });
    const response = await deliverWebhook(app.base, 'issue_comment', payload, `credit-${commentIds}`);
    expect(response.status, 'webhook answer').toBe(200);
  }

  function creditComments(issueNumber: number): string[] {
    return fake
      .commentsOf(ORG, TRACKING_REPO, issueNumber)
      .map((c) => c.body)
      .filter((body) => CREDIT_COMMENT.test(body));
  }

  function hallOfFame(): string {
    return fake.repo(ORG, '.github')?.files.get('HALL_OF_FAME.md')?.content.toString('utf8') ?? '';
  }

  function injected(): string[] {
    return fake.requests.filter((r) => r.injected !== undefined).map((r) => `${r.injected} ${r.method} ${r.path}`);
  }

  it('posts the credit record once when the answer to it is lost', async () => {
    fake.failNext({ kind: 'lost-answer', method: 'POST', path: /\/issues\/\d+\/comments$/, body: CREDIT_COMMENT });

    const { accepted, issueNumber } = await resolvedReport();

    expect(injected()).toHaveLength(1);
    const comments = creditComments(issueNumber);
    expect(comments, 'credit record comments').toHaveLength(1);
    expect(comments[0]).toContain(resolvedCreditRecordMarker(accepted.id));
    expect(comments[0]).toContain('| Reward | EUR 500 |');
    expect(hallOfFame().split('Ada Lovelace')).toHaveLength(2);
    expect(await db.store.listCreditRecords(ORG)).toHaveLength(1);
  });

  it('posts the credit record once when GitHub answers 5xx to it', async () => {
    fake.failNext({ kind: '5xx', status: 502, times: 2, method: 'POST', path: /\/issues\/\d+\/comments$/, body: CREDIT_COMMENT });

    const { issueNumber } = await resolvedReport();

    expect(injected()).toHaveLength(2);
    expect(creditComments(issueNumber), 'credit record comments').toHaveLength(1);
    expect(hallOfFame().split('Ada Lovelace')).toHaveLength(2);
  });

  it('writes the hall of fame once when the answer to its commit is lost, and not again when the report is resolved again', async () => {
    fake.failNext({ kind: 'lost-answer', method: 'PUT', path: HALL_OF_FAME });

    const { issueNumber } = await resolvedReport();
    await command(issueNumber, '/accept');
    await command(issueNumber, '/resolved');
    await app.drain();

    expect(injected()).toHaveLength(1);
    expect(fake.performed({ method: 'PUT', path: HALL_OF_FAME }), 'hall-of-fame commits that took effect').toHaveLength(1);
    expect(hallOfFame().split('Ada Lovelace')).toHaveLength(2);
    expect(creditComments(issueNumber)).toHaveLength(1);
  });
});
